/**
 * Drivers of the wasm rank kernels: each copies strips of rows, extended by the border mode,
 * into wasm memory (so it stays small and in cache), runs the kernel, and copies the result
 * out. The min/max-network kernels check the values they load for NaN / -0, cheaper than a
 * separate pass over a plane that does not fit in cache.
 */
import type { TypedArray } from "../../array/dtype.js";
import { type BaseBorderMode, borderTable, fillExtendedRows } from "../border.js";
import { BOX_MEDIAN_TILES } from "./generated/rank-wasm.js";
import { rankWasm, reserve, STRIP_VALUES, stripRows, type WasmOutcome } from "./wasm.js";
import { type Window, windowMargins, windowOffsets } from "./window.js";

/** Box sizes with a generated median network, and the tile each was built for. */
const BOX_TILES = BOX_MEDIAN_TILES;

/** Median over skimage disk(1) (the 5-pixel cross). */
export function wasmMedianCross(
  src: TypedArray,
  ny: number,
  nx: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): WasmOutcome {
  const wasm = rankWasm();
  if (!wasm) return "unavailable";
  const width = nx + 2;
  const strip = stripRows(ny, width);
  const inLength = (strip + 2) * width;
  const outLength = strip * nx;
  let base: number;
  try {
    base = reserve(wasm, (inLength + outLength) * 8 + 16);
  } catch {
    return "unavailable"; // memory would not grow: the JS path needs none
  }
  const inAt = base;
  const outAt = (base + inLength * 8 + 15) & ~15;
  const mem = new Float64Array(wasm.memory.buffer);
  const rows = borderTable(ny, 1, 1, mode);
  const cols = borderTable(nx, 1, 1, mode);
  for (let y0 = 0; y0 < ny; y0 += strip) {
    const count = Math.min(strip, ny - y0);
    fillExtendedRows(mem, inAt / 8, width, src, nx, rows, y0, count + 2, cols, 1, cval);
    if (wasm.medianCross(inAt, outAt, nx, count)) return "unordered";
    out.set(mem.subarray(outAt / 8, outAt / 8 + count * nx), y0 * nx);
  }
  return "done";
}

/** Whether a size × size box median has a wasm network (and wasm loads). */
export function hasWasmBoxMedian(size: number): boolean {
  return size in BOX_TILES && rankWasm() !== null;
}

/** Median over a size × size box (3, 5 or 7) with origin at (top, left) inside it. */
export function wasmMedianBox(
  src: TypedArray,
  ny: number,
  nx: number,
  size: number,
  top: number,
  left: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): WasmOutcome {
  const wasm = rankWasm();
  const tile = BOX_TILES[size];
  if (!wasm || tile === undefined) return "unavailable";
  const kernel = size === 3 ? wasm.medianBox3 : size === 5 ? wasm.medianBox5 : wasm.medianBox7;
  // Rows go in pairs (two f64x2 lanes) and columns in tiles: round both up, compute the
  // spare pixels from copies, and keep only the real ones.
  const nxr = Math.ceil(nx / tile) * tile;
  const extended = nx + size - 1;
  const wp = (nxr + size - 1 + 1) & ~1;
  const strip = Math.max(2, Math.floor(STRIP_VALUES / wp) & ~1);
  const inLength = (strip + size - 1) * wp;
  const sortedBytes = size * wp * 16;
  const outLength = strip * nxr;
  let base: number;
  try {
    base = reserve(wasm, inLength * 8 + sortedBytes + outLength * 8 + 32);
  } catch {
    return "unavailable";
  }
  const inAt = base;
  const sortedAt = (inAt + inLength * 8 + 15) & ~15;
  const outAt = (sortedAt + sortedBytes + 15) & ~15;
  const mem = new Float64Array(wasm.memory.buffer);
  const bottom = size - 1 - top;
  const rows = borderTable(ny, top, bottom + 1, mode); // +1: the spare row of odd strips
  const cols = borderTable(nx, left, size - 1 - left, mode);
  for (let y0 = 0; y0 < ny; y0 += strip) {
    const count = Math.min(strip, ny - y0);
    const pairs = (count + 1) >> 1;
    const inRows = 2 * pairs + size - 1;
    fillExtendedRows(mem, inAt / 8, wp, src, nx, rows, y0, inRows, cols, left, cval);
    // Spare columns past the extended row repeat its last value (any ordered value works).
    for (let r = 0; r < inRows; r++) {
      const o = inAt / 8 + r * wp;
      mem.fill(mem[o + extended - 1], o + extended, o + wp);
    }
    if (kernel(inAt, sortedAt, outAt, wp, nxr, pairs)) return "unordered";
    for (let r = 0; r < count; r++) {
      const o = outAt / 8 + r * nxr;
      out.set(mem.subarray(o, o + nx), (y0 + r) * nx);
    }
  }
  return "done";
}

/** Rank `rank` over a full box (the sliding sorted-column method, any size and rank). */
export function wasmSlidingRank(
  src: TypedArray,
  ny: number,
  nx: number,
  w: { fy: number; fx: number; top: number; left: number },
  rank: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): WasmOutcome {
  const wasm = rankWasm();
  if (!wasm) return "unavailable";
  const { fy, fx, top, left } = w;
  const width = nx + fx - 1;
  const strip = stripRows(ny, width);
  const inLength = (strip + fy) * width;
  let base: number;
  try {
    base = reserve(wasm, (width * fy + width + inLength + strip * nx) * 8 + 32);
  } catch {
    return "unavailable";
  }
  const colsAt = base;
  const lbAt = colsAt + width * fy * 8;
  const ubAt = lbAt + width * 4;
  const inAt = (ubAt + width * 4 + 15) & ~15;
  const outAt = inAt + inLength * 8;
  const mem = new Float64Array(wasm.memory.buffer);
  // Strip row r of output rows [y0, ...) is extended row y0 - 1 + r (row -1: a dummy).
  const rows = borderTable(ny, top + 1, fy - 1 - top, mode);
  const cols = borderTable(nx, left, fx - 1 - left, mode);
  for (let y0 = 0; y0 < ny; y0 += strip) {
    const count = Math.min(strip, ny - y0);
    fillExtendedRows(mem, inAt / 8, width, src, nx, rows, y0, count + fy, cols, left, cval);
    if (wasm.slidingRank(inAt, width, fy, fx, nx, rank, y0, count, colsAt, lbAt, ubAt, outAt)) {
      return "unordered";
    }
    out.set(mem.subarray(outAt / 8, outAt / 8 + count * nx), y0 * nx);
  }
  return "done";
}

/** Rank `rank` over any footprint: gather + scipy's select (NaN-faithful, like the JS twin). */
export function wasmGatherRank(
  src: TypedArray,
  ny: number,
  nx: number,
  w: Window,
  rank: number,
  mode: BaseBorderMode,
  cval: number,
  out: TypedArray,
): WasmOutcome {
  const wasm = rankWasm();
  if (!wasm) return "unavailable";
  const { fy, fx } = w;
  const width = nx + fx - 1;
  const strip = stripRows(ny, width);
  const inLength = (strip + fy - 1) * width;
  let base: number;
  try {
    base = reserve(wasm, (w.count * 2 + inLength + strip * nx) * 8 + 32);
  } catch {
    return "unavailable";
  }
  const offsetsAt = base;
  const bufferAt = (offsetsAt + w.count * 4 + 15) & ~15;
  const inAt = (bufferAt + w.count * 8 + 15) & ~15;
  const outAt = inAt + inLength * 8;
  windowOffsets(w, width, new Int32Array(wasm.memory.buffer, offsetsAt, w.count));
  const mem = new Float64Array(wasm.memory.buffer);
  const margins = windowMargins(w);
  const rows = borderTable(ny, margins.top, margins.bottom, mode);
  const cols = borderTable(nx, margins.left, margins.right, mode);
  for (let y0 = 0; y0 < ny; y0 += strip) {
    const count = Math.min(strip, ny - y0);
    fillExtendedRows(
      mem,
      inAt / 8,
      width,
      src,
      nx,
      rows,
      y0,
      count + fy - 1,
      cols,
      margins.left,
      cval,
    );
    wasm.gatherRank(inAt, width, offsetsAt, w.count, rank, nx, count, bufferAt, outAt);
    out.set(mem.subarray(outAt / 8, outAt / 8 + count * nx), y0 * nx);
  }
  return "done";
}
