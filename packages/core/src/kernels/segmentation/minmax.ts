/**
 * The engine behind grey/binary morphology and `maximum_filter`: the minimum or maximum of
 * a plane over a footprint, with scipy.ndimage's border modes. Any footprint works by
 * brute force on a padded copy; an all-ones rectangle goes through two separable passes of
 * the van Herk / Gil-Werman running extremum (O(1) per pixel whatever the window size),
 * which gives the same values since min/max are exact.
 */
import type { TypedArray } from "../../array/dtype.js";
import { type BaseBorderMode, borderIndex, padPlane } from "../border.js";
import { type Footprint, footprintOffsets, isAllOnes } from "../footprint.js";

/** One neighbourhood: a footprint whose cell (cy, cx) sits on the output pixel. */
export interface Window {
  footprint: Footprint;
  cy: number;
  cx: number;
  /** Read the footprint point-mirrored (ndimage's dilations do). */
  mirror?: boolean;
}

/**
 * out[y, x] = max (or min) of src[y + dy, x + dx] over the window's cells, with pixels
 * beyond the plane taken from `mode` (`cval` for "constant"). `out` may not alias `src`.
 */
export function extremumFilter(
  src: ArrayLike<number>,
  ny: number,
  nx: number,
  window: Window,
  isMax: boolean,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): TypedArray {
  const { footprint: fp } = window;
  if (isAllOnes(fp)) {
    // Mirroring a rectangle only moves its anchor.
    const [fy, fx] = fp.shape;
    const cy = window.mirror ? fy - 1 - window.cy : window.cy;
    const cx = window.mirror ? fx - 1 - window.cx : window.cx;
    return rectExtremum(src, ny, nx, fy, fx, cy, cx, isMax, mode, cval, out);
  }
  const offsets = footprintOffsets(fp, window.cy, window.cx, window.mirror ? -1 : 1);
  if (offsets.length === 0) throw new RangeError("footprint has no nonzero cells");
  return genericExtremum(src, ny, nx, offsets, isMax, mode, cval, out);
}

function genericExtremum(
  src: ArrayLike<number>,
  ny: number,
  nx: number,
  offsets: Int32Array,
  isMax: boolean,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): TypedArray {
  let minDy = 0;
  let maxDy = 0;
  let minDx = 0;
  let maxDx = 0;
  for (let k = 0; k < offsets.length; k += 2) {
    minDy = Math.min(minDy, offsets[k]);
    maxDy = Math.max(maxDy, offsets[k]);
    minDx = Math.min(minDx, offsets[k + 1]);
    maxDx = Math.max(maxDx, offsets[k + 1]);
  }
  const top = -minDy;
  const left = -minDx;
  const width = nx + left + maxDx;
  const height = ny + top + maxDy;
  const count = offsets.length / 2;
  const linear = new Int32Array(count);
  for (let k = 0; k < count; k++) linear[k] = offsets[2 * k] * width + offsets[2 * k + 1];
  // Masks (0/1 bytes, nima's bool planes): max is OR and min is AND, branch-free on bytes.
  const bits = src instanceof Uint8Array && (cval === 0 || cval === 1) && isZeroOne(src);
  const margins = { top, bottom: maxDy, left, right: maxDx };
  const padded = bits
    ? padPlane(src, ny, nx, margins, mode, cval, new Uint8Array(height * width))
    : padPlane(src, ny, nx, margins, mode, cval, new Float64Array(height * width));
  // One streaming pass per footprint cell over the whole row: simple loops V8 compiles well.
  const acc = bits ? new Uint8Array(nx) : new Float64Array(nx);
  for (let y = 0; y < ny; y++) {
    const base = (y + top) * width + left;
    acc.set(padded.subarray(base + linear[0], base + linear[0] + nx));
    for (let k = 1; k < count; k++) {
      const from = base + linear[k];
      if (bits) {
        if (isMax) foldOr(acc as Uint8Array, padded as Uint8Array, from, nx);
        else foldAnd(acc as Uint8Array, padded as Uint8Array, from, nx);
      } else if (isMax) foldMax(acc as Float64Array, padded as Float64Array, from, nx);
      else foldMin(acc as Float64Array, padded as Float64Array, from, nx);
    }
    out.set(acc, y * nx);
  }
  return out;
}

function isZeroOne(a: Uint8Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] > 1) return false;
  return true;
}

function foldOr(acc: Uint8Array, src: Uint8Array, from: number, n: number): void {
  for (let x = 0; x < n; x++) acc[x] |= src[from + x];
}

function foldAnd(acc: Uint8Array, src: Uint8Array, from: number, n: number): void {
  for (let x = 0; x < n; x++) acc[x] &= src[from + x];
}

function foldMax(acc: Float64Array, src: Float64Array, from: number, n: number): void {
  for (let x = 0; x < n; x++) {
    const v = src[from + x];
    if (v > acc[x]) acc[x] = v;
  }
}

function foldMin(acc: Float64Array, src: Float64Array, from: number, n: number): void {
  for (let x = 0; x < n; x++) {
    const v = src[from + x];
    if (v < acc[x]) acc[x] = v;
  }
}

/** All-ones fy×fx window anchored at (cy, cx): a row pass then a column pass. */
function rectExtremum(
  src: ArrayLike<number>,
  ny: number,
  nx: number,
  fy: number,
  fx: number,
  cy: number,
  cx: number,
  isMax: boolean,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): TypedArray {
  const rows = new Float64Array(ny * nx);
  const maxLine = Math.max(nx + fx, ny + fy);
  const ext = new Float64Array(maxLine);
  const g = new Float64Array(maxLine);
  const h = new Float64Array(maxLine);
  const res = new Float64Array(Math.max(nx, ny));
  for (let y = 0; y < ny; y++) {
    const row = y * nx;
    for (let j = 0; j < nx + fx - 1; j++) {
      const x = borderIndex(j - cx, nx, mode);
      ext[j] = x < 0 ? cval : src[row + x];
    }
    runningExtremum(ext, nx, fx, isMax, g, h, res);
    rows.set(res.subarray(0, nx), row);
  }
  for (let x = 0; x < nx; x++) {
    for (let j = 0; j < ny + fy - 1; j++) {
      const y = borderIndex(j - cy, ny, mode);
      ext[j] = y < 0 ? cval : rows[y * nx + x];
    }
    runningExtremum(ext, ny, fy, isMax, g, h, res);
    for (let y = 0; y < ny; y++) out[y * nx + x] = res[y];
  }
  return out;
}

/**
 * res[i] = extremum of ext[i .. i + f - 1] for i < n (van Herk / Gil-Werman): block-wise
 * prefix (g) and suffix (h) extrema, then one comparison per output.
 */
function runningExtremum(
  ext: Float64Array,
  n: number,
  f: number,
  isMax: boolean,
  g: Float64Array,
  h: Float64Array,
  res: Float64Array,
): void {
  if (f === 1) {
    for (let i = 0; i < n; i++) res[i] = ext[i];
    return;
  }
  const len = n + f - 1;
  for (let start = 0; start < len; start += f) {
    const end = Math.min(start + f, len);
    let m = ext[start];
    g[start] = m;
    for (let j = start + 1; j < end; j++) {
      const v = ext[j];
      if (isMax ? v > m : v < m) m = v;
      g[j] = m;
    }
    m = ext[end - 1];
    h[end - 1] = m;
    for (let j = end - 2; j >= start; j--) {
      const v = ext[j];
      if (isMax ? v > m : v < m) m = v;
      h[j] = m;
    }
  }
  for (let i = 0; i < n; i++) {
    const a = h[i];
    const b = g[i + f - 1];
    res[i] = isMax ? Math.max(a, b) : Math.min(a, b);
  }
}
