/**
 * How scipy.ndimage 1.10 `_rank_filter` turns size / footprint / origin / percentile into a
 * window (the YX cells a rank filter reads) and a rank.
 */

import { pair } from "../args.js";
import type { Margins } from "../border.js";
import { crossFootprint, type Footprint } from "../footprint.js";

/** A resolved window: the mask, its true-count, and where the output pixel sits in it. */
export interface Window {
  fy: number;
  fx: number;
  /** 1 where the footprint is true, row-major fy × fx. */
  mask: Uint8Array;
  /** Number of true elements (scipy's `filter_size`). */
  count: number;
  /** Every element true (a `size=` box or an all-true footprint). */
  isBox: boolean;
  /** Output (y, x) reads rows y - top .. y - top + fy - 1 and columns x - left ... */
  top: number;
  left: number;
}

export interface WindowOptions {
  size?: number | readonly [number, number];
  footprint?: Footprint;
  origin?: number | readonly [number, number];
}

/** The window of `opts` as scipy builds it; `fn` names the caller in errors. */
export function resolveWindow(opts: WindowOptions, fn: string): Window {
  let fy: number;
  let fx: number;
  let mask: Uint8Array;
  if (opts.footprint !== undefined) {
    // scipy warns and ignores `size` when both are given; we do the same, silently.
    const { data, shape } = opts.footprint;
    if (!Array.isArray(shape) || shape.length !== 2) {
      throw new RangeError(`${fn}: footprint.shape must be [y, x], got ${JSON.stringify(shape)}`);
    }
    [fy, fx] = shape;
    if (!Number.isInteger(fy) || !Number.isInteger(fx) || fy < 1 || fx < 1) {
      throw new RangeError(`${fn}: footprint.shape must be positive integers, got [${shape}]`);
    }
    if (!data || data.length !== fy * fx) {
      throw new RangeError(
        `${fn}: footprint.data must hold ${fy * fx} values for shape [${shape}], got ${data?.length}`,
      );
    }
    mask = new Uint8Array(fy * fx);
    for (let i = 0; i < mask.length; i++) mask[i] = data[i] ? 1 : 0;
  } else if (opts.size !== undefined) {
    [fy, fx] = pair(opts.size, "size", fn);
    if (!Number.isInteger(fy) || !Number.isInteger(fx) || fy < 1 || fx < 1) {
      throw new RangeError(
        `${fn}: size must be a positive integer or [y, x] of them, got ${JSON.stringify(opts.size)}`,
      );
    }
    mask = new Uint8Array(fy * fx).fill(1);
  } else {
    throw new RangeError(`${fn}: no footprint or filter size provided`);
  }
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  if (count === 0) throw new RangeError(`${fn}: footprint has no true element`);

  const [oy, ox] = pair(opts.origin ?? 0, "origin", fn);
  // scipy puts the window's origin at index size // 2 (+ origin), also for even sizes.
  const top = Math.floor(fy / 2) + oy;
  const left = Math.floor(fx / 2) + ox;
  const inside = top >= 0 && top < fy && left >= 0 && left < fx;
  if (!Number.isInteger(oy) || !Number.isInteger(ox) || !inside) {
    throw new RangeError(
      `${fn}: invalid origin ${JSON.stringify(opts.origin)} for a ${fy} × ${fx} window`,
    );
  }
  return { fy, fx, mask, count, isBox: count === fy * fx, top, left };
}

/** How far the window reaches beyond the plane on each side (the extended plane it reads). */
export function windowMargins(w: Window): Margins {
  return { top: w.top, bottom: w.fy - 1 - w.top, left: w.left, right: w.fx - 1 - w.left };
}

/**
 * The window's true cells as offsets into a plane extended by `windowMargins` (row stride
 * `width`), in the footprint's row-major order (the order scipy gathers them in), into `out`.
 */
export function windowOffsets(
  w: Window,
  width: number,
  out: Int32Array = new Int32Array(w.count),
): Int32Array {
  let n = 0;
  for (let i = 0; i < w.fy; i++) {
    for (let j = 0; j < w.fx; j++) if (w.mask[i * w.fx + j]) out[n++] = i * width + j;
  }
  return out;
}

/** scipy's median rank: the element of index n // 2 (upper middle for even n). */
export function medianRank(count: number): number {
  return Math.floor(count / 2);
}

/**
 * scipy 1.10 percentile rank: p < 0 counts from 100; 100 is the max; otherwise
 * int(float(n) * p / 100.0), evaluated left to right in float64 as Python does.
 */
export function percentileRank(percentile: number, count: number, fn: string): number {
  if (typeof percentile !== "number" || Number.isNaN(percentile)) {
    throw new RangeError(`${fn}: percentile must be a number, got ${JSON.stringify(percentile)}`);
  }
  let p = percentile;
  if (p < 0) p += 100;
  if (p < 0 || p > 100) throw new RangeError(`${fn}: invalid percentile ${percentile}`);
  const rank = p === 100 ? count - 1 : Math.trunc((count * p) / 100);
  return checkRank(rank, count, fn);
}

/** scipy rank_filter: negative ranks count from the end; the rank must fall in the window. */
export function checkRank(rank: number, count: number, fn: string): number {
  if (!Number.isInteger(rank)) throw new RangeError(`${fn}: rank must be an integer, got ${rank}`);
  const r = rank < 0 ? rank + count : rank;
  if (r < 0 || r >= count) {
    throw new RangeError(`${fn}: rank ${rank} not within footprint size ${count}`);
  }
  return r;
}

/** Whether the window is skimage disk(1): the 3×3 cross centred on the output pixel. */
export function isCross3(w: Window): boolean {
  const cross = crossFootprint().data;
  return (
    w.fy === 3 &&
    w.fx === 3 &&
    w.top === 1 &&
    w.left === 1 &&
    cross.every((v, i) => w.mask[i] === v)
  );
}
