/**
 * gaussian_filter / uniform_filter against scipy.ndimage 1.10: bit-identical on float64 for
 * every mode, sigma pairs, truncate, explicit radius, planes smaller than the kernel, both
 * the WebAssembly SIMD path and the JavaScript fallback.
 */
import { afterAll, describe, expect, it } from "vitest";
import {
  numpyUsesSvml,
  pythonAvailable,
  rng,
  runPython,
} from "../../../../../test/helpers/python.js";
import { gaussianFilter } from "./gaussian.js";
import { uniformFilter } from "./uniform.js";
import { setSimdEnabled, simdKernels } from "./wasm/simd.js";

it("the WebAssembly SIMD kernels (built with the package) load", () => {
  expect(simdKernels()).not.toBeNull(); // Node 20 has WebAssembly SIMD
});

describe("argument checks", () => {
  const plane = new Float64Array(12);
  it("names the bad parameter", () => {
    expect(() => gaussianFilter(plane, 3, 4, { sigma: -1 })).toThrow(
      /sigma must be a non-negative number, got -1/,
    );
    expect(() => gaussianFilter(plane, 3, 5, { sigma: 1 })).toThrow(
      /plane of 3×5 needs 15 values, got 12/,
    );
    expect(() => gaussianFilter(plane, 3, 4, { sigma: 1, mode: "edge" as "wrap" })).toThrow(
      /mode must be one of/,
    );
    expect(() => gaussianFilter(plane, 3, 4, { sigma: 1, radius: 1.5 })).toThrow(
      /radius must be a non-negative integer/,
    );
    expect(() => uniformFilter(plane, 3, 4, { size: 0 })).toThrow(
      /size must be a positive integer, got 0/,
    );
  });
  it("sigma 0 copies; float32 input gives float32 output", () => {
    const src = Float32Array.from({ length: 12 }, (_, i) => i * 0.1);
    const out = gaussianFilter(src, 3, 4, { sigma: 0 });
    expect(out).toBeInstanceOf(Float32Array);
    expect(Array.from(out)).toEqual(Array.from(src));
  });
});

type Case = { name: string; ny: number; nx: number; opts: Record<string, unknown>; py: string };

const CASES: Case[] = [
  { name: "sigma 2", ny: 64, nx: 80, opts: { sigma: 2 }, py: "ndi.gaussian_filter(a, 2)" },
  {
    name: "sigma pair, nearest",
    ny: 64,
    nx: 80,
    opts: { sigma: [1.3, 4.7], mode: "nearest" },
    py: "ndi.gaussian_filter(a, (1.3, 4.7), mode='nearest')",
  },
  {
    name: "mirror, truncate 2.5",
    ny: 64,
    nx: 80,
    opts: { sigma: 3, mode: "mirror", truncate: 2.5 },
    py: "ndi.gaussian_filter(a, 3, mode='mirror', truncate=2.5)",
  },
  {
    name: "wrap",
    ny: 64,
    nx: 80,
    opts: { sigma: 5, mode: "wrap" },
    py: "ndi.gaussian_filter(a, 5, mode='wrap')",
  },
  {
    name: "constant cval",
    ny: 64,
    nx: 80,
    opts: { sigma: 2.2, mode: "constant", cval: 7.5 },
    py: "ndi.gaussian_filter(a, 2.2, mode='constant', cval=7.5)",
  },
  {
    name: "kernel larger than the plane",
    ny: 9,
    nx: 5,
    opts: { sigma: 6 },
    py: "ndi.gaussian_filter(a, 6)",
  },
  {
    name: "one row, mirror",
    ny: 1,
    nx: 70,
    opts: { sigma: 10, mode: "mirror" },
    py: "ndi.gaussian_filter(a, 10, mode='mirror')",
  },
  {
    name: "one column, wrap",
    ny: 70,
    nx: 1,
    opts: { sigma: 30, mode: "wrap" },
    py: "ndi.gaussian_filter(a, 30, mode='wrap')",
  },
  {
    name: "Y only (sigma_x 0)",
    ny: 64,
    nx: 80,
    opts: { sigma: [2, 0] },
    py: "ndi.gaussian_filter(a, (2, 0))",
  },
  {
    name: "explicit radius",
    ny: 64,
    nx: 80,
    opts: { sigma: 2, radius: [3, 9] },
    py: "ndi.gaussian_filter(a, 2, radius=(3, 9))",
  },
  {
    name: "odd sizes, block 257 sigma",
    ny: 131,
    nx: 97,
    opts: { sigma: 128 / 3 },
    py: "ndi.gaussian_filter(a, 256 / 6.0)",
  },
  // planes of 4096+ pixels take the SIMD path; a Y radius of 32+ the transposed Y pass
  {
    name: "narrow: 4100 x 1",
    ny: 4100,
    nx: 1,
    opts: { sigma: 7, mode: "wrap" },
    py: "ndi.gaussian_filter(a, 7, mode='wrap')",
  },
  {
    name: "flat: 3 x 2001",
    ny: 3,
    nx: 2001,
    opts: { sigma: [2, 9], mode: "mirror" },
    py: "ndi.gaussian_filter(a, (2, 9), mode='mirror')",
  },
  {
    name: "5 x 1030, constant",
    ny: 5,
    nx: 1030,
    opts: { sigma: 3, mode: "constant", cval: -4 },
    py: "ndi.gaussian_filter(a, 3, mode='constant', cval=-4)",
  },
  {
    name: "transposed Y pass: 4100 x 1",
    ny: 4100,
    nx: 1,
    opts: { sigma: 9, mode: "nearest" },
    py: "ndi.gaussian_filter(a, 9, mode='nearest')",
  },
  {
    name: "transposed Y pass: 3 x 2001",
    ny: 3,
    nx: 2001,
    opts: { sigma: [9, 2] },
    py: "ndi.gaussian_filter(a, (9, 2))",
  },
  {
    name: "transposed Y pass: 5 x 1030, constant",
    ny: 5,
    nx: 1030,
    opts: { sigma: 12, mode: "constant", cval: 3 },
    py: "ndi.gaussian_filter(a, 12, mode='constant', cval=3)",
  },
  {
    name: "transposed Y pass: 70 x 75, wrap",
    ny: 70,
    nx: 75,
    opts: { sigma: 8.5, mode: "wrap" },
    py: "ndi.gaussian_filter(a, 8.5, mode='wrap')",
  },
  {
    name: "tiny sigma (radius 0)",
    ny: 64,
    nx: 80,
    opts: { sigma: 0.1 },
    py: "ndi.gaussian_filter(a, 0.1)",
  },
];

const UNIFORM: Case[] = [
  { name: "size 3", ny: 40, nx: 60, opts: { size: 3 }, py: "ndi.uniform_filter(a, 3)" },
  {
    name: "sizes 4 x 7, mirror",
    ny: 40,
    nx: 60,
    opts: { size: [4, 7], mode: "mirror" },
    py: "ndi.uniform_filter(a, (4, 7), mode='mirror')",
  },
  {
    name: "size 9, constant",
    ny: 40,
    nx: 60,
    opts: { size: 9, mode: "constant", cval: -2 },
    py: "ndi.uniform_filter(a, 9, mode='constant', cval=-2)",
  },
  {
    name: "size 25 > plane, wrap",
    ny: 7,
    nx: 60,
    opts: { size: 25, mode: "wrap" },
    py: "ndi.uniform_filter(a, 25, mode='wrap')",
  },
  {
    name: "size 5, nearest",
    ny: 40,
    nx: 60,
    opts: { size: 5, mode: "nearest" },
    py: "ndi.uniform_filter(a, 5, mode='nearest')",
  },
];

// Gaussian weights are np.exp's: equal to numpy's only where it uses SVML (numpyUsesSvml);
// uniform_filter takes no exp and is checked everywhere.
describe.skipIf(!pythonAvailable())("against scipy.ndimage", () => {
  const random = rng(23);
  const planes: Record<string, Float64Array> = {};
  let code = "from scipy import ndimage as ndi\n";
  for (const [i, c] of [...CASES, ...UNIFORM].entries()) {
    planes[`p${i}`] = Float64Array.from({ length: c.ny * c.nx }, () => random() * 1000 - 100);
    code += `a = I['p${i}'].reshape(${c.ny}, ${c.nx}); O['r${i}'] = ${c.py}\n`;
  }
  const f32 = Float32Array.from(planes.p0);
  const u16 = Uint16Array.from(planes.p0, (v) => Math.max(0, Math.round(v)));
  code += "O['f32'] = ndi.gaussian_filter(I['f32'].reshape(64, 80), 2)\n";
  code += "O['u16'] = ndi.gaussian_filter(I['u16'].reshape(64, 80).astype(float), 2)\n";
  const out = runPython(code, { ...planes, f32, u16 });
  afterAll(() => setSimdEnabled(true));

  for (const simd of [true, false]) {
    const label = simd ? "SIMD" : "JS";
    it.skipIf(!numpyUsesSvml()).each(CASES.map((c, i) => [c.name, i] as const))(
      `gaussian_filter (${label}) %s`,
      (_, i) => {
        setSimdEnabled(simd);
        const c = CASES[i];
        const result = gaussianFilter(planes[`p${i}`], c.ny, c.nx, c.opts as never);
        expect(Array.from(result)).toEqual(Array.from(out[`r${i}`]));
      },
    );
  }

  it.each(UNIFORM.map((c, i) => [c.name, i + CASES.length] as const))(
    "uniform_filter %s",
    (_, i) => {
      const c = UNIFORM[i - CASES.length];
      expect(Array.from(uniformFilter(planes[`p${i}`], c.ny, c.nx, c.opts as never))).toEqual(
        Array.from(out[`r${i}`]),
      );
    },
  );

  it.skipIf(!numpyUsesSvml())(
    "float32 in, float32 out (intermediate rounded as scipy does); uint16 in",
    () => {
      for (const simd of [true, false]) {
        setSimdEnabled(simd);
        expect(Array.from(gaussianFilter(f32, 64, 80, { sigma: 2 }))).toEqual(Array.from(out.f32));
        expect(Array.from(gaussianFilter(u16, 64, 80, { sigma: 2 }))).toEqual(Array.from(out.u16));
      }
    },
  );
});
