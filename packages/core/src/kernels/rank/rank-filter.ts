/**
 * scipy.ndimage rank_filter / median_filter / percentile_filter (scipy 1.10) on one YX plane.
 *
 * Semantics: the window is the footprint's true elements (or a full `size` box) with its
 * origin at index shape // 2 + origin; pixels outside the plane come from the border `mode`
 * (default "reflect"; "constant" reads `cval` cast to the input dtype, as scipy's rank filter
 * does); the output is the window's `rank`-th smallest value, in the input's dtype.
 * median: rank n // 2 (the upper middle for even n, unlike ndimage.median's mean);
 * percentile p: rank int(n * p / 100), p < 0 counts from 100, p = 100 is the max.
 *
 * Paths, all exact (the same value as scipy):
 * - disk(1) median: wasm SIMD comparator network (JS twin without wasm);
 * - 3×3, 5×5, 7×7 box medians: wasm SIMD pruned selection networks over sorted columns
 *   (JS without wasm: a 3×3 network, else the sliding path);
 * - any other box, any rank: sliding sorted-column (Huang-style) window, O(fx) per pixel,
 *   in wasm (same algorithm in JS without wasm);
 * - any other footprint: gather + scipy's own selection (NI_Select), in wasm (or JS).
 * Planes holding NaN or -0 (and constant mode with such a cval) always take the generic path,
 * which reproduces scipy's algorithm and so its implementation-defined result for windows with
 * NaN (and which of ±0 it returns).
 * Known differences, both from scipy handing rank 0 / n-1 of a full box to its separable
 * minimum_filter / maximum_filter: NaN there may come out differently, and an integer plane
 * with a cval outside its dtype (e.g. uint16 with cval -1) gets cval cast before ranking here
 * but after in scipy.
 */
import type { DType, TypedArray } from "../../array/dtype.js";
import { allocate, castValue, dtypeOf } from "../../array/dtype.js";
import { checkPlane } from "../args.js";
import { type BaseBorderMode, type BorderMode, parseBorderMode } from "../border.js";
import type { Footprint } from "../footprint.js";
import { genericRankFilter } from "./generic.js";
import { slidingBoxRankFilter } from "./sliding.js";
import { box3Median, crossMedian } from "./small-medians.js";
import type { WasmOutcome } from "./wasm.js";
import {
  hasWasmBoxMedian,
  wasmGatherRank,
  wasmMedianBox,
  wasmMedianCross,
  wasmSlidingRank,
} from "./wasm-kernels.js";
import {
  checkRank,
  isCross3,
  medianRank,
  percentileRank,
  resolveWindow,
  type Window,
} from "./window.js";

export interface RankWindowOptions {
  /** A full box: s × s, or [sy, sx]. Ignored when `footprint` is given (as scipy). */
  size?: number | readonly [number, number];
  /** A boolean YX mask (nonzero = in the window), any sizes, odd or even. */
  footprint?: Footprint;
  /** Border mode, scipy's names; default "reflect" (d c b a | a b c d | d c b a). */
  mode?: BorderMode;
  /** The value outside the plane in "constant" mode; default 0. */
  cval?: number;
  /** Shifts the window: its origin sits at index shape // 2 + origin. Default 0. */
  origin?: number | readonly [number, number];
}

export interface RankFilterOptions extends RankWindowOptions {
  /** Index into the sorted window; negative counts from the end. */
  rank: number;
}

export interface PercentileFilterOptions extends RankWindowOptions {
  /** Percentile in [-100, 100]; negative counts from 100. */
  percentile: number;
}

/** scipy.ndimage.median_filter on one plane (rank n // 2 of the window). */
export function medianFilter(
  src: TypedArray,
  ny: number,
  nx: number,
  opts: RankWindowOptions,
  out?: TypedArray,
): TypedArray {
  const fn = "median_filter";
  const w = resolveWindow(opts, fn);
  return run(src, ny, nx, w, medianRank(w.count), opts, fn, out);
}

/** scipy.ndimage.percentile_filter on one plane. */
export function percentileFilter(
  src: TypedArray,
  ny: number,
  nx: number,
  opts: PercentileFilterOptions,
  out?: TypedArray,
): TypedArray {
  const fn = "percentile_filter";
  const w = resolveWindow(opts, fn);
  return run(src, ny, nx, w, percentileRank(opts.percentile, w.count, fn), opts, fn, out);
}

/** scipy.ndimage.rank_filter on one plane. */
export function rankFilter(
  src: TypedArray,
  ny: number,
  nx: number,
  opts: RankFilterOptions,
  out?: TypedArray,
): TypedArray {
  const fn = "rank_filter";
  const w = resolveWindow(opts, fn);
  return run(src, ny, nx, w, checkRank(opts.rank, w.count, fn), opts, fn, out);
}

/**
 * scipy's rank filter stores cval in the window buffer as the input type, a C cast: floats
 * round, integers truncate through a 32-bit conversion, which on x86 (scipy's usual build)
 * turns NaN and out-of-range values into INT32_MIN before narrowing.
 */
function castCval(cval: number, dtype: DType): number {
  if (dtype === "float64" || dtype === "float32") return castValue(cval, dtype);
  let t = Math.trunc(cval);
  if (!(t >= -(2 ** 31) && t < 2 ** 31)) t = -(2 ** 31);
  return castValue(t, dtype);
}

function run(
  src: TypedArray,
  ny: number,
  nx: number,
  w: Window,
  rank: number,
  opts: RankWindowOptions,
  fn: string,
  out: TypedArray | undefined,
): TypedArray {
  checkPlane(fn, src, ny, nx);
  const dtype: DType = dtypeOf(src);
  const target = out ?? allocate(dtype, src.length, false);
  if (target.length !== src.length) {
    throw new RangeError(`${fn}: output holds ${target.length} values, not ${ny} × ${nx}`);
  }
  const mode = parseBorderMode(opts.mode, fn);
  const cvalIn = opts.cval ?? 0;
  if (typeof cvalIn !== "number") throw new RangeError(`${fn}: cval must be a number`);
  const cval = castCval(cvalIn, dtype);
  if (src.length === 0) return target;
  // The kernels read rows while writing others: never let them overlap.
  const input = target.buffer === src.buffer ? src.slice() : src;
  const cvalOrdered = mode !== "constant" || (cval === cval && !Object.is(cval, -0));
  if (!cvalOrdered || !fastRankFilter(input, ny, nx, w, rank, mode, cval, target)) {
    if (wasmGatherRank(input, ny, nx, w, rank, mode, cval, target) === "unavailable") {
      genericRankFilter(input, ny, nx, w, rank, mode, cval, target);
    }
  }
  return target;
}

/**
 * Runs the fastest exact path for the window. Returns false when the generic path must run:
 * the window is no box nor disk(1), or the plane holds NaN or -0 (which only the generic path
 * orders like scipy).
 */
function fastRankFilter(
  src: TypedArray,
  ny: number,
  nx: number,
  w: Window,
  rank: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): boolean {
  const median = rank === medianRank(w.count);
  const square = w.isBox && w.fy === w.fx;
  let outcome: WasmOutcome = "unavailable";
  if (median && isCross3(w)) outcome = wasmMedianCross(src, ny, nx, mode, cval, out);
  else if (median && square && hasWasmBoxMedian(w.fy)) {
    outcome = wasmMedianBox(src, ny, nx, w.fy, w.top, w.left, mode, cval, out);
  } else if (w.isBox) outcome = wasmSlidingRank(src, ny, nx, w, rank, mode, cval, out);
  if (outcome !== "unavailable") return outcome === "done";
  if (!w.isBox && !(median && isCross3(w))) return false;
  if (hasUnorderedValues(src)) return false;
  if (median && isCross3(w)) crossMedian(src, ny, nx, mode, cval, out);
  else if (median && square && w.fy === 3) box3Median(src, ny, nx, w.top, w.left, mode, cval, out);
  else slidingBoxRankFilter(src, ny, nx, w, rank, mode, cval, out);
  return true;
}

/** Whether a float plane holds NaN or -0, the values whose rank order is not plain `<`. */
function hasUnorderedValues(src: TypedArray): boolean {
  if (!(src instanceof Float64Array || src instanceof Float32Array)) return false;
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (v !== v || (v === 0 && 1 / v < 0)) return true;
  }
  return false;
}
