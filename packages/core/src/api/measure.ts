/**
 * `measure`: labelling and region measurements (scikit-image's measure, scipy's find_objects).
 *
 * @example
 * import { measure } from "@nima-ts/core";
 * const labels = measure.label(mask);                  // int32, whatever the mask's dtype
 * const table = measure.regionpropsTable(labels, plane);
 */
import { type RegionTable, regionprops as regionTable } from "../kernels/measure/regionprops.js";
import { type BoundingBox, findObjects as boxes } from "../kernels/segmentation/findObjects.js";
import { kernels as segKernels } from "../kernels/segmentation/kernels.js";
import type { Connectivity } from "../kernels/segmentation/label.js";
import { labelImageKernel } from "../kernels/segmentation/specs.js";
import { type PlaneLike, planeFunction, toBlock } from "./plane.js";

export type { RegionTable } from "../kernels/measure/regionprops.js";
export type { BoundingBox } from "../kernels/segmentation/findObjects.js";

/** Typed kernel handles. */
export const handles = { label: labelImageKernel } as const;

export interface LabelOptions {
  /** 1 (4-neighbours) or 2 (8-neighbours, scikit-image's default). */
  connectivity?: Connectivity;
  /** Value of the background, left 0 (default 0). */
  background?: number;
}

/**
 * `skimage.measure.label`: connected regions of equal value numbered 1, 2, … in raster order;
 * always int32, whatever the input's dtype (a bool mask of 1024 objects gives labels to 1024).
 *
 * @example
 * const labels = measure.label(mask, { connectivity: 1 });
 */
export const label = planeFunction<LabelOptions, Int32Array>(
  "measure.label",
  labelImageKernel,
  segKernels.label_image,
);

/** One region of `regionprops`. */
export interface Region {
  label: number;
  area: number;
  centroid: [row: number, col: number];
  /** Half-open [minRow, minCol, maxRow, maxCol]. */
  bbox: [number, number, number, number];
  eccentricity: number;
  equivalentDiameterArea: number;
  /** Only with an intensity image. */
  intensityMean?: number;
}

/**
 * `skimage.measure.regionprops_table`: one column per property, one row per label in
 * ascending order (area, centroid, bbox, eccentricity, equivalent_diameter_area,
 * intensity_mean with an intensity plane).
 *
 * @example
 * const { label, area, intensityMean } = measure.regionpropsTable(labels, plane);
 */
export function regionpropsTable(labels: PlaneLike, intensity?: PlaneLike): RegionTable {
  const l = toBlock(labels, "measure.regionpropsTable");
  const i = intensity === undefined ? undefined : toBlock(intensity, "measure.regionpropsTable");
  if (i && (i.shape[0] !== l.shape[0] || i.shape[1] !== l.shape[1])) {
    throw new RangeError(
      `measure.regionpropsTable: intensity [${i.shape}] and labels [${l.shape}] differ in shape`,
    );
  }
  return regionTable(l.data, l.shape[0], l.shape[1], i?.data);
}

/**
 * `skimage.measure.regionprops`: the same properties as regionpropsTable, one object per region.
 *
 * @example
 * for (const r of measure.regionprops(labels, plane)) console.log(r.label, r.area);
 */
export function regionprops(labels: PlaneLike, intensity?: PlaneLike): Region[] {
  const t = regionpropsTable(labels, intensity);
  return Array.from(t.label, (lab, k) => ({
    label: lab,
    area: t.area[k],
    centroid: [t.centroidRow[k], t.centroidCol[k]],
    bbox: [t.bboxMinRow[k], t.bboxMinCol[k], t.bboxMaxRow[k], t.bboxMaxCol[k]],
    eccentricity: t.eccentricity[k],
    equivalentDiameterArea: t.equivalentDiameterArea[k],
    ...(t.intensityMean ? { intensityMean: t.intensityMean[k] } : {}),
  }));
}

/**
 * `scipy.ndimage.find_objects`: entry k − 1 is the half-open box of label k, or null when
 * label k has no pixel.
 *
 * @example
 * const [first] = measure.findObjects(labels); // {rowStart, rowStop, colStart, colStop}
 */
export function findObjects(labels: PlaneLike, maxLabel?: number): (BoundingBox | null)[] {
  const l = toBlock(labels, "measure.findObjects");
  return boxes(l.data, l.shape[0], l.shape[1], maxLabel);
}
