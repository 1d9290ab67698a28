/**
 * scipy.ndimage.uniform_filter (1.10) on a tiled plane, bit-identical to kernels/filters/
 * uniform.ts. scipy's uniform filter is a running sum along each line (Y pass, then X pass),
 * so a pixel's rounding depends on every value from the line's start: a halo alone cannot
 * reproduce it. This is a scan instead: tiles go in raster order and carry the running sums
 * across their borders, one per column from the tile-row above (nx values) and one per row
 * from the tile to the left (tileY values), so each sum sees exactly scipy's additions.
 */
import { pair } from "../kernels/args.js";
import { borderIndex, parseBorderMode } from "../kernels/border.js";
import type { UniformFilterOptions } from "../kernels/filters/uniform.js";
import {
  checkTiling,
  readBox,
  type Tile,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";

/** The plane indices padded positions [from, to) read (−1: cval), and their range. */
function padded(
  from: number,
  to: number,
  n: number,
  before: number,
  mode: ReturnType<typeof parseBorderMode>,
) {
  const index = new Int32Array(to - from);
  let lo = n;
  let hi = -1;
  for (let p = from; p < to; p++) {
    const i = borderIndex(p - before, n, mode);
    index[p - from] = i;
    if (i >= 0) {
      lo = Math.min(lo, i);
      hi = Math.max(hi, i);
    }
  }
  return { index, lo: hi < 0 ? 0 : lo, hi: hi < 0 ? 0 : hi + 1 };
}

export async function* tiledUniformFilter(
  plane: TiledPlane,
  options: UniformFilterOptions,
  tiles: TileShape,
): AsyncGenerator<Tile<Float64Array | Float32Array>> {
  const fn = "tiledUniformFilter";
  checkTiling(fn, plane, tiles);
  const mode = parseBorderMode(options.mode ?? "reflect", fn);
  if (mode === "wrap")
    throw new RangeError(`${fn}: mode wrap reads the far side of the plane; it cannot be tiled`);
  const cval = options.cval ?? 0;
  const [sy, sx] = pair(options.size, "size", fn);
  for (const s of [sy, sx]) {
    if (!Number.isInteger(s) || s < 1)
      throw new RangeError(`${fn}: size must be a positive integer, got ${s}`);
  }
  const { ny, nx } = plane;
  const by = sy >> 1;
  const bx = sx >> 1;
  let carryY = new Float64Array(nx); // Y running sum of each column after row y0 − 1
  let nextY = new Float64Array(nx);
  const carryX = new Float64Array(tiles.tileY); // X running sum of each row after column x0 − 1
  let float32: boolean | undefined;
  for (const b of tileBoxes(ny, nx, tiles)) {
    const h = b.y1 - b.y0;
    const w = b.x1 - b.x0;
    // Padded positions each pass reads: X needs columns x0 − 1 … x1 + sx − 2 (padded), and at
    // x0 = 0 the first window; Y likewise in rows.
    const cols =
      sx > 1
        ? padded(b.x0 === 0 ? 0 : b.x0 - 1, b.x1 + sx - 1, nx, bx, mode)
        : padded(b.x0 + bx, b.x1 + bx, nx, bx, mode);
    const rows =
      sy > 1
        ? padded(b.y0 === 0 ? 0 : b.y0 - 1, b.y1 + sy - 1, ny, by, mode)
        : padded(b.y0 + by, b.y1 + by, ny, by, mode);
    const window = { y0: rows.lo, y1: rows.hi, x0: cols.lo, x1: cols.hi };
    const src = await readBox(plane, window);
    float32 ??= src instanceof Float32Array;
    const ww = window.x1 - window.x0;
    const at = (r: number, c: number) => src[(r - window.y0) * ww + (c - window.x0)];
    // Y pass over the window's columns c0..c1 (those the X pass reads), rows y0..y1.
    const c0 = window.x0;
    const wc = window.x1 - window.x0;
    const ypass = new Float64Array(h * wc);
    for (let c = c0; c < window.x1; c++) {
      if (sy === 1) {
        for (let y = b.y0; y < b.y1; y++) ypass[(y - b.y0) * wc + c - c0] = at(y, c);
        continue;
      }
      const cell = (k: number) => (rows.index[k] < 0 ? cval : at(rows.index[k], c));
      let tmp: number;
      if (b.y0 === 0) {
        tmp = 0;
        for (let p = 0; p < sy; p++) tmp += cell(p);
        ypass[c - c0] = tmp / sy;
      } else tmp = carryY[c];
      for (let y = b.y0 === 0 ? 1 : b.y0; y < b.y1; y++) {
        // padded row y − 1 sits at rows.index[y − 1 − from], from = y0 − 1 (or 0 at the top)
        const leave = y - 1 - (b.y0 === 0 ? 0 : b.y0 - 1);
        tmp += cell(leave + sy) - cell(leave);
        ypass[(y - b.y0) * wc + c - c0] = tmp / sy;
      }
      if (c >= b.x0 && c < b.x1) nextY[c] = tmp;
    }
    if (sy > 1 && sx > 1 && float32)
      for (let i = 0; i < ypass.length; i++) ypass[i] = Math.fround(ypass[i]);
    const out = float32 ? new Float32Array(h * w) : new Float64Array(h * w);
    for (let y = 0; y < h; y++) {
      const row = y * wc - c0;
      if (sx === 1) {
        for (let x = b.x0; x < b.x1; x++) out[y * w + x - b.x0] = ypass[row + x];
        continue;
      }
      const cell = (k: number) => (cols.index[k] < 0 ? cval : ypass[row + cols.index[k]]);
      let tmp: number;
      let x = b.x0;
      const from = b.x0 === 0 ? 0 : b.x0 - 1;
      if (b.x0 === 0) {
        tmp = 0;
        for (let p = 0; p < sx; p++) tmp += cell(p);
        out[y * w] = tmp / sx;
        x = 1;
      } else tmp = carryX[y];
      for (; x < b.x1; x++) {
        const leave = x - 1 - from;
        tmp += cell(leave + sx) - cell(leave);
        out[y * w + x - b.x0] = tmp / sx;
      }
      carryX[y] = tmp;
    }
    if (b.x1 === nx) [carryY, nextY] = [nextY, carryY];
    yield { ...b, data: out };
  }
}
