/**
 * nima.bg: estimate the background of every YX plane and subtract it, lazily. The
 * per-plane median (calculate_bg's iqr[1]) is one `nima.bg` task per plane; the corrected
 * image is `clip(im − bgs, 0)`, one fused expression per plane that reads that task's value.
 * Nothing runs until `compute()`. On planes chunked in Y/X each plane's value comes from
 * streamed passes over its tiles (bg-tiles.ts), the same value.
 */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { ShapeError } from "../array/errors.js";
import type { Indexer } from "../array/indexing.js";
import { planeCheck } from "../array/map-planes.js";
import { isTiled } from "../graph/overlap.js";
import { formatFloat } from "../table/python-repr.js";
import { BgParams, type BgParamsInit } from "./bg-params.js";
import { bgTiles } from "./bg-tiles.js";
import { calculateBgResolved } from "./calculate-bg.js";
import type { BgFigure } from "./calculate-bg-figures.js";
import { bgKernel, bgStatsKernel } from "./kernel-specs.js";
import { BG_STATS, type BgKernelParams, downscaleLocalMean } from "./kernels-bg.js";

export interface BgOptions {
  /** Estimate each background on the plane block-averaged by [rows, cols] (default none). */
  downscale?: readonly [number, number] | null;
  /** Clip the corrected image at 0 (default true). */
  clip?: boolean;
}

export interface BgFigures {
  /**
   * The figure data of one plane, e.g. `frame({ T: 0, C: "G" })` (a label for C, positions
   * otherwise); computes that plane and its background when called.
   */
  frame(index: Record<string, Indexer | string>, options?: ComputeOptions): Promise<BgFigure>;
}

export interface BgOutput {
  /** clip(im − bgs, 0) in float64, lazy. */
  image: DataArray;
  /** The background median of each plane: dims of `im` without Y, X (and a size-1 Z), lazy. */
  bgs: DataArray;
  /** Figures on demand (nima returns matplotlib figures; here plain data). */
  figures: BgFigures;
}

/**
 * nima `bg(im, bg_params, downscale, clip)`. `bgParams` defaults to `new BgParams()`
 * ("arcsinh"). As nima, a BgParams instance without adaptiveRadius gets the one of the
 * first (here: every) plane, int(X / 2) made odd (after downscaling), written into it.
 */
export function bg(
  im: DataArray,
  bgParams?: BgParams | BgParamsInit,
  { downscale = null, clip = true }: BgOptions = {},
): BgOutput {
  planeCheck(im, "nima.bg");
  const params = BgParams.from(bgParams);
  if (downscale !== null) checkDownscale(downscale);
  const nx = downscale ? Math.ceil(im.sizes.X / downscale[1]) : im.sizes.X;
  params.resolveAdaptiveRadius(nx);
  const kernelParams = { params: params.toJSON(), downscale } satisfies BgKernelParams;
  let bgs = isTiled(im.lazy)
    ? bgTiles(im, kernelParams)
    : im.mapPlanes(bgKernel, kernelParams, { coreDims: {} });
  if (bgs.dims.includes("Z") && bgs.sizes.Z === 1) bgs = bgs.squeeze("Z");
  const corrected = im.sub(bgs);
  const image = clip ? corrected.clip(0) : corrected;
  return { image, bgs, figures: figureSource(im, kernelParams) };
}

/**
 * Every statistic of calculate_bg per plane, lazily: dims of `im` without Y, X, plus
 * `stat` = bg, sd, q25, q50, q75, count (same parameters and mutation rule as `bg`).
 */
export function bgStats(
  im: DataArray,
  bgParams?: BgParams | BgParamsInit,
  { downscale = null }: Pick<BgOptions, "downscale"> = {},
): DataArray {
  planeCheck(im, "nima.bgStats");
  const params = BgParams.from(bgParams);
  if (downscale !== null) checkDownscale(downscale);
  params.resolveAdaptiveRadius(downscale ? Math.ceil(im.sizes.X / downscale[1]) : im.sizes.X);
  const kernelParams = { params: params.toJSON(), downscale } satisfies BgKernelParams;
  const stats = im.mapPlanes(bgStatsKernel, kernelParams, {
    coreDims: { stat: BG_STATS.length },
  });
  return stats;
}

function checkDownscale(downscale: readonly [number, number]): void {
  if (
    !Array.isArray(downscale) ||
    downscale.length !== 2 ||
    !downscale.every((f) => Number.isInteger(f) && f >= 1)
  ) {
    throw new RangeError(
      `nima.bg: downscale must be [rows, cols] positive integers or null, got ${JSON.stringify(downscale)}`,
    );
  }
}

function figureSource(im: DataArray, { params, downscale }: BgKernelParams): BgFigures {
  return {
    async frame(index, options = {}) {
      const positional: Record<string, Indexer> = {};
      for (const [dim, value] of Object.entries(index)) {
        if (typeof value === "string") {
          const labels = im.coords[dim] ?? [];
          const at = labels.indexOf(value);
          if (at < 0) throw new ShapeError(`nima.bg figures: no ${dim} label "${value}"`);
          positional[dim] = at;
        } else positional[dim] = value;
      }
      const plane = await im.isel(positional).compute(options);
      if (plane.shape.slice(0, -2).some((s) => s !== 1)) {
        throw new ShapeError(
          `nima.bg figures: select one plane, got dims (${plane.dims.join(", ")}) of sizes [${plane.shape.join(", ")}]`,
        );
      }
      let data = plane.values;
      let ny = plane.sizes.Y;
      let nx = plane.sizes.X;
      if (downscale) ({ data, ny, nx } = downscaleLocalMean(data, ny, nx, downscale));
      return calculateBgResolved(data, ny, nx, params, { figures: true }).figures as BgFigure;
    },
  };
}

/**
 * bg.csv as nima's `output_results` writes it (pandas `to_csv`): an empty first header
 * cell, columns in `columns` order (default C, G, R when those are the channels, else the C
 * coords), index 0..T−1, floats as Python's repr. `bgs` must be computed, dims (T, C).
 */
export function bgsToCsv(bgs: DataArray, columns?: readonly string[]): string {
  if (bgs.dims.length !== 2 || bgs.dims[0] !== "T" || bgs.dims[1] !== "C") {
    throw new ShapeError(`bgsToCsv: needs dims (T, C), got (${bgs.dims.join(", ")})`);
  }
  const channels = (bgs.coords.C ?? bgs.shape.map((_, i) => i)).map(String);
  const order =
    columns ??
    (["C", "G", "R"].every((c) => channels.includes(c)) && channels.length === 3
      ? ["C", "G", "R"]
      : channels);
  const positions = order.map((name) => {
    const at = channels.indexOf(name);
    if (at < 0) throw new ShapeError(`bgsToCsv: no channel "${name}" in (${channels.join(", ")})`);
    return at;
  });
  const values = bgs.values;
  const nc = bgs.sizes.C;
  const lines = [`,${order.join(",")}`];
  for (let t = 0; t < bgs.sizes.T; t++) {
    lines.push([String(t), ...positions.map((c) => formatFloat(values[t * nc + c]))].join(","));
  }
  return `${lines.join("\n")}\n`;
}
