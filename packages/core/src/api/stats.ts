/**
 * `stats`: numpy's histogram, percentile (with its `method`s) and median, bit for bit.
 *
 * @example
 * import { stats } from "@nima-ts/core";
 * const { counts, edges } = stats.histogram(values, { bins: 50 });
 */
import {
  type Histogram,
  type HistogramOptions,
  histogram as npHistogram,
  finiteRange as range,
} from "../kernels/stats/histogram.js";
import type { NumberArray } from "../kernels/stats/pairwise.js";
import {
  median as npMedian,
  percentile as npPercentile,
  type PercentileMethod,
} from "../kernels/stats/percentile.js";

export type { Histogram, HistogramOptions } from "../kernels/stats/histogram.js";
export type { PercentileMethod } from "../kernels/stats/percentile.js";

/**
 * `np.histogram(values, bins, range)` with equal-width bins (numpy's bin-index correction,
 * last bin closed; float32 data binned in float32 as numpy does).
 *
 * @example
 * const { counts, edges } = stats.histogram(plane.data, { bins: 10, range: [0, 1000] });
 */
export function histogram(values: NumberArray, options: HistogramOptions = {}): Histogram {
  return npHistogram(values, options);
}

/**
 * `np.percentile(values, q, method=…)`: q in [0, 100], one number or a list; methods
 * linear (default), lower, higher, nearest, midpoint, hazen, weibull, median_unbiased,
 * normal_unbiased. Any NaN gives NaN.
 *
 * @example
 * const [p1, p99] = stats.percentile(plane.data, [1, 99]);
 * const q = stats.percentile(values, 50, { method: "nearest" });
 */
export function percentile(
  values: NumberArray,
  q: number,
  options?: { method?: PercentileMethod },
): number;
export function percentile(
  values: NumberArray,
  q: readonly number[],
  options?: { method?: PercentileMethod },
): number[];
export function percentile(
  values: NumberArray,
  q: number | readonly number[],
  { method = "linear" }: { method?: PercentileMethod } = {},
): number | number[] {
  return typeof q === "number" ? npPercentile(values, q, method) : npPercentile(values, q, method);
}

/**
 * Minimum and maximum of the finite values (NaN and ±inf skipped); undefined when none is
 * finite. The range displays and figures scale to.
 *
 * @example
 * const [lo, hi] = stats.finiteRange(plane.data) ?? [0, 0];
 */
export function finiteRange(values: NumberArray): [number, number] | undefined {
  return range(values);
}

/**
 * `np.median(values)` (NaN when empty or when a value is NaN).
 *
 * @example
 * const m = stats.median([3, 1, 2]); // 2
 */
export function median(values: NumberArray): number {
  return npMedian(values);
}
