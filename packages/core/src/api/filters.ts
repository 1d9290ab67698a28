/**
 * `filters`: scipy.ndimage / scikit-image filters and thresholds on YX planes. Each function
 * runs now on a plane (`{data, shape: [ny, nx]}`) or lazily per plane on a DataArray.
 *
 * @example
 * import { filters } from "@nima-ts/core";
 * const smooth = filters.gaussian(image, { sigma: 2 });   // DataArray in, lazy DataArray out
 * const t = filters.thresholdLi(plane);                    // a plane in, a number out
 */
import { kernels as filterKernels } from "../kernels/filters/kernels.js";
import {
  entropyKernel,
  gaussianFilterKernel,
  type ThresholdLocalParams,
  thresholdLocalKernel,
  uniformFilterKernel,
  wienerKernel,
} from "../kernels/filters/specs.js";
import { kernels as rankKernels } from "../kernels/rank/index.js";
import {
  medianFilterKernel,
  percentileFilterKernel,
  type RankKernelParams,
  rankFilterKernel,
} from "../kernels/rank/specs.js";
import { thresholdLi as li } from "../kernels/threshold/li.js";
import { thresholdOtsu as otsu } from "../kernels/threshold/otsu.js";
import {
  thresholdLiKernel,
  thresholdOtsuKernel,
  thresholdYenKernel,
} from "../kernels/threshold/specs.js";
import { thresholdYen as yen } from "../kernels/threshold/yen.js";
import { planeFunction, planeStatistic } from "./plane.js";

export type { GaussianFilterOptions as GaussianOptions } from "../kernels/filters/gaussian.js";
export type { ThresholdLocalParams as ThresholdLocalOptions } from "../kernels/filters/specs.js";
export type { UniformFilterOptions as UniformOptions } from "../kernels/filters/uniform.js";
export type { WienerOptions } from "../kernels/filters/wiener.js";
export type { RankKernelParams as RankWindowOptions } from "../kernels/rank/specs.js";
export { THRESHOLD_METHODS, type ThresholdMethod } from "../kernels/threshold/methods.js";

/** Typed kernel handles, for `x.applyPlane(filters.handles.gaussian, {sigma: 2})`. */
export const handles = {
  median: medianFilterKernel,
  percentile: percentileFilterKernel,
  rank: rankFilterKernel,
  gaussian: gaussianFilterKernel,
  uniform: uniformFilterKernel,
  wiener: wienerKernel,
  entropy: entropyKernel,
  thresholdLocal: thresholdLocalKernel,
  thresholdLi: thresholdLiKernel,
  thresholdYen: thresholdYenKernel,
  thresholdOtsu: thresholdOtsuKernel,
} as const;

/**
 * `scipy.ndimage.median_filter`: the median over a box (`size`) or `footprint` (e.g.
 * `morphology.disk(1)`), border `mode` "reflect" by default; output dtype = input dtype.
 *
 * @example
 * const m = filters.median(plane, { footprint: morphology.disk(1) });
 */
export const median = planeFunction<RankKernelParams>(
  "filters.median",
  medianFilterKernel,
  rankKernels.median_filter,
);

/**
 * `scipy.ndimage.percentile_filter`: the given percentile over the window (scipy's rank rule).
 *
 * @example
 * const p80 = filters.percentile(plane, { percentile: 80, size: 10 });
 */
export const percentile = planeFunction<RankKernelParams & { percentile: number }>(
  "filters.percentile",
  percentileFilterKernel,
  rankKernels.percentile_filter,
);

/**
 * `scipy.ndimage.rank_filter`: the `rank`-th smallest value of the window (negative from the end).
 *
 * @example
 * const max3 = filters.rank(plane, { rank: -1, size: 3 });
 */
export const rank = planeFunction<RankKernelParams & { rank: number }>(
  "filters.rank",
  rankFilterKernel,
  rankKernels.rank_filter,
);

/**
 * `scipy.ndimage.gaussian_filter` (`sigma`, `truncate` 4, `mode` "reflect"): float64 out
 * (float32 for float32 input).
 *
 * @example
 * const g = filters.gaussian(image, { sigma: [2, 3] });
 */
export const gaussian = planeFunction(
  "filters.gaussian",
  gaussianFilterKernel,
  filterKernels.gaussian_filter,
);

/**
 * `scipy.ndimage.uniform_filter`: the mean over a `size` box; float64 out (float32 kept).
 *
 * @example
 * const u = filters.uniform(plane, { size: 5 });
 */
export const uniform = planeFunction(
  "filters.uniform",
  uniformFilterKernel,
  filterKernels.uniform_filter,
);

/**
 * `scipy.signal.wiener` (`mySize` [3, 3], `noise` estimated by default); float64 out.
 *
 * @example
 * const w = filters.wiener(plane, { mySize: 5 });
 */
export const wiener = planeFunction("filters.wiener", wienerKernel, filterKernels.wiener);

/**
 * `skimage.filters.rank.entropy` over `disk(radius)`, in bits; uint8 or uint16 input.
 *
 * @example
 * const e = filters.entropy(uint8Plane, { radius: 10 });
 */
export const entropy = planeFunction("filters.entropy", entropyKernel, filterKernels.entropy);

/**
 * `skimage.filters.threshold_local` (`blockSize` odd, `method` "gaussian" | "mean" | "median",
 * `offset`): the per-pixel threshold image.
 *
 * @example
 * const t = filters.thresholdLocal(plane, { blockSize: 101 });
 */
export const thresholdLocal = planeFunction<ThresholdLocalParams>(
  "filters.thresholdLocal",
  thresholdLocalKernel,
  filterKernels.threshold_local,
);

/**
 * `skimage.filters.threshold_li` (0.26): a number for a plane; for a DataArray, one float64
 * per plane (dims without Y, X).
 *
 * @example
 * const t = filters.thresholdLi(plane, { tolerance: 0.5 });
 * const perPlane = await filters.thresholdLi(stack).compute();
 */
export const thresholdLi = planeStatistic("filters.thresholdLi", thresholdLiKernel, (data, p) =>
  li(data, p),
);

/**
 * `skimage.filters.threshold_yen` (`nbins` 256).
 *
 * @example
 * const t = filters.thresholdYen(plane);
 */
export const thresholdYen = planeStatistic("filters.thresholdYen", thresholdYenKernel, (data, p) =>
  yen(data, p),
);

/**
 * `skimage.filters.threshold_otsu` (`nbins` 256).
 *
 * @example
 * const t = filters.thresholdOtsu(plane);
 */
export const thresholdOtsu = planeStatistic(
  "filters.thresholdOtsu",
  thresholdOtsuKernel,
  (data, p) => otsu(data, p),
);
