/** Global statistics of tiled planes from streamed passes equal the whole-plane values. */
import { describe, expect, it } from "vitest";
import { NX, NY, seeded, TILES } from "../../../../test/helpers/tiled-planes.js";
import type { TypedArray } from "../array/dtype.js";
import { histogram } from "../kernels/stats/histogram.js";
import { npSum } from "../kernels/stats/pairwise.js";
import { percentile } from "../kernels/stats/percentile.js";
import { thresholdLi } from "../kernels/threshold/li.js";
import { thresholdOtsu } from "../kernels/threshold/otsu.js";
import { smallestGap } from "../kernels/threshold/smallest-gap.js";
import { thresholdYen } from "../kernels/threshold/yen.js";
import { kthSmallest, kthSmallestMany, smallestGap as streamedGap } from "./buckets.js";
import { tiledHistogram } from "./histogram.js";
import { tiledThresholdLi } from "./li.js";
import { tiledPercentile } from "./percentile.js";
import { StreamedSum } from "./raster.js";
import { tiledThresholdOtsu, tiledThresholdYen } from "./threshold.js";
import { planeFromArray } from "./tiles.js";
import { pixelStream } from "./values.js";

const random = seeded(5);
/** Two populations (background and cells), so thresholds fall between them. */
const bimodal = (i: number) =>
  (random() < 0.7 ? 100 + random() * 80 : 900 + random() * 600) + (i % 7);
const f64 = Float64Array.from({ length: NY * NX }, (_, i) => bimodal(i) + random() * 1e-3);
const f32 = Float32Array.from(f64, (v) => v / 1000);
const u16 = Uint16Array.from(f64, Math.round);
const u8 = Uint8Array.from(f64, (v) => Math.round(v / 8));
const i32 = Int32Array.from(f64, (v) => Math.round(v * 50) - 30_000);
/** Few distinct values, many repeats (ties at every order statistic). */
const steps = Float64Array.from({ length: NY * NX }, () => Math.floor(random() * 6) * 0.1);
const withNaN = f64.slice();
withNaN[1234] = Number.NaN;
const PLANES: Record<string, TypedArray> = { f64, f32, u16, u8, i32, steps };

const tiled = (a: TypedArray) => planeFromArray(a, NY, NX);

describe("histogram", () => {
  it("np.histogram with the autodetected range and with a given range", async () => {
    for (const [name, a] of Object.entries(PLANES)) {
      for (const opts of [{ bins: 10 }, { bins: 37 }, { bins: 256, range: [150, 1200] as const }]) {
        const whole = histogram(a, opts);
        const got = await tiledHistogram(tiled(a), opts, TILES);
        expect(Array.from(got.counts), name).toEqual(Array.from(whole.counts));
        expect(Array.from(got.edges), name).toEqual(Array.from(whole.edges));
      }
    }
  });
  it("refuses a NaN plane's autodetected range as numpy does", async () => {
    await expect(tiledHistogram(tiled(withNaN), {}, TILES)).rejects.toThrow(/not finite/);
  });
});

describe("percentile", () => {
  it("np.percentile at several q, ties and NaN included", async () => {
    const qs = [0, 0.5, 1, 25, 33.3, 50, 75, 99.9, 100];
    for (const [name, a] of Object.entries({ ...PLANES, withNaN })) {
      const got = (await tiledPercentile(tiled(a), qs, TILES)) as number[];
      expect(got, name).toEqual(percentile(a, qs));
    }
    expect(await tiledPercentile(tiled(u16), 42, TILES)).toBe(percentile(u16, 42));
  });
  it("order statistics stay exact when buckets must be refined (tiny limits)", async () => {
    const stream = pixelStream(tiled(f64), TILES);
    const sorted = Float64Array.from(f64).sort();
    const range = { lo: sorted[0], hi: sorted[sorted.length - 1] };
    for (const k of [0, 1, 777, 6353, 12706]) {
      expect(await kthSmallest(stream, k, range, { buckets: 4, collect: 16 })).toBe(sorted[k]);
    }
    // Many order statistics narrowed together, in shared passes, ties (u16) included.
    for (const a of [f64, u16]) {
      const all = Float64Array.from(a).sort();
      const ks = [0, 1, 2, 500, 501, 777, 6353, 6354, 12706, all.length - 1];
      const got = await kthSmallestMany(
        pixelStream(tiled(a), TILES),
        ks,
        { lo: all[0], hi: all[all.length - 1] },
        { buckets: 4, collect: 16 },
      );
      expect(ks.map((k) => got.get(k))).toEqual(ks.map((k) => all[k]));
    }
  });
});

describe("thresholds", () => {
  it("threshold_otsu and threshold_yen (nbins 256 and 100)", async () => {
    for (const [name, a] of Object.entries(PLANES)) {
      for (const nbins of [256, 100]) {
        expect(await tiledThresholdOtsu(tiled(a), TILES, { nbins }), name).toBe(
          thresholdOtsu(a, { nbins }),
        );
        expect(await tiledThresholdYen(tiled(a), TILES, { nbins }), name).toBe(
          thresholdYen(a, { nbins }),
        );
      }
    }
  });
  it("threshold_otsu of a constant plane is its value", async () => {
    expect(await tiledThresholdOtsu(tiled(new Uint16Array(NY * NX).fill(7)), TILES)).toBe(7);
  });
  it("threshold_li: default tolerance, given tolerance, initial guess, NaN", async () => {
    for (const [name, a] of Object.entries({ ...PLANES, withNaN })) {
      expect(await tiledThresholdLi(tiled(a), TILES), name).toBe(thresholdLi(a));
      expect(await tiledThresholdLi(tiled(a), TILES, { tolerance: 0.01 }), name).toBe(
        thresholdLi(a, { tolerance: 0.01 }),
      );
    }
    expect(await tiledThresholdLi(tiled(u16), TILES, { initialGuess: 300 })).toBe(
      thresholdLi(u16, { initialGuess: 300 }),
    );
    await expect(tiledThresholdLi(tiled(u16), TILES, { initialGuess: 1e9 })).rejects.toThrow(
      /initial guess must be within the range/,
    );
  });
  it("the smallest gap (threshold_li's float tolerance) stays exact when refined", async () => {
    for (const a of [f64, steps]) {
      const lo = Math.min(...a);
      const hi = Math.max(...a);
      const shifted = pixelStream(tiled(a), TILES, (v) => v - lo);
      expect(await streamedGap(shifted, { lo: 0, hi: hi - lo }, { buckets: 3, collect: 20 })).toBe(
        smallestGap(Float64Array.from(a, (v) => v - lo)),
      );
    }
  });
});

describe("StreamedSum", () => {
  it("is np.sum of the values pushed, across numpy's 8192-value buffers", () => {
    const values = Float64Array.from({ length: 30_001 }, () => random() * 1e6 - 3e5);
    const s = new StreamedSum();
    for (let i = 0; i < values.length; i += 1000)
      s.push(values, i, Math.min(1000, values.length - i));
    expect(s.value()).toBe(npSum(values));
    expect(s.count).toBe(values.length);
  });
});
