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
import type { BorderMode } from "../border.js";
import { planeKernel, sameDtype } from "../plane.js";
import type { Kernel } from "../registry.js";
import { disk, type Footprint } from "./footprint.js";
import {
  medianFilter,
  percentileFilter,
  type RankWindowOptions,
  rankFilter,
} from "./rank-filter.js";

export type { BorderMode } from "../border.js";
export { disk, type Footprint } from "./footprint.js";
export {
  medianFilter,
  type PercentileFilterOptions,
  percentileFilter,
  type RankFilterOptions,
  type RankWindowOptions,
  rankFilter,
} from "./rank-filter.js";

/** A footprint as JSON params carry it. */
export type FootprintParam =
  | { data: ArrayLike<number>; shape: [number, number] }
  | { disk: number };

export interface RankKernelParams {
  size?: number | [number, number];
  footprint?: FootprintParam;
  mode?: BorderMode;
  cval?: number;
  origin?: number | [number, number];
}

function footprintOf(param: FootprintParam | undefined, kernel: string): Footprint | undefined {
  if (param === undefined) return undefined;
  if (typeof param !== "object" || param === null) {
    throw new TypeError(`${kernel}: footprint must be {data, shape} or {disk: r}`);
  }
  if ("disk" in param) return disk(param.disk);
  if (!("data" in param) || !("shape" in param)) {
    throw new TypeError(`${kernel}: footprint must be {data, shape} or {disk: r}`);
  }
  return { data: Uint8Array.from(param.data, (v) => (v ? 1 : 0)), shape: param.shape };
}

function windowOptions(params: RankKernelParams, kernel: string): RankWindowOptions {
  return {
    size: params.size,
    footprint: footprintOf(params.footprint, kernel),
    mode: params.mode,
    cval: params.cval,
    origin: params.origin,
  };
}

/** Rank filters write every output value. */
const FULL = { writesEveryValue: true };

export const kernels: Record<string, Kernel> = {
  median_filter: planeKernel<RankKernelParams>(
    (src: TypedArray, ny, nx, params, out) => {
      medianFilter(src, ny, nx, windowOptions(params, "median_filter"), out);
    },
    sameDtype,
    FULL,
  ),
  percentile_filter: planeKernel<RankKernelParams & { percentile: number }>(
    (src: TypedArray, ny, nx, params, out) => {
      const opts = windowOptions(params, "percentile_filter");
      percentileFilter(src, ny, nx, { ...opts, percentile: params.percentile }, out);
    },
    sameDtype,
    FULL,
  ),
  rank_filter: planeKernel<RankKernelParams & { rank: number }>(
    (src: TypedArray, ny, nx, params, out) => {
      rankFilter(src, ny, nx, { ...windowOptions(params, "rank_filter"), rank: params.rank }, out);
    },
    sameDtype,
    FULL,
  ),
};
