/**
 * Rank-filter kernels (scipy.ndimage median_filter / percentile_filter / rank_filter on every
 * YX plane of a block; output dtype = input dtype).
 *
 * Params (JSON):
 * - `size`: number | [sy, sx], a full box; or
 * - `footprint`: `{ data: number[] | Uint8Array, shape: [fy, fx] }` (row-major, nonzero = in)
 *   or `{ disk: r }` for skimage.morphology.disk(r); wins over `size`, as in scipy;
 * - `mode`: "reflect" (default) | "nearest" | "mirror" | "constant" | "wrap" (+ grid-* aliases);
 * - `cval`: number, default 0 (constant mode); `origin`: number | [oy, ox], default 0;
 * - `percentile` (percentile_filter) or `rank` (rank_filter): number.
 * Example: `{ kernel: "median_filter", params: { footprint: { disk: 1 } } }` is nima.median.
 */
import type { TypedArray } from "../../array/dtype.js";
import { planeKernel } from "../plane.js";
import type { Kernel } from "../registry.js";
import { medianFilter, percentileFilter, rankFilter } from "./rank-filter.js";
import {
  medianFilterKernel,
  percentileFilterKernel,
  rankFilterKernel,
  windowOptions,
} from "./specs.js";

export type { BorderMode } from "../border.js";
export { diskFootprint as disk, type Footprint } from "../footprint.js";
export {
  medianFilter,
  type PercentileFilterOptions,
  percentileFilter,
  type RankFilterOptions,
  type RankWindowOptions,
  rankFilter,
} from "./rank-filter.js";
export type { FootprintParam, RankKernelParams } from "./specs.js";

/** Rank filters write every output value. */
const FULL = { writesEveryValue: true };

export const kernels: Record<string, Kernel> = {
  median_filter: planeKernel(
    medianFilterKernel,
    (src: TypedArray, ny, nx, params, out) => {
      medianFilter(src, ny, nx, windowOptions(params, "median_filter"), out);
    },
    FULL,
  ),
  percentile_filter: planeKernel(
    percentileFilterKernel,
    (src: TypedArray, ny, nx, params, out) => {
      const opts = windowOptions(params, "percentile_filter");
      percentileFilter(src, ny, nx, { ...opts, percentile: params.percentile }, out);
    },
    FULL,
  ),
  rank_filter: planeKernel(
    rankFilterKernel,
    (src: TypedArray, ny, nx, params, out) => {
      rankFilter(src, ny, nx, { ...windowOptions(params, "rank_filter"), rank: params.rank }, out);
    },
    FULL,
  ),
};
