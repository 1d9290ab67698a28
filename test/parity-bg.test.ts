/**
 * Background estimation against the Python nima reference (shared/reference): calculate_bg
 * for every kind on plane (T=1, C='C') — raw uint16 and, in case e, the shaded float64
 * plane —, calculate_bg_iteratively, nima.bg's per-frame medians (bg.csv, as text) and
 * corrected image, hotpixels and correct_hotpixel.
 *
 * Tolerances: iqr and masks are exact; bg/sd ≤ 1e-9 relative (the README's rtol: numpy's
 * pairwise sums vs ours can differ in the last bits); lim min/max/threshold exact for
 * uint16 (float32 values) and ≤ 1e-12 for the shaded plane (Math.asinh vs numpy's SVML
 * arcsinh differ in the last bit for ~2% of float64 values).
 */
import { readFileSync } from "node:fs";
import { type Block, DataArray, filters, nima, plane } from "@nima-ts/core";
import { describe, expect, it } from "vitest";
import {
  hasRef,
  loadJson,
  loadNpy,
  planeOf,
  referenceCases,
  refPath,
} from "./helpers/reference.js";

const {
  bg,
  bgsToCsv,
  BgParams,
  calculateBg,
  calculateBgIteratively,
  correctHotpixel,
  hotpixels,
  hotpixelsToCsv,
  shading,
} = nima;
type BgParamsInit = nima.BgParamsInit;

interface BgExpected {
  bg: number;
  sd: number;
  iqr: [number, number, number];
  mask_count: number;
  adaptive_radius_used: number;
  lim_min?: number;
  lim_max?: number;
  lim_threshold?: number;
  error?: string;
}

interface Results {
  calculate_bg: Record<string, Record<string, BgExpected>>;
  calculate_bg_iteratively: { bg: number; sd: number; iqr: number[] };
  calculate_bg_iteratively_shaded?: { bg: number; sd: number; iqr: number[] };
}

const KINDS: [string, BgParamsInit][] = [
  ["arcsinh", { kind: "arcsinh" }],
  ["entropy", { kind: "entropy" }],
  ["adaptive", { kind: "adaptive" }],
  ["adaptive_r101", { kind: "adaptive", adaptiveRadius: 101 }],
  ["li_adaptive", { kind: "li_adaptive" }],
  ["li_adaptive_r101", { kind: "li_adaptive", adaptiveRadius: 101 }],
  ["li_li", { kind: "li_li" }],
  ["inverse_yen", { kind: "inverse_yen" }],
];

const CHANNELS = ["G", "R", "C"];

function relDiff(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

function maxRelDiff(a: readonly number[], b: readonly number[]): number {
  expect(a.length).toBe(b.length);
  return Math.max(...a.map((v, i) => relDiff(v, b[i])));
}

function mismatches(mask: Uint8Array, expected: Block): number {
  expect(mask.length).toBe(expected.data.length);
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] !== expected.data[i]) n++;
  return n;
}

function stack(block: Block, dtype: "uint16" | "float64"): DataArray {
  const data = dtype === "uint16" ? Uint16Array.from(block.data) : Float64Array.from(block.data);
  const [t] = block.shape;
  return DataArray.from(data, {
    shape: block.shape,
    dims: ["T", "C", "Y", "X"],
    coords: { C: CHANNELS, T: Array.from({ length: t }, (_, i) => i) },
  });
}

describe.each(referenceCases())("reference case %s", (name) => {
  const results = loadJson<Results>(name, "plane/results.json");
  const input = loadNpy(name, "input.npy.gz");
  const [, , ny, nx] = input.shape;
  const raw = { data: Uint16Array.from(planeOf(input, 1, 2).data), shape: [ny, nx] };
  const shadedFile = "pipeline/default/shaded.npy.gz";

  const planes: [string, () => { data: Uint16Array | Float64Array; shape: number[] }][] = [
    ["raw_uint16", () => raw],
  ];
  if (hasRef(name, shadedFile)) {
    planes.push([
      "shaded_float64",
      () => ({
        data: Float64Array.from(planeOf(loadNpy(name, shadedFile), 1, 2).data),
        shape: [ny, nx],
      }),
    ]);
  }

  describe.each(planes)("calculate_bg on the %s plane (T=1, C='C')", (planeName, plane) => {
    it.each(KINDS)("%s: mask, iqr, bg, sd and lim as nima", (key, init) => {
      const expected = results.calculate_bg[planeName][key];
      const params = new BgParams(init);
      if (expected.error) {
        // nima: img_as_ubyte refuses float images outside [-1, 1].
        expect(() => calculateBg(plane(), params)).toThrow(
          expected.error.replace("ValueError: ", ""),
        );
        return;
      }
      const result = calculateBg(plane(), params);
      expect(params.adaptiveRadius).toBe(expected.adaptive_radius_used);
      expect(result.adaptiveRadius).toBe(expected.adaptive_radius_used);
      const mask = loadNpy(name, `plane/bgmask_${planeName}_${key}.npy.gz`);
      expect(mismatches(result.mask, mask)).toBe(0);
      expect(result.maskCount).toBe(expected.mask_count);
      if (planeName === "raw_uint16") expect(result.iqr).toEqual(expected.iqr);
      else expect(maxRelDiff(result.iqr, expected.iqr)).toBeLessThanOrEqual(1e-12);
      expect(relDiff(result.bg, expected.bg)).toBeLessThanOrEqual(1e-9);
      expect(relDiff(result.sd, expected.sd)).toBeLessThanOrEqual(1e-9);
      if (expected.lim_min !== undefined) {
        const lim = result.lim!;
        const tol = planeName === "raw_uint16" ? 0 : 1e-12;
        expect(relDiff(lim.min, expected.lim_min)).toBeLessThanOrEqual(tol);
        expect(relDiff(lim.max, expected.lim_max!)).toBeLessThanOrEqual(tol);
        expect(relDiff(lim.threshold, expected.lim_threshold!)).toBeLessThanOrEqual(tol);
      } else {
        expect(result.lim).toBeUndefined();
      }
    });
  });

  it("calculate_bg_iteratively of the plane as float64", () => {
    const expected = results.calculate_bg_iteratively;
    const got = calculateBgIteratively({ data: Float64Array.from(raw.data), shape: raw.shape });
    expect(got.iqr).toEqual(expected.iqr);
    expect(relDiff(got.bg, expected.bg)).toBeLessThanOrEqual(1e-9);
    expect(relDiff(got.sd, expected.sd)).toBeLessThanOrEqual(1e-9);
  });

  it.runIf(hasRef(name, shadedFile))("calculate_bg_iteratively of the shaded plane", () => {
    const expected = results.calculate_bg_iteratively_shaded!;
    const shaded = planeOf(loadNpy(name, shadedFile), 1, 2);
    const got = calculateBgIteratively({ data: Float64Array.from(shaded.data), shape: [ny, nx] });
    expect(maxRelDiff(got.iqr, expected.iqr)).toBeLessThanOrEqual(1e-12);
    expect(relDiff(got.bg, expected.bg)).toBeLessThanOrEqual(1e-9);
    expect(relDiff(got.sd, expected.sd)).toBeLessThanOrEqual(1e-9);
  });

  // The image nima.bg corrects: the input, or in case e the shading output.
  const pipelineInput = (): DataArray =>
    hasRef(name, shadedFile) ? stack(loadNpy(name, shadedFile), "float64") : stack(input, "uint16");

  it("nima.bg: bgs equal pipeline/*/bg.csv as text, image = clip(im - bg, 0)", async () => {
    const params = new BgParams({ kind: "li_adaptive" });
    const { bgs, image } = bg(pipelineInput(), params);
    expect(bgs.dims).toEqual(["T", "C"]);
    const computed = await bgs.compute({ workers: 0 });
    const csv = bgsToCsv(computed);
    for (const variant of ["default", "fg_li", "watershed", "clear_border", "wiener"]) {
      expect(csv).toBe(readFileSync(refPath(name, `pipeline/${variant}/bg.csv`), "utf8"));
    }
    // nima's BgParams keeps the adaptive radius of the first frame.
    expect(params.adaptiveRadius).toBe(
      loadJson<{ default_adaptive_radius: number }>(name, "plane/results.json")
        .default_adaptive_radius,
    );
    const summary = loadJson<{ im_bg_sum_per_TC: number[][]; im_bg_max_per_TC: number[][] }>(
      name,
      "pipeline/default/summary.json",
    );
    const corrected = (await image.compute({ workers: 0 })).values;
    const [t, c] = [bgs.sizes.T, bgs.sizes.C];
    const plane = ny * nx;
    for (let i = 0; i < t * c; i++) {
      const values = corrected.subarray(i * plane, (i + 1) * plane);
      let sum = 0;
      let max = Number.NEGATIVE_INFINITY;
      for (const v of values) {
        sum += v;
        if (v > max) max = v;
      }
      const [ti, ci] = [Math.floor(i / c), i % c];
      expect(max).toBe(summary.im_bg_max_per_TC[ti][ci]);
      expect(relDiff(sum, summary.im_bg_sum_per_TC[ti][ci])).toBeLessThanOrEqual(1e-12);
    }
  });

  it("nima.bg with adaptiveRadius 101 equals pipeline/bg_r101/bg.csv", async () => {
    const { bgs } = bg(pipelineInput(), { kind: "li_adaptive", adaptiveRadius: 101 });
    const csv = bgsToCsv(await bgs.compute({ workers: 0 }));
    expect(csv).toBe(readFileSync(refPath(name, "pipeline/bg_r101/bg.csv"), "utf8"));
  });

  it("nima.bg after nima.median (--hotpixels) equals pipeline/hotpixels/bg.csv", async () => {
    // nima.median: scipy median_filter with the disk(1) cross on the uint16 planes.
    const filtered = Uint16Array.from(input.data);
    const size = ny * nx;
    for (let p = 0; p < filtered.length / size; p++) {
      const planeData = filtered.subarray(p * size, (p + 1) * size);
      planeData.set(filters.median(plane(planeData.slice(), [ny, nx]), { footprint: CROSS }).data);
    }
    let im = stack({ ...input, data: filtered }, "uint16");
    if (hasRef(name, "dark.npy.gz")) {
      const cyx = (file: string) => {
        const b = loadNpy(name, file);
        return DataArray.from(Float64Array.from(b.data), { shape: b.shape, dims: ["C", "Y", "X"] });
      };
      im = shading(im, cyx("dark.npy.gz"), cyx("flat.npy.gz"));
    }
    const { bgs } = bg(im, { kind: "li_adaptive" });
    const csv = bgsToCsv(await bgs.compute({ workers: 0 }));
    expect(csv).toBe(readFileSync(refPath(name, "pipeline/hotpixels/bg.csv"), "utf8"));
  });

  it("hotpixels (n_sd 20) and correct_hotpixel as bima bias", () => {
    const bias = loadNpy(name, "hotpixels/bias.npy.gz");
    const rows = hotpixels({ data: bias.data, shape: bias.shape });
    expect(hotpixelsToCsv(rows)).toBe(
      readFileSync(refPath(name, "hotpixels/hotpixels.csv"), "utf8"),
    );
    const corrected = correctHotpixel(
      { data: bias.data, shape: bias.shape },
      rows.map((r) => r.y),
      rows.map((r) => r.x),
    );
    const expected = loadNpy(name, "hotpixels/bias_corrected.npy.gz");
    expect(Array.from(corrected)).toEqual(Array.from(expected.data));
  });
});

const CROSS = { data: Uint8Array.of(0, 1, 0, 1, 1, 1, 0, 1, 0), shape: [3, 3] as [number, number] };
