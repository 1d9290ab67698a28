import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { DType, TypedArray } from "../../array/dtype.js";
import { allocate, castValue } from "../../array/dtype.js";
import type { BaseBorderMode } from "../border.js";
import { diskFootprint as disk, type Footprint } from "../footprint.js";
import { genericRankFilter } from "./generic.js";
import { medianFilter, percentileFilter, rankFilter } from "./rank-filter.js";
import { setRankWasmEnabled } from "./wasm.js";
import { resolveWindow } from "./window.js";

// A deliberately plain reference: fold out-of-range indices step by step (not the modular
// formulas of kernels/border.ts), gather the window, sort it, pick the rank.
function fold(i: number, n: number, mode: BaseBorderMode): number {
  let j = i;
  for (;;) {
    if (j >= 0 && j < n) return j;
    if (mode === "constant") return -1;
    if (mode === "nearest") return j < 0 ? 0 : n - 1;
    if (mode === "wrap") j = j < 0 ? j + n : j - n;
    else if (mode === "reflect") j = j < 0 ? -j - 1 : 2 * n - j - 1;
    else if (n === 1) j = 0;
    else j = j < 0 ? -j : 2 * n - 2 - j; // mirror
  }
}

function naiveRank(
  src: TypedArray,
  ny: number,
  nx: number,
  fp: Footprint,
  origin: [number, number],
  mode: BaseBorderMode,
  cval: number,
  rank: (count: number) => number,
  dtype: DType,
): number[] {
  const [fy, fx] = fp.shape;
  const cy = Math.floor(fy / 2) + origin[0];
  const cx = Math.floor(fx / 2) + origin[1];
  const c = castValue(cval, dtype);
  const out: number[] = [];
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const values: number[] = [];
      for (let i = 0; i < fy; i++) {
        for (let j = 0; j < fx; j++) {
          if (!fp.data[i * fx + j]) continue;
          const sy = fold(y + i - cy, ny, mode);
          const sx = fold(x + j - cx, nx, mode);
          values.push(sy < 0 || sx < 0 ? c : src[sy * nx + sx]);
        }
      }
      values.sort((a, b) => a - b);
      out.push(values[rank(values.length)]);
    }
  }
  return out;
}

const MODES: BaseBorderMode[] = ["reflect", "nearest", "mirror", "constant", "wrap"];
const DTYPES: DType[] = ["uint8", "uint16", "int32", "float32", "float64"];

/** A random plane of a dtype; few distinct values when `ties`, ±Infinity among floats. */
const planeArb = fc
  .record({
    ny: fc.integer({ min: 1, max: 11 }),
    nx: fc.integer({ min: 1, max: 11 }),
    dtype: fc.constantFrom(...DTYPES),
    ties: fc.boolean(),
    seed: fc.integer({ min: 1, max: 2 ** 30 }),
  })
  .map(({ ny, nx, dtype, ties, seed }) => {
    const data = allocate(dtype, ny * nx, false);
    let s = seed;
    for (let i = 0; i < data.length; i++) {
      s = (s * 48271) % 2147483647;
      const u = s / 2147483647;
      let v = ties ? Math.floor(u * 4) : Math.floor(u * 250);
      if (dtype === "float64" || dtype === "float32") {
        v = ties ? v / 2 : (u - 0.5) * 1e3;
        if (s % 53 === 0) v = s % 2 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
      } else if (dtype === "int32") {
        v -= 100;
      }
      data[i] = v;
    }
    return { ny, nx, dtype, data };
  });

/** A footprint (random mask of any small shape, never empty), a box, or a disk. */
const windowArb = fc.oneof(
  fc
    .record({
      fy: fc.integer({ min: 1, max: 5 }),
      fx: fc.integer({ min: 1, max: 5 }),
      bits: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
    })
    .map(({ fy, fx, bits }) => {
      const data = Uint8Array.from(bits.slice(0, fy * fx), (b) => (b ? 1 : 0));
      data[(fy * fx) >> 1] = 1;
      return { fp: { data, shape: [fy, fx] as [number, number] }, box: false };
    }),
  fc.constantFrom(1, 2, 3, 4, 5, 7).map((s) => ({
    fp: { data: new Uint8Array(s * s).fill(1), shape: [s, s] as [number, number] },
    box: true,
  })),
  fc.constantFrom(1, 2).map((r) => ({ fp: disk(r), box: false })),
);

const caseArb = fc
  .record({
    plane: planeArb,
    win: windowArb,
    mode: fc.constantFrom(...MODES),
    cval: fc.constantFrom(0, 2.5, -7, 100),
    oy: fc.integer({ min: -2, max: 2 }),
    ox: fc.integer({ min: -2, max: 2 }),
    wasm: fc.boolean(),
  })
  .map((c) => {
    // Keep the origin valid: shape // 2 + origin inside the window.
    const [fy, fx] = c.win.fp.shape;
    const clamp = (o: number, f: number) =>
      Math.max(-Math.floor(f / 2), Math.min(f - 1 - Math.floor(f / 2), o));
    return { ...c, origin: [clamp(c.oy, fy), clamp(c.ox, fx)] as [number, number] };
  });

describe("rank filters against a sort-based reference", () => {
  afterEach(() => setRankWasmEnabled(true));

  it("median_filter: any footprint, mode, dtype, origin; wasm and plain JS", () => {
    fc.assert(
      fc.property(caseArb, ({ plane, win, mode, cval, origin, wasm }) => {
        setRankWasmEnabled(wasm);
        const { ny, nx, dtype, data } = plane;
        const opts = win.box
          ? { size: win.fp.shape, mode, cval, origin }
          : { footprint: win.fp, mode, cval, origin };
        const got = medianFilter(data, ny, nx, opts);
        const want = naiveRank(data, ny, nx, win.fp, origin, mode, cval, (n) => n >> 1, dtype);
        expect(got.constructor).toBe(data.constructor);
        expect(Array.from(got)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it("percentile_filter and rank_filter pick scipy's rank", () => {
    const percentile = fc.constantFrom(0, 10, 25, 50, 75, 99.9, 100, -25, -100);
    fc.assert(
      fc.property(caseArb, percentile, ({ plane, win, mode, cval, origin, wasm }, p) => {
        setRankWasmEnabled(wasm);
        const { ny, nx, dtype, data } = plane;
        const base = { footprint: win.fp, mode, cval, origin };
        const pct = p < 0 ? p + 100 : p;
        const rankOf = (n: number) => (pct === 100 ? n - 1 : Math.trunc((n * pct) / 100));
        const want = naiveRank(data, ny, nx, win.fp, origin, mode, cval, rankOf, dtype);
        expect(Array.from(percentileFilter(data, ny, nx, { ...base, percentile: p }))).toEqual(
          want,
        );
        const last = naiveRank(data, ny, nx, win.fp, origin, mode, cval, (n) => n - 1, dtype);
        expect(Array.from(rankFilter(data, ny, nx, { ...base, rank: -1 }))).toEqual(last);
      }),
      { numRuns: 200 },
    );
  });

  it("planes of several wasm strips: every path agrees with the generic path", () => {
    // 521 rows of 150: two strips for every wasm kernel, an odd last strip for the row-pair
    // kernels, and spare columns for the tiled ones (150 is not a multiple of 4).
    const ny = 521;
    const nx = 150;
    const data = new Float64Array(ny * nx).map((_, i) => ((i * 7919) % 1009) / 7);
    const box = (sy: number, sx: number): Footprint => ({
      data: new Uint8Array(sy * sx).fill(1),
      shape: [sy, sx],
    });
    const cases: [Footprint, number][] = [
      [disk(1), 50],
      [box(3, 3), 50],
      [box(5, 5), 50],
      [box(7, 7), 50],
      [box(10, 10), 80],
      [box(4, 6), 30],
    ];
    for (const [fp, percentile] of cases) {
      // The generic path (gather + scipy's select, checked against the sort-based reference
      // above through every non-box footprint) is the reference at this size.
      const window = resolveWindow({ footprint: fp }, "test");
      const rank = Math.trunc((window.count * percentile) / 100);
      const want = new Float64Array(ny * nx);
      genericRankFilter(data, ny, nx, window, rank, "mirror", 0, want);
      const isBox = fp.data.every((v) => v === 1);
      const opts = isBox ? { size: fp.shape, percentile } : { footprint: fp, percentile };
      for (const wasm of [true, false]) {
        setRankWasmEnabled(wasm);
        const got = percentileFilter(data, ny, nx, { ...opts, mode: "mirror" });
        expect(got.findIndex((v, i) => v !== want[i])).toBe(-1);
      }
    }
  });

  it("writes into a provided output, also in place", () => {
    const data = Uint16Array.from([5, 1, 9, 3, 7, 2, 8, 6, 4, 0, 11, 10]);
    const want = Array.from(medianFilter(data, 3, 4, { size: 3 }));
    const out = new Uint16Array(12);
    expect(medianFilter(data, 3, 4, { size: 3 }, out)).toBe(out);
    expect(Array.from(out)).toEqual(want);
    medianFilter(data, 3, 4, { size: 3 }, data);
    expect(Array.from(data)).toEqual(want);
  });
});

describe("NaN and -0", () => {
  afterEach(() => setRankWasmEnabled(true));

  it("never throws or hangs, and a NaN-free window still gets its exact median", () => {
    for (const wasm of [true, false]) {
      setRankWasmEnabled(wasm);
      const data = new Float64Array(64).map((_, i) => (i * 37) % 64);
      data[0] = Number.NaN; // top-left corner only
      data[9] = -0;
      for (const opts of [{ footprint: disk(1) }, { size: 3 }, { size: 7 }, { size: 4 }]) {
        const got = medianFilter(data, 8, 8, opts);
        // Pixel (7, 7)'s windows do not reach the NaN: exact median of plain values.
        const clean = data.slice();
        clean[0] = 0;
        expect(got[63]).toBe(medianFilter(clean, 8, 8, opts)[63]);
      }
    }
  });

  it("an all-NaN plane gives NaN", () => {
    const got = medianFilter(new Float32Array(9).fill(Number.NaN), 3, 3, { size: 3 });
    expect(Array.from(got).every(Number.isNaN)).toBe(true);
  });
});

describe("disk and parameter checks", () => {
  it("disk(r) is skimage.morphology.disk", () => {
    expect(disk(0)).toEqual({ data: Uint8Array.from([1]), shape: [1, 1] });
    expect(Array.from(disk(1).data)).toEqual([0, 1, 0, 1, 1, 1, 0, 1, 0]);
    // skimage disk(2): the corners and their neighbours on the rim are out.
    expect(Array.from(disk(2).data)).toEqual([
      0, 0, 1, 0, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 0,
    ]);
    expect(disk(1.5).shape).toEqual([4, 4]); // np.arange(-1.5, 2.5)
    expect(() => disk(-1)).toThrow(/radius/);
  });

  it("names the parameter in its errors", () => {
    const d = new Float64Array(9);
    expect(() => medianFilter(d, 3, 3, {})).toThrow(/median_filter: no footprint or filter size/);
    expect(() => medianFilter(d, 3, 3, { size: 0 })).toThrow(/median_filter: size/);
    expect(() => medianFilter(d, 3, 3, { size: 2.5 })).toThrow(/size/);
    expect(() => medianFilter(d, 3, 3, { size: 3, origin: 2 })).toThrow(/invalid origin/);
    expect(() => medianFilter(d, 3, 3, { size: 3, mode: "bogus" as never })).toThrow(/mode/);
    expect(() =>
      medianFilter(d, 3, 3, { footprint: { data: new Uint8Array(4), shape: [2, 2] } }),
    ).toThrow(/no true element/);
    expect(() =>
      medianFilter(d, 3, 3, { footprint: { data: new Uint8Array(3), shape: [2, 2] } }),
    ).toThrow(/footprint.data/);
    expect(() => medianFilter(d, 2, 3, { size: 3 })).toThrow(
      /median_filter: plane of 2×3 needs 6 values, got 9/,
    );
    expect(() => percentileFilter(d, 3, 3, { size: 3, percentile: 101 })).toThrow(/percentile/);
    expect(() => percentileFilter(d, 3, 3, { size: 3, percentile: -101 })).toThrow(/percentile/);
    expect(() => rankFilter(d, 3, 3, { size: 3, rank: 9 })).toThrow(/rank 9 not within/);
    expect(() => rankFilter(d, 3, 3, { size: 3, rank: -10 })).toThrow(/rank -10/);
  });

  it("footprint wins over size, as in scipy", () => {
    const d = Float64Array.from([1, 9, 2, 8, 3, 7, 4, 6, 5]);
    const viaFootprint = medianFilter(d, 3, 3, { size: 3, footprint: disk(1) });
    expect(Array.from(viaFootprint)).toEqual(
      Array.from(medianFilter(d, 3, 3, { footprint: disk(1) })),
    );
  });

  it("an empty plane is fine", () => {
    expect(medianFilter(new Uint8Array(0), 0, 5, { size: 3 }).length).toBe(0);
  });
});
