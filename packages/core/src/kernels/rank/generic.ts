/** Rank filter for any footprint: gather the window per pixel and select, as scipy does. */
import type { TypedArray } from "../../array/dtype.js";
import { type BaseBorderMode, padPlane } from "../border.js";
import { selectRank } from "./select.js";
import { type Window, windowMargins, windowOffsets } from "./window.js";

/**
 * Writes the `rank`-th smallest of each window into `out`. The window is gathered in the
 * footprint's row-major order and selected with scipy's own algorithm, so even windows with
 * NaN give scipy's result (for rank 0 / n-1 only with non-box footprints: scipy filters boxes
 * separably there). O(count) per pixel; the fast paths cover the common footprints.
 */
export function genericRankFilter(
  src: TypedArray,
  ny: number,
  nx: number,
  w: Window,
  rank: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): void {
  const padded = padPlane(src, ny, nx, windowMargins(w), mode, cval);
  const width = nx + w.fx - 1;
  const offsets = windowOffsets(w, width);
  const n = offsets.length;
  if (rank === 0 || rank === n - 1) {
    extremumScan(padded, width, offsets, rank === 0, ny, nx, out);
    return;
  }
  const buffer = new Float64Array(n);
  for (let y = 0; y < ny; y++) {
    const rowBase = y * width;
    const outBase = y * nx;
    for (let x = 0; x < nx; x++) {
      const base = rowBase + x;
      for (let t = 0; t < n; t++) buffer[t] = padded[base + offsets[t]];
      out[outBase + x] = selectRank(buffer, n, rank);
    }
  }
}

/**
 * Rank 0 and rank n-1: scipy hands these to minimum_filter / maximum_filter, whose
 * footprint loop (NI_MinOrMaxFilter) keeps the first value and replaces it only when a later
 * one compares smaller (larger); scanning in the same order gives the same NaN behaviour.
 */
function extremumScan(
  padded: Float64Array,
  width: number,
  offsets: Int32Array,
  minimum: boolean,
  ny: number,
  nx: number,
  out: TypedArray,
): void {
  const n = offsets.length;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const base = y * width + x;
      let best = padded[base + offsets[0]];
      for (let t = 1; t < n; t++) {
        const v = padded[base + offsets[t]];
        if (minimum ? v < best : v > best) best = v;
      }
      out[y * nx + x] = best;
    }
  }
}
