/**
 * `segmentation`: scikit-image's watershed, random_walker, clear_border and peak_local_max.
 *
 * @example
 * import { segmentation } from "@nima-ts/core";
 * const cleared = segmentation.clearBorder(labels);
 */

import { kernels as segKernels } from "../kernels/segmentation/kernels.js";
import type { Connectivity } from "../kernels/segmentation/label.js";
import {
  type Peak,
  type PeakLocalMaxOptions as PeakOptions,
  peakLocalMax as peaks,
} from "../kernels/segmentation/peakLocalMax.js";
import { kernels as rwKernels } from "../kernels/segmentation/randomWalkerKernel.js";
import { clearBorderKernel, randomWalkerKernel } from "../kernels/segmentation/specs.js";
import { watershed as flood } from "../kernels/segmentation/watershed.js";
import { type Plane, type PlaneLike, pairFunction, planeFunction, toBlock } from "./plane.js";

export type { Peak } from "../kernels/segmentation/peakLocalMax.js";

/** Typed kernel handles. */
export const handles = {
  clearBorder: clearBorderKernel,
  randomWalker: randomWalkerKernel,
} as const;

export interface ClearBorderOptions {
  /** Extra frame width beyond the 1-pixel border (default 0). */
  bufferSize?: number;
  /** Value given to the cleared objects (default 0). */
  bgval?: number;
}

/**
 * `skimage.segmentation.clear_border`: removes the labels touching the image border.
 *
 * @example
 * const inner = segmentation.clearBorder(labels, { bufferSize: 2 });
 */
export const clearBorder = planeFunction<ClearBorderOptions>(
  "segmentation.clearBorder",
  clearBorderKernel,
  segKernels.clear_border,
);

export interface RandomWalkerOptions {
  /** Penalisation of intensity jumps (default 130). */
  beta?: number;
  /** Solver: "bf" (direct, the default here). */
  mode?: "bf";
}

/**
 * `skimage.segmentation.random_walker(data, labels, beta, mode="bf")`: int32 labels; seeds
 * > 0, 0 unlabelled, < 0 inactive. Two planes now, or two DataArrays lazily per plane.
 *
 * @example
 * const regions = segmentation.randomWalker(plane, seeds, { beta: 130 });
 */
export const randomWalker = pairFunction<RandomWalkerOptions, Int32Array>(
  "segmentation.randomWalker",
  randomWalkerKernel,
  rwKernels.random_walker,
);

export interface WatershedOptions {
  /** Only pixels where the mask is nonzero are labelled. */
  mask?: PlaneLike;
  /** 1 (default) or 2. */
  connectivity?: Connectivity;
}

/**
 * `skimage.segmentation.watershed(image, markers, mask=…)`: floods `image` from the int
 * markers in scikit-image's order; int32 labels.
 *
 * @example
 * const cells = segmentation.watershed(negDistance, markers, { mask });
 */
export function watershed(
  image: PlaneLike,
  markers: PlaneLike,
  { mask, connectivity }: WatershedOptions = {},
): Plane<Int32Array> {
  const fn = "segmentation.watershed";
  const im = toBlock(image, fn);
  const mk = toBlock(markers, fn);
  const m = mask === undefined ? undefined : toBlock(mask, fn);
  for (const other of [mk, m]) {
    if (other && (other.shape[0] !== im.shape[0] || other.shape[1] !== im.shape[1])) {
      throw new RangeError(`${fn}: [${other.shape}] does not match the image's [${im.shape}]`);
    }
  }
  const [ny, nx] = im.shape;
  const data = flood(im.data, mk.data, ny, nx, { mask: m?.data, connectivity });
  return { data, shape: [ny, nx], dtype: "int32" };
}

/** peak_local_max's options, with `labels` as a plane. */
export type PeakLocalMaxOptions = Omit<PeakOptions, "labels"> & {
  /** Peaks are searched per label of this plane. */
  labels?: PlaneLike;
};

/**
 * `skimage.feature.peak_local_max`: [row, col] of the local maxima, strongest first.
 *
 * @example
 * const peaks = segmentation.peakLocalMax(distance, { minDistance: 5, labels });
 */
export function peakLocalMax(image: PlaneLike, options: PeakLocalMaxOptions = {}): Peak[] {
  const fn = "segmentation.peakLocalMax";
  const im = toBlock(image, fn);
  const { labels, ...rest } = options;
  const lab = labels === undefined ? undefined : toBlock(labels, fn).data;
  return peaks(im.data, im.shape[0], im.shape[1], { ...rest, labels: lab });
}
