/**
 * One pass over a tiled plane that finds what the global statistics start from, with numpy's
 * semantics: min and max (NaN if any NaN), and for threshold_li the non-NaN count, the first
 * non-NaN value in raster order, whether all non-NaN values are equal, and the finite range
 * (a zero extreme taking the sign of the first zero in raster order, as kernels/threshold/
 * li.ts does). Tiles arrive in tile order, so "first" compares raster indices.
 */
import type { TypedArray } from "../array/dtype.js";
import { isIntegerArray } from "../kernels/stats/histogram.js";
import { readTiles, type TiledPlane, type TileShape } from "./tiles.js";

export interface PlaneScan {
  /** Pixels in the plane. */
  size: number;
  /** numpy's min / max: NaN when a value is NaN. */
  min: number;
  max: number;
  hasNaN: boolean;
  /** Non-NaN values and the first of them in raster order (NaN when none). */
  count: number;
  first: number;
  /** Every non-NaN value equals the first (numpy's ==: ±0 equal). */
  constant: boolean;
  /** Finite values and their range (±Infinity when none). */
  finite: number;
  finiteMin: number;
  finiteMax: number;
  /** A one-value array of the plane's type (for dtype casts). */
  sample: TypedArray;
}

export async function scanPlane(plane: TiledPlane, tiles: TileShape): Promise<PlaneScan> {
  let hasNaN = false;
  let count = 0;
  let firstAt = Number.POSITIVE_INFINITY;
  let first = Number.NaN;
  let zeroAt = Number.POSITIVE_INFINITY;
  let zero = 0;
  let finite = 0;
  let finiteMin = Number.POSITIVE_INFINITY;
  let finiteMax = Number.NEGATIVE_INFINITY;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let sample: TypedArray | undefined;
  // Whether all non-NaN values are equal: track the distinct values seen (two is enough).
  let a = Number.NaN;
  let twoValues = false;
  for await (const t of readTiles(plane, tiles)) {
    const d = t.data;
    sample ??= d.slice(0, 1) as TypedArray;
    const w = t.x1 - t.x0;
    if (d.length === 0) continue;
    // Within a tile, tile order is raster order: only a tile's first non-NaN value and first
    // zero can be the plane's first, so only theirs need a raster index.
    const rasterIndex = (i: number) => (t.y0 + Math.floor(i / w)) * plane.nx + t.x0 + (i % w);
    // A tile of finite values (every integer tile; most float ones) needs only its range:
    // one tight loop. Tiles with NaN or infinities take the full loop below.
    const range = finiteRange(d);
    if (range) {
      const [tlo, thi] = range;
      // A zero extreme (float tiles) takes the sign of the plane's first zero: the tile's
      // first zero is a candidate.
      if ((tlo === 0 || thi === 0) && !isIntegerArray(d)) {
        const i = d.indexOf(0);
        const at = rasterIndex(i);
        if (at < zeroAt) {
          zeroAt = at;
          zero = d[i];
        }
      }
      const at = t.y0 * plane.nx + t.x0;
      if (at < firstAt) {
        firstAt = at;
        first = d[0];
      }
      if (a !== a) a = d[0];
      if (tlo !== a || thi !== a) twoValues = true;
      count += d.length;
      finite += d.length;
      if (tlo < lo) lo = tlo;
      if (thi > hi) hi = thi;
      if (tlo < finiteMin) finiteMin = tlo;
      if (thi > finiteMax) finiteMax = thi;
      continue;
    }
    let tileFirst = true;
    let tileZero = true;
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      if (v !== v) {
        hasNaN = true;
        continue;
      }
      count++;
      if (tileFirst) {
        tileFirst = false;
        const at = rasterIndex(i);
        if (at < firstAt) {
          firstAt = at;
          first = v;
        }
      }
      if (a !== a) a = v;
      else if (v !== a) twoValues = true;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      if (v - v === 0) {
        finite++;
        if (v < finiteMin) finiteMin = v;
        if (v > finiteMax) finiteMax = v;
        if (v === 0 && tileZero) {
          tileZero = false;
          const at = rasterIndex(i);
          if (at < zeroAt) {
            zeroAt = at;
            zero = v;
          }
        }
      }
    }
  }
  if (finiteMin === 0) finiteMin = zero;
  if (finiteMax === 0) finiteMax = zero;
  return {
    size: plane.ny * plane.nx,
    min: hasNaN ? Number.NaN : lo,
    max: hasNaN ? Number.NaN : hi,
    hasNaN,
    count,
    first,
    constant: !twoValues,
    finite,
    finiteMin,
    finiteMax,
    sample: sample ?? new Float64Array(1),
  };
}

/** [min, max] of a non-empty array whose values are all finite, else null. */
function finiteRange(d: TypedArray): [number, number] | null {
  let lo = d[0];
  let hi = d[0];
  // v·0 is NaN for NaN and ±Infinity, 0 otherwise: one sum flags them all.
  let flag = 0;
  for (let i = 0; i < d.length; i++) {
    const v = d[i];
    if (v < lo) lo = v;
    else if (v > hi) hi = v;
    flag += v * 0;
  }
  return flag === 0 ? [lo, hi] : null;
}
