/**
 * What the threshold viewer asks of a plane, as pure functions (run in its worker, or inline):
 * a histogram for display, the scikit-image 0.26 thresholds (yen, li, otsu; 256 bins as
 * skimage's default) and nima.segment's mask steps for a chosen threshold.
 */

import type { DType, TypedArray } from "@nima-ts/core";
import { closeMaskCross, filters, morphology, ndimage } from "@nima-ts/core/browser";

/** core's global thresholds, then a threshold set by hand. */
export const THRESHOLD_METHODS = [...filters.THRESHOLD_METHODS, "manual"] as const;
export type ThresholdMethod = (typeof THRESHOLD_METHODS)[number];
export type ComputedMethod = filters.ThresholdMethod;

export interface PlaneSummary {
  min: number;
  max: number;
  /** Counts of `bins` equal bins over [min, max] (finite values only). */
  counts: Float64Array;
  /** The computed thresholds; NaN where a method has no answer (e.g. a constant plane). */
  thresholds: Record<ComputedMethod, number>;
}

export interface MaskResult {
  /** Objects of the mask, numbered 1..count (ndimage.label, 4-connectivity). */
  labels: Int32Array;
  count: number;
  /** Milliseconds spent in the mask steps. */
  ms: number;
}

export function summarize(data: TypedArray, bins = 256): PlaneSummary {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v < min && v > Number.NEGATIVE_INFINITY) min = v;
    if (v > max && v < Number.POSITIVE_INFINITY) max = v;
  }
  if (!(min <= max)) min = max = 0;
  const counts = new Float64Array(bins);
  const scale = max > min ? bins / (max - min) : 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v >= min && v <= max) counts[Math.min(bins - 1, Math.floor((v - min) * scale))]++;
  }
  // A global threshold ignores the plane's shape: one row holds the values.
  const values = { data, shape: [1, data.length] };
  const attempt = (fn: (image: typeof values) => number) => {
    try {
      return fn(values);
    } catch {
      return Number.NaN;
    }
  };
  return {
    min,
    max,
    counts,
    thresholds: {
      yen: attempt(filters.thresholdYen),
      li: attempt(filters.thresholdLi),
      otsu: attempt(filters.thresholdOtsu),
    },
  };
}

/**
 * nima.segment's mask for `threshold`: image > threshold; remove_small_objects with
 * max_size = minSize − 1 (nima drops objects smaller than minSize; 0 keeps all); closing with
 * the 3×3 cross (closeMaskCross: core's closing, fast for a 0/1 mask); then label. With the
 * yen or li threshold this is nima.segment's plane.
 */
export function previewMask(
  data: TypedArray,
  ny: number,
  nx: number,
  threshold: number,
  minSize: number,
): MaskResult {
  const started = performance.now();
  let mask: Uint8Array = new Uint8Array(ny * nx);
  for (let i = 0; i < mask.length; i++) mask[i] = data[i] > threshold ? 1 : 0;
  const shape = [ny, nx] as const;
  if (minSize > 0) {
    const plane = { data: mask, shape, dtype: "bool" as const };
    mask = morphology.removeSmallObjects(plane, { maxSize: minSize - 1 }).data;
  }
  mask = closeMaskCross(mask, ny, nx);
  const labels = ndimage.label({ data: mask, shape, dtype: "bool" }).data;
  // ndimage.label numbers objects 1..count in raster order, so the count is the largest.
  let count = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] > count) count = labels[i];
  return { labels, count, ms: performance.now() - started };
}

export type { DType };
