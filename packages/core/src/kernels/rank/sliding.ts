/**
 * Exact rank filter over a full fy × fx box without sorting each window: Huang's sliding
 * window, with the histogram replaced by sorted columns so it works on any float64 values.
 *
 * Every padded column keeps its fy values of the current output row sorted (one remove and
 * one insert per row). Along a row the window is fx consecutive sorted columns, and the
 * current answer m comes with, per column, how many values are < m (lb) and <= m (ub).
 * m is the rank-k value exactly when lt = Σlb <= k < le = Σub. Sliding one pixel swaps one
 * column's counts; when the condition breaks, m steps to the next smaller (larger) value of
 * the window, found at the columns' lb - 1 (ub) positions. Ties need no special case: the
 * counts are of values, so the result is the value scipy's selection returns.
 *
 * The input must hold no NaN and no -0 (the caller routes those planes to the generic path):
 * the counts rely on `<` being a total order of the values.
 */
import type { TypedArray } from "../../array/dtype.js";
import { type BaseBorderMode, padPlane } from "../border.js";
import { type Window, windowMargins } from "./window.js";

export function slidingBoxRankFilter(
  src: TypedArray,
  ny: number,
  nx: number,
  w: Window,
  rank: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): void {
  const { fy, fx } = w;
  const padded = padPlane(src, ny, nx, windowMargins(w), mode, cval);
  const width = nx + fx - 1;
  const cols = new Float64Array(width * fy);
  const lb = new Int32Array(width);
  const ub = new Int32Array(width);
  initColumns(padded, width, fy, cols);

  let m = cols[fy >> 1];
  for (let y = 0; y < ny; y++) {
    if (y > 0) {
      advanceColumns(padded, width, fy, y, cols);
      m = out[y * nx - nx]; // the row above's first answer: its window shares fy - 1 rows
    }
    let lt = 0;
    let le = 0;
    for (let j = 0; j < fx; j++) {
      countColumn(cols, j, fy, m, lb, ub);
      lt += lb[j];
      le += ub[j];
    }
    const outRow = y * nx;
    for (let x = 0; ; x++) {
      const end = x + fx;
      while (lt > rank) {
        // Step down to the largest value below m.
        let pred = Number.NEGATIVE_INFINITY;
        for (let j = x; j < end; j++) {
          const p = lb[j];
          if (p > 0 && cols[j * fy + p - 1] > pred) pred = cols[j * fy + p - 1];
        }
        le = lt;
        for (let j = x; j < end; j++) {
          let p = lb[j];
          ub[j] = p;
          while (p > 0 && cols[j * fy + p - 1] === pred) p--;
          lt -= lb[j] - p;
          lb[j] = p;
        }
        m = pred;
      }
      while (le <= rank) {
        // Step up to the smallest value above m.
        let succ = Number.POSITIVE_INFINITY;
        for (let j = x; j < end; j++) {
          const p = ub[j];
          if (p < fy && cols[j * fy + p] < succ) succ = cols[j * fy + p];
        }
        lt = le;
        for (let j = x; j < end; j++) {
          let p = ub[j];
          lb[j] = p;
          while (p < fy && cols[j * fy + p] === succ) p++;
          le += p - ub[j];
          ub[j] = p;
        }
        m = succ;
      }
      out[outRow + x] = m;
      if (x + 1 >= nx) break;
      lt -= lb[x];
      le -= ub[x];
      countColumn(cols, end, fy, m, lb, ub);
      lt += lb[end];
      le += ub[end];
    }
  }
}

/** Sorts each padded column's first fy rows (insertion sort: fy is small). */
function initColumns(padded: Float64Array, width: number, fy: number, cols: Float64Array): void {
  for (let j = 0; j < width; j++) {
    const c = j * fy;
    for (let i = 0; i < fy; i++) {
      const v = padded[i * width + j];
      let p = c + i;
      while (p > c && cols[p - 1] > v) {
        cols[p] = cols[p - 1];
        p--;
      }
      cols[p] = v;
    }
  }
}

/** Moves every sorted column down one row: drops padded row y - 1, adds row y + fy - 1. */
function advanceColumns(
  padded: Float64Array,
  width: number,
  fy: number,
  y: number,
  cols: Float64Array,
): void {
  const outRow = (y - 1) * width;
  const inRow = (y + fy - 1) * width;
  for (let j = 0; j < width; j++) {
    const c = j * fy;
    const old = padded[outRow + j];
    const v = padded[inRow + j];
    let p = c;
    while (cols[p] !== old) p++;
    if (v > old) {
      while (p + 1 < c + fy && cols[p + 1] < v) {
        cols[p] = cols[p + 1];
        p++;
      }
    } else {
      while (p > c && cols[p - 1] > v) {
        cols[p] = cols[p - 1];
        p--;
      }
    }
    cols[p] = v;
  }
}

/** lb[j] / ub[j] = how many values of sorted column j are < m / <= m. */
function countColumn(
  cols: Float64Array,
  j: number,
  fy: number,
  m: number,
  lb: Int32Array,
  ub: Int32Array,
): void {
  const c = j * fy;
  let p = 0;
  while (p < fy && cols[c + p] < m) p++;
  lb[j] = p;
  while (p < fy && cols[c + p] === m) p++;
  ub[j] = p;
}
