import { describe, expect, it } from "vitest";
import { formatFloat } from "../table/python-repr.js";
import { BG_KINDS, BgParams } from "./bg-params.js";
import { calculateBg } from "./calculate-bg.js";
import { bgMax, calculateBgIteratively, prob } from "./calculate-bg-iter.js";
import { Rng } from "./generat/rng.js";
import { downscaleLocalMean } from "./kernels-bg.js";

/** 96×80 uint16: sky N(300, 8) with two bright blobs (~3000). */
function scene(seed = 1): { data: Uint16Array; shape: [number, number] } {
  const [ny, nx] = [96, 80];
  const rng = new Rng(seed);
  const data = new Uint16Array(ny * nx);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const inBlob = (y - 30) ** 2 + (x - 25) ** 2 < 144 || (y - 65) ** 2 + (x - 55) ** 2 < 100;
      data[y * nx + x] = Math.round((inBlob ? 3000 : 300) + rng.normal(0, 8));
    }
  }
  return { data, shape: [ny, nx] };
}

describe("calculateBg", () => {
  it.each(BG_KINDS)("%s finds the sky level of a synthetic plane", (kind) => {
    const result = calculateBg(scene(), { kind });
    // A sanity check, not parity (that is test/parity-bg.test.ts): li_li keeps only the
    // darkest pixels, li_adaptive and inverse_yen favour the darker sky (here 294 and 291).
    const tolerance = { li_li: 40, li_adaptive: 15, inverse_yen: 15 }[kind as string] ?? 6;
    expect(Math.abs(result.iqr[1] - 300)).toBeLessThan(tolerance);
    expect(result.maskCount).toBe(result.mask.reduce((a, b) => a + b, 0));
    expect(result.iqr[0]).toBeLessThanOrEqual(result.iqr[1]);
    expect(result.iqr[1]).toBeLessThanOrEqual(result.iqr[2]);
  });

  it("writes the default adaptive radius into the params, int(X / 2) made odd", () => {
    const params = new BgParams({ kind: "adaptive" });
    const result = calculateBg(scene(), params);
    expect(params.adaptiveRadius).toBe(41);
    expect(result.adaptiveRadius).toBe(41);
    expect(result.title.startsWith("adaptive adaptive_radius=41\n(")).toBe(true);
  });

  it("titles as nima: method line, then the iqr tuple as Python prints it", () => {
    const result = calculateBg(scene(), { kind: "arcsinh" });
    const [q25, q50, q75] = result.iqr.map(formatFloat);
    expect(result.title).toBe(
      `arcsinh radius=10, perc=0.1, arcsinh_perc=80\n(${q25}, ${q50}, ${q75})`,
    );
    expect(calculateBg(scene(), { kind: "li_li" }).title.split("\n")[0]).toBe("li_li ");
  });

  it("entropy refuses float planes outside [-1, 1] with skimage's message", () => {
    const { data, shape } = scene();
    expect(() =>
      calculateBg({ data: Float64Array.from(data), shape }, { kind: "entropy" }),
    ).toThrow("Images of type float must be between -1 and 1.");
  });

  it("names empty masks and bad planes", () => {
    const flat = { data: new Uint16Array(64).fill(7), shape: [8, 8] };
    // A constant plane: Li returns the value itself, so `im < li` selects nothing.
    expect(() => calculateBg(flat, { kind: "li_li" })).toThrow(/li_li mask selects no background/);
    expect(() => calculateBg({ data: new Uint16Array(10), shape: [3, 4] })).toThrow(
      "calculateBg: a 3×4 plane needs 12 values, got 10",
    );
    expect(() => calculateBg({ data: new Uint16Array(24), shape: [2, 3, 4] })).toThrow(
      /needs one YX plane/,
    );
  });

  it("builds figure data on request", () => {
    const result = calculateBg(scene(), { kind: "arcsinh" }, { figures: true });
    const fig = result.figures!;
    expect(fig.title).toBe(result.title);
    expect(fig.shape).toEqual([96, 80]);
    expect(fig.histogram.counts.length).toBe(60);
    expect(fig.histogram.counts.reduce((a, b) => a + b, 0)).toBe(result.maskCount);
    expect(fig.lim?.thresholds.length).toBe(20);
    expect(fig.lim?.median.length).toBe(20);
    expect(
      calculateBg(scene(), { kind: "adaptive" }, { figures: true }).figures?.lim,
    ).toBeUndefined();
    expect(calculateBg(scene(), { kind: "adaptive" }).figures).toBeUndefined();
  });
});

describe("calculateBgIteratively and helpers", () => {
  it("converges on the sky of a synthetic plane", () => {
    const { data, shape } = scene(3);
    const result = calculateBgIteratively({ data: Float64Array.from(data), shape });
    expect(Math.abs(result.bg - 300)).toBeLessThan(2);
    expect(Math.abs(result.sd - 8)).toBeLessThan(2);
    expect(result.iterations).toBeGreaterThan(0);
    expect(result.iterations).toBeLessThanOrEqual(100);
  });

  it("prob is erfc((v - bg) / (√2 sd)) capped at 1", () => {
    expect(prob(100, 100, 5)).toBe(1);
    expect(prob(50, 100, 5)).toBe(1);
    expect(prob(110, 100, 5)).toBeCloseTo(0.0455002638963584, 14);
  });

  it("bgMax gives a ceiling above the sky", () => {
    const value = bgMax(scene(5));
    expect(value).toBeGreaterThan(0);
    expect(Number.isFinite(value)).toBe(true);
  });
});

describe("formatFloat", () => {
  it("prints floats as Python's repr (and so pandas' to_csv)", () => {
    const cases: [number, string][] = [
      [1774, "1774.0"],
      [0.6200588199854404, "0.6200588199854404"],
      [1e16, "1e+16"],
      [1.5e-5, "1.5e-05"],
      [0.0001, "0.0001"],
      [123456789012345.6, "123456789012345.6"],
      [1e-7, "1e-07"],
      [2.5e22, "2.5e+22"],
      [-3, "-3.0"],
      [258.036912476417, "258.036912476417"],
      [1e15, "1000000000000000.0"],
      [9999999999999998, "9999999999999998.0"],
      [0, "0.0"],
      [Number.NaN, "nan"],
    ];
    for (const [v, text] of cases) expect(formatFloat(v)).toBe(text);
  });
});

describe("downscaleLocalMean", () => {
  it("averages blocks, padding the edge blocks with zeros as scikit-image", () => {
    const data = Float64Array.from({ length: 9 }, (_, i) => i + 1); // 3×3: 1..9
    const out = downscaleLocalMean(data, 3, 3, [2, 2]);
    expect([out.ny, out.nx]).toEqual([2, 2]);
    expect([...out.data]).toEqual([(1 + 2 + 4 + 5) / 4, (3 + 6) / 4, (7 + 8) / 4, 9 / 4]);
    expect(() => downscaleLocalMean(data, 3, 3, [0, 2])).toThrow(/positive integers/);
  });
});
