/**
 * nima's background (`calculate_bg`, and `bg`'s subtraction) on one tiled plane, equal to
 * nima/calculate-bg.ts on the whole plane for the methods whose mask is tileable: arcsinh
 * (a halo'd percentile filter, then min/max), entropy (integer planes: a halo'd entropy),
 * li_li (streamed threshold_li twice, optional halo'd erosion) and inverse_yen (a halo'd
 * 3 × 3 threshold_local, streamed threshold_yen). The statistics of the masked pixels are
 * streamed (masked-stats.ts): integer planes counted per value, others by bucket passes and
 * numpy-order sums.
 * adaptive and li_adaptive are refused (see `refuse`), as are float32 planes.
 */
import type { DType, TypedArray } from "../array/dtype.js";
import { imgAsUbyte } from "../kernels/filters/convert.js";
import { entropy } from "../kernels/filters/entropy.js";
import { diskFootprint } from "../kernels/footprint.js";
import { percentileFilter } from "../kernels/rank/rank-filter.js";
import { binaryErosion } from "../kernels/segmentation/morphology.js";
import { arcsinh } from "../kernels/stats/arcsinh.js";
import { thresholdLocal } from "../kernels/threshold/local.js";
import { BgParams, type BgParamsInit, checkBgParams } from "../nima/bg-params.js";
import {
  arcsinhLimit,
  bgTitle,
  comparable,
  type ResolvedBgParams,
} from "../nima/calculate-bg-kinds.js";
import { formatFloat } from "../table/python-repr.js";
import { entropyHalo, gaussianHalo, morphologyHalo, rankFilterHalo } from "./halo.js";
import {
  binary,
  cast,
  exprPlane,
  overlapPlane,
  type Persist,
  persisted,
  zipPlanes,
} from "./lazy.js";
import { tiledThresholdLi } from "./li.js";
import { maskedStats } from "./masked-stats.js";
import { type PlaneScan, scanPlane } from "./scan.js";
import { tiledThresholdYen } from "./threshold.js";
import { readBox, type TiledPlane, type TileShape } from "./tiles.js";

export interface TiledBgResult {
  /** norm.fit mean and (population) sd of the background pixels. */
  bg: number;
  sd: number;
  /** 25th, 50th and 75th percentiles; nima.bg subtracts iqr[1]. */
  iqr: [number, number, number];
  /** The background mask (1 = background), read on demand. */
  mask: TiledPlane<Uint8Array>;
  maskCount: number;
  adaptiveRadius: number;
  title: string;
  /** arcsinh / entropy: the image thresholded (read on demand) and its threshold. */
  lim?: { image: TiledPlane; min: number; max: number; threshold: number };
}

export interface TiledBgOptions {
  /** Stores the background mask (read by several passes) and reads it back. */
  persist?: Persist;
}

interface TiledMask {
  mask: TiledPlane<Uint8Array>;
  lim?: TiledBgResult["lim"];
}

/** Methods with no exact tiled form, and why. */
function refuse(p: ResolvedBgParams, sample: TypedArray): void {
  const fn = "tiledCalculateBg";
  if (p.kind === "adaptive" || p.kind === "li_adaptive") {
    throw new RangeError(
      `${fn}: kind "${p.kind}" is not tiled: its threshold_local block (adaptiveRadius ` +
        `${p.adaptiveRadius}, by default half the plane width) is a gaussian reaching 2/3 of ` +
        "a block each way, so every window would read most of the plane; use arcsinh, " +
        "entropy, li_li or inverse_yen, or the whole-plane nima.bg",
    );
  }
  if (sample instanceof Float32Array) {
    throw new RangeError(
      `${fn}: float32 planes are not supported: norm.fit sums float32 pixels in float32, ` +
        "which the streamed (float64) sums do not reproduce; convert the plane to float64",
    );
  }
  if (p.kind === "entropy" && sample instanceof Float64Array) {
    throw new RangeError(
      `${fn}: kind "entropy" needs an integer plane: img_as_ubyte of a float64 plane checks ` +
        "the whole plane's range and nima rescales it by its peak",
    );
  }
}

/** The 0/1 plane `plane < limit` ("below") or `plane > limit` ("above"). */
function maskOf(plane: TiledPlane, side: "below" | "above", limit: number): TiledPlane<Uint8Array> {
  return zipPlanes([plane], ([d], n) => {
    const m = new Uint8Array(n);
    if (side === "below") for (let i = 0; i < n; i++) m[i] = d[i] < limit ? 1 : 0;
    else for (let i = 0; i < n; i++) m[i] = d[i] > limit ? 1 : 0;
    return m;
  });
}

/** arcsinh / entropy: lim < (1 − perc)·min + perc·max. */
async function limMask(
  lim: TiledPlane,
  sample: TypedArray,
  tiles: TileShape,
  p: ResolvedBgParams,
): Promise<TiledMask> {
  const scan = await scanPlane(lim, tiles);
  const [min, max] = scan.hasNaN ? [Number.NaN, Number.NaN] : [scan.min, scan.max];
  const perc = p.perc / 100;
  const threshold = (1 - perc) * min + perc * max;
  const limit = p.kind === "arcsinh" ? arcsinhLimit(sample, scan.sample, threshold) : threshold;
  return { mask: maskOf(lim, "below", limit), lim: { image: lim, min, max, threshold } };
}

async function backgroundMask(
  plane: TiledPlane,
  scan: PlaneScan,
  tiles: TileShape,
  p: ResolvedBgParams,
): Promise<TiledMask> {
  const { sample } = scan;
  switch (p.kind) {
    case "arcsinh": {
      const window = { size: p.radius, percentile: p.arcsinhPerc };
      const lim = overlapPlane(
        plane,
        (s, ny, nx) => percentileFilter(arcsinh(s), ny, nx, window),
        rankFilterHalo(window),
        "reflect",
      );
      return limMask(lim, sample, tiles, p);
    }
    case "entropy": {
      const lim = overlapPlane(
        plane,
        (s, ny, nx) => entropy(imgAsUbyte(s), ny, nx, p.radius),
        entropyHalo(p.radius),
      );
      return limMask(lim, sample, tiles, p);
    }
    case "li_li": {
      const li = await liMask(plane, scan, tiles, p);
      // As nima: the Li mask zeroes the foreground, clipped up to the image minimum.
      const { min } = scan;
      const clipped = zipPlanes([plane, li], ([d, m], n) => {
        const out = new (d.constructor as new (n: number) => TypedArray)(n);
        for (let i = 0; i < n; i++) {
          // As clipBelow (not Math.max, which turns −0 into +0).
          let v = d[i] * m[i];
          if (v < min) v = min;
          out[i] = v;
        }
        return out;
      });
      const limit = comparable(sample, await tiledThresholdLi(clipped, tiles));
      return { mask: maskOf(plane, "below", limit) };
    }
    case "inverse_yen": {
      const dtype: DType = sample instanceof Float32Array ? "float32" : "float64";
      const inverse = exprPlane([plane], ([v]) =>
        binary("div", { op: "const", value: 1, dtype }, cast(v, dtype), dtype),
      );
      const local = overlapPlane(
        inverse,
        (s, ny, nx) => thresholdLocal(s, ny, nx, { blockSize: 3 }),
        gaussianHalo({ sigma: (3 - 1) / 6 }),
        "reflect",
      );
      const limit = comparable(sample, await tiledThresholdYen(local, tiles));
      return { mask: maskOf(local, "above", limit) };
    }
    default:
      throw new RangeError(`tiledCalculateBg: kind "${p.kind}" has no tiled mask`);
  }
}

/** `im < threshold_li(im)`, eroded by disk(erosionDisk) when set. */
async function liMask(
  plane: TiledPlane,
  scan: PlaneScan,
  tiles: TileShape,
  p: ResolvedBgParams,
): Promise<TiledPlane<Uint8Array>> {
  const limit = comparable(scan.sample, await tiledThresholdLi(plane, tiles, { scan }));
  const mask = maskOf(plane, "below", limit);
  if (p.erosionDisk === 0) return mask;
  const footprint = diskFootprint(p.erosionDisk);
  return overlapPlane(
    mask,
    (s, ny, nx) => binaryErosion(s as Uint8Array, ny, nx, { footprint }),
    morphologyHalo("binary_erosion", footprint),
    "constant",
  );
}

/**
 * `calculate_bg(plane, params)` of nima on a tiled plane. As nima (and calculateBg), a
 * BgParams instance without adaptiveRadius gets the plane's default written into it.
 */
export async function tiledCalculateBg(
  plane: TiledPlane,
  tiles: TileShape,
  params?: BgParams | BgParamsInit,
  options: TiledBgOptions = {},
): Promise<TiledBgResult> {
  const bp = BgParams.from(params);
  checkBgParams(bp);
  if (plane.ny === 0 || plane.nx === 0) {
    throw new RangeError(`tiledCalculateBg: the plane is empty (${plane.ny}×${plane.nx})`);
  }
  const p = { ...bp.toJSON(), adaptiveRadius: bp.resolveAdaptiveRadius(plane.nx) };
  refuse(p, await readBox(plane, { y0: 0, y1: 1, x0: 0, x1: 1 }));
  const scan = await scanPlane(plane, tiles);
  const found = await backgroundMask(plane, scan, tiles, p);
  const mask = (await persisted(options.persist, "mask", found.mask)) as TiledPlane<Uint8Array>;
  const stats = await maskedStats(plane, mask, tiles, scan, [25, 50, 75], "normFit");
  if (!stats) {
    throw new RangeError(
      `calculateBg: the ${p.kind} mask selects no background pixel; no background to estimate`,
    );
  }
  const { n, mean: loc, sd } = stats;
  const iqr = stats.percentiles as [number, number, number];
  const title = `${bgTitle(p)}\n(${iqr.map(formatFloat).join(", ")})`;
  const result: TiledBgResult = {
    bg: loc,
    sd,
    iqr,
    mask,
    maskCount: n,
    adaptiveRadius: p.adaptiveRadius,
    title,
  };
  if (found.lim) result.lim = found.lim;
  return result;
}

/**
 * One plane of `nima.bg`: the background median (iqr[1]) and `clip(plane − bg, 0)` as a
 * float64 tiled plane read on demand (the same expression as nima.bg's).
 */
export async function tiledBg(
  plane: TiledPlane,
  tiles: TileShape,
  params?: BgParams | BgParamsInit,
  { clip = true, persist }: TiledBgOptions & { clip?: boolean } = {},
): Promise<{ image: TiledPlane; bg: number; result: TiledBgResult }> {
  const result = await tiledCalculateBg(plane, tiles, params, { persist });
  const bg = result.iqr[1];
  const image = exprPlane([plane], ([v]) => {
    const corrected = binary("sub", v, { op: "const", value: bg, dtype: "float64" });
    return clip ? binary("clipmin", corrected, 0, corrected.dtype) : corrected;
  });
  return { image, bg, result };
}
