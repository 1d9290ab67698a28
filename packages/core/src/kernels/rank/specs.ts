/**
 * Typed handles of the rank-filter kernels (scipy.ndimage median_filter / percentile_filter /
 * rank_filter on every YX plane; output dtype = input dtype). Code in ./index.ts.
 *
 * Params: `size` (number | [sy, sx], a full box) or `footprint` (`{data, shape: [fy, fx]}`,
 * nonzero = in, or `{disk: r}`; wins over `size`, as in scipy); `mode` (default "reflect"),
 * `cval` (0), `origin` (number | [oy, ox]); `percentile` or `rank`.
 */
import { checkTileableMode, rankFilterHalo } from "../../tiled/halo.js";
import { defineKernel } from "../define.js";
import { diskFootprint as disk, type Footprint } from "../footprint.js";
import type { RankWindowOptions } from "./rank-filter.js";
import { checkRank, percentileRank, resolveWindow } from "./window.js";

const load = () => import("./index.js");

/** A footprint as JSON params carry it. */
export type FootprintParam =
  | { data: ArrayLike<number>; shape: readonly [number, number] }
  | { disk: number };

/** The rank filters' window options, with the footprint as JSON (or a disk radius). */
export type RankKernelParams = Omit<RankWindowOptions, "footprint"> & {
  footprint?: FootprintParam;
};

function footprintOf(param: FootprintParam | undefined, kernel: string): Footprint | undefined {
  if (param === undefined) return undefined;
  if (typeof param !== "object" || param === null) {
    throw new TypeError(`${kernel}: footprint must be {data, shape} or {disk: r}`);
  }
  if ("disk" in param) return disk(param.disk);
  if (!("data" in param) || !("shape" in param)) {
    throw new TypeError(`${kernel}: footprint must be {data, shape} or {disk: r}`);
  }
  return {
    data: Uint8Array.from(param.data, (v) => (v ? 1 : 0)),
    shape: [param.shape[0], param.shape[1]],
  };
}

/** The rank filters' window options from JSON params. */
export function windowOptions(params: RankKernelParams, kernel: string): RankWindowOptions {
  return {
    size: params.size,
    footprint: footprintOf(params.footprint, kernel),
    mode: params.mode,
    cval: params.cval,
    origin: params.origin,
  };
}

/** The rank window's reach, so the filter runs on Y/X tiles with this halo. */
function rankHalo(kernel: string) {
  return (p: RankKernelParams) => {
    checkTileableMode(kernel, p.mode);
    return rankFilterHalo(windowOptions(p, kernel));
  };
}

/** Resolves the window as the filter will, so a bad size/footprint fails at build time. */
function window(p: RankKernelParams, kernel: string): number {
  return resolveWindow(windowOptions(p, kernel), kernel).count;
}

export const medianFilterKernel = defineKernel<RankKernelParams>("median_filter", {
  check: (p) => {
    window(p, "median_filter");
  },
  halo: rankHalo("median_filter"),
  load,
});

export const percentileFilterKernel = defineKernel<RankKernelParams & { percentile: number }>(
  "percentile_filter",
  {
    check: (p) => {
      percentileRank(p.percentile, window(p, "percentile_filter"), "percentile_filter");
    },
    halo: rankHalo("percentile_filter"),
    load,
  },
);

export const rankFilterKernel = defineKernel<RankKernelParams & { rank: number }>("rank_filter", {
  check: (p) => {
    checkRank(p.rank, window(p, "rank_filter"), "rank_filter");
  },
  halo: rankHalo("rank_filter"),
  load,
});
