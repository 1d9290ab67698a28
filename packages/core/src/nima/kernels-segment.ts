/**
 * Per-plane kernels behind nima.segment and nima.measure (nima 0.11.9 numpy code path with
 * scikit-image 0.26 semantics, see shared/reference/README §4.1 and §5).
 *
 * | kernel | inputs | output | params |
 * |---|---|---|---|
 * | `nima.segment` | ga planes [..., Y, X] | int32 labels | SegmentPlaneParams |
 * | `nima.measure_plane` | labels, channel planes…, [r_cl, r_pH] | float64 [..., label, prop] | MeasurePlaneParams |
 */
import type { Block } from "../array/block.js";
import { sizeOf } from "../array/block.js";
import type { TypedArray } from "../array/dtype.js";
import { wiener } from "../kernels/filters/wiener.js";
import { groupPixels, regionprops } from "../kernels/measure/regionprops.js";
import { planeKernel } from "../kernels/plane.js";
import type { Kernel } from "../kernels/registry.js";
import { clearBorder } from "../kernels/segmentation/clearBorder.js";
import { label, labelImage } from "../kernels/segmentation/label.js";
import { closing } from "../kernels/segmentation/morphology.js";
import { randomWalker } from "../kernels/segmentation/randomWalker.js";
import { removeSmallObjects } from "../kernels/segmentation/removeSmallObjects.js";
import { splitCells } from "../kernels/segmentation/splitCells.js";
import { npSum } from "../kernels/stats/pairwise.js";
import { thresholdLi } from "../kernels/threshold/li.js";
import type { ThresholdMethod as GlobalThresholdMethod } from "../kernels/threshold/methods.js";
import { thresholdYen } from "../kernels/threshold/yen.js";

/** The global thresholds nima.segment offers (a subset of filters.THRESHOLD_METHODS). */
export type ThresholdMethod = Extract<GlobalThresholdMethod, "yen" | "li">;

export interface SegmentPlaneParams {
  thresholdMethod: ThresholdMethod;
  /** Objects with fewer pixels are removed; 0 or null keeps all (nima's `if min_size:`). */
  minSize: number | null;
  wiener: boolean;
  clearBorder: boolean;
  watershed: boolean;
  /** With watershed: random_walker from the watershed's markers instead of the flooding. */
  randomwalk?: boolean;
}

/**
 * One plane of `nima.segment`: optional `scipy.signal.wiener(ga, (3, 3))`; mask =
 * ga > threshold_yen|li(ga); `remove_small_objects(mask, max_size=min_size-1)`
 * (4-connectivity); `morphology.closing` (3×3 cross, mode reflect); optional
 * `clear_border`; then `ndimage.label` (4-connectivity), or nima's watershed split (or,
 * with randomwalk too, its random-walker variant).
 */
export function segmentPlane(
  ga: TypedArray,
  ny: number,
  nx: number,
  params: SegmentPlaneParams,
  out: Int32Array = new Int32Array(ny * nx),
): Int32Array {
  const image = params.wiener ? wiener(ga, ny, nx, { mySize: [3, 3] }) : ga;
  const threshold = params.thresholdMethod === "li" ? thresholdLi(image) : thresholdYen(image);
  let mask: Uint8Array = new Uint8Array(ny * nx);
  for (let i = 0; i < mask.length; i++) mask[i] = image[i] > threshold ? 1 : 0;
  if (params.minSize) {
    mask = removeSmallObjects(mask, ny, nx, { maxSize: params.minSize - 1 }, mask);
  }
  mask = closing(mask, ny, nx);
  if (params.clearBorder) mask = clearBorder(mask, ny, nx);
  if (params.watershed) {
    out.set(params.randomwalk ? randomWalkCells(mask, ny, nx) : splitCells(mask, ny, nx).labels);
  } else label(mask, ny, nx, {}, out);
  return out;
}

/**
 * nima's `randomwalk` branch of `process_watershed` on one mask plane: the watershed's
 * markers (`measure.label` of the same peak_local_max peaks), −1 outside the mask, then
 * `segmentation.random_walker(mask, markers, mode="bf")` with beta 130. As in nima, the
 * background comes out −1 (not 0) and a plane with no object stays all 0.
 *
 * One divergence: with a single marker in the plane, scikit-image's "bf" solve returns a 1-D
 * array and its argmax becomes a pixel index, so nima labels the cell 1 + that index (a
 * number set by rounding noise); here the cell gets the marker's label, 1.
 */
export function randomWalkCells(mask: Uint8Array, ny: number, nx: number): Int32Array {
  // splitCells also floods the watershed, unused here: it is the one source of nima's peaks.
  const { peaks } = splitCells(mask, ny, nx);
  if (peaks.length === 0) return new Int32Array(ny * nx);
  const peakMask = new Uint8Array(ny * nx);
  for (const [r, c] of peaks) peakMask[r * nx + c] = 1;
  const markers = labelImage(peakMask, ny, nx).labels;
  for (let i = 0; i < markers.length; i++) if (!mask[i]) markers[i] = -1;
  return randomWalker(mask, markers, ny, nx, { mode: "bf", dtype: "bool" });
}

/** The per-label measurements of one plane, in this order after the channel means. */
export const SHAPE_PROPS = ["area", "eccentricity", "equivalent_diameter"] as const;
export const RATIO_MEDIANS = ["r_cl_median", "r_pH_median"] as const;

export interface MeasurePlaneParams {
  /** The label ids to report, one output row each (ascending). */
  labels: number[];
  /** How many channel planes follow the labels. */
  channels: number;
  /** Whether two ratio images (r_cl, r_pH) follow the channels. */
  ratios: boolean;
}

/** Columns per label: channel means, area, eccentricity, equivalent diameter, [medians]. */
export function measureWidth({ channels, ratios }: MeasurePlaneParams): number {
  return channels + SHAPE_PROPS.length + (ratios ? RATIO_MEDIANS.length : 0);
}

/**
 * One plane of `nima.measure`: for each requested label, the `regionprops` intensity_mean of
 * every channel (numpy's pairwise mean over the pixels in raster order), area (float, as
 * scikit-image 0.26), eccentricity, equivalent_diameter_area, and the `ndimage.median` of the
 * ratio images over the label ((a+b)/2 for an even count). A label absent from the plane
 * gets area 0 and NaN elsewhere.
 */
export function measurePlane(
  labels: ArrayLike<number>,
  planes: readonly ArrayLike<number>[],
  ny: number,
  nx: number,
  params: MeasurePlaneParams,
  out: Float64Array,
): void {
  const width = measureWidth(params);
  const rowOf = new Map(params.labels.map((l, k) => [l, k]));
  out.fill(Number.NaN);
  for (let k = 0; k < params.labels.length; k++) out[k * width + params.channels] = 0;
  const props = regionprops(labels, ny, nx);
  const maxLabel = props.label.length === 0 ? 0 : props.label[props.label.length - 1];
  const groups = groupPixels(labels, maxLabel);
  const gathered = new Float64Array(groups.pixels.length);
  props.label.forEach((lab, p) => {
    const k = rowOf.get(lab);
    if (k === undefined) return;
    const row = out.subarray(k * width, (k + 1) * width);
    const start = groups.start[lab];
    const count = groups.start[lab + 1] - start;
    const pixels = groups.pixels.subarray(start, start + count);
    for (let c = 0; c < params.channels; c++) {
      const values = planes[c];
      for (let j = 0; j < count; j++) gathered[j] = values[pixels[j]];
      row[c] = npSum(gathered, 0, count) / count;
    }
    row[params.channels] = props.area[p];
    row[params.channels + 1] = props.eccentricity[p];
    row[params.channels + 2] = props.equivalentDiameterArea[p];
    if (params.ratios) {
      for (let r = 0; r < 2; r++) {
        const values = planes[params.channels + r];
        const group = gathered.subarray(0, count);
        for (let j = 0; j < count; j++) group[j] = values[pixels[j]];
        group.sort();
        row[params.channels + 3 + r] = (group[(count - 1) >> 1] + group[count >> 1]) / 2;
      }
    }
  });
}

/** The kernel form of measurePlane: inputs [labels, ...planes], each [..., Y, X]. */
const measureKernel: Kernel = (inputs, rawParams) => {
  const params = rawParams as unknown as MeasurePlaneParams;
  const [labels, ...planes] = inputs;
  const expected = params.channels + (params.ratios ? 2 : 0);
  if (planes.length !== expected) {
    throw new RangeError(
      `nima.measure_plane: expected ${expected} planes after the labels, got ${planes.length}`,
    );
  }
  const { shape } = labels;
  const ny = shape[shape.length - 2];
  const nx = shape[shape.length - 1];
  const planeSize = ny * nx;
  const count = planeSize === 0 ? 0 : sizeOf(shape) / planeSize;
  const width = measureWidth(params);
  const rows = params.labels.length * width;
  const out = new Float64Array(count * rows);
  const planeOf = (block: Block, p: number) => {
    // An input broadcast over leading dims holds a single plane.
    const q = block.data.length === planeSize ? 0 : p;
    return block.data.subarray(q * planeSize, (q + 1) * planeSize);
  };
  for (let p = 0; p < count; p++) {
    measurePlane(
      planeOf(labels, p),
      planes.map((block) => planeOf(block, p)),
      ny,
      nx,
      params,
      out.subarray(p * rows, (p + 1) * rows),
    );
  }
  return {
    data: out,
    shape: [...shape.slice(0, -2), params.labels.length, width],
    dtype: "float64",
  };
};

export const kernels: Record<string, Kernel> = {
  "nima.segment": planeKernel<SegmentPlaneParams>((src, ny, nx, params, out) => {
    segmentPlane(src, ny, nx, params, out as Int32Array);
  }, "int32"),
  "nima.measure_plane": measureKernel,
};
