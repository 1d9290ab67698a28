/**
 * `ndimage`: scipy.ndimage's label, distance_transform_edt and labelled statistics.
 *
 * @example
 * import { ndimage } from "@nima-ts/core";
 * const d = ndimage.distanceTransformEdt(mask);
 */
import { ndimageMean, ndimageMedian, ndimageSum } from "../kernels/measure/labelledStats.js";
import { kernels as segKernels } from "../kernels/segmentation/kernels.js";
import type { Connectivity } from "../kernels/segmentation/label.js";
import { distanceTransformEdtKernel, labelKernel } from "../kernels/segmentation/specs.js";
import { type PlaneLike, planeFunction, toBlock } from "./plane.js";

/** Typed kernel handles. */
export const handles = {
  label: labelKernel,
  distanceTransformEdt: distanceTransformEdtKernel,
} as const;

/**
 * `scipy.ndimage.label`: nonzero pixels joined by the cross (`connectivity` 1, default) or
 * the square (2); int32 labels whatever the input's dtype.
 *
 * @example
 * const labels = ndimage.label(mask);
 */
export const label = planeFunction<{ connectivity?: Connectivity }, Int32Array>(
  "ndimage.label",
  labelKernel,
  segKernels.label,
);

/**
 * `scipy.ndimage.distance_transform_edt`: the Euclidean distance of each nonzero pixel to
 * the nearest zero; float64.
 *
 * @example
 * const d = ndimage.distanceTransformEdt(mask);
 */
export const distanceTransformEdt = planeFunction<Record<string, never>, Float64Array>(
  "ndimage.distanceTransformEdt",
  distanceTransformEdtKernel,
  segKernels.distance_transform_edt,
);

function labelled(
  fn: string,
  stat: (v: ArrayLike<number>, l: ArrayLike<number>, i: readonly number[]) => Float64Array,
) {
  return (input: PlaneLike, labels: PlaneLike, index: readonly number[]): Float64Array => {
    const v = toBlock(input, fn);
    const l = toBlock(labels, fn);
    if (v.data.length !== l.data.length || v.shape[0] !== l.shape[0]) {
      throw new RangeError(`${fn}: input [${v.shape}] and labels [${l.shape}] differ in shape`);
    }
    return stat(v.data, l.data, index);
  };
}

/**
 * `scipy.ndimage.median(input, labels, index)`: the median of `input` over each label.
 *
 * @example
 * const medians = ndimage.median(plane, labels, [1, 2, 3]);
 */
export const median = labelled("ndimage.median", ndimageMedian);

/**
 * `scipy.ndimage.mean(input, labels, index)` (numpy's summation).
 *
 * @example
 * const means = ndimage.mean(plane, labels, [1, 2]);
 */
export const mean = labelled("ndimage.mean", ndimageMean);

/**
 * `scipy.ndimage.sum_labels(input, labels, index)`.
 *
 * @example
 * const sums = ndimage.sum(plane, labels, [1]);
 */
export const sum = labelled("ndimage.sum", ndimageSum);
