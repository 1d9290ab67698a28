/** numpy's exp / log ports and the exact FMA they rest on, against numpy itself. */
import { describe, expect, it } from "vitest";
import {
  numpyUsesSvml,
  pythonAvailable,
  rng,
  runPython,
} from "../../../../../test/helpers/python.js";
import { exactFma, fma, fmaf, MAX_F32 } from "./fma.js";
import { logCorrect } from "./libm.js";
import { npExp, npLog, npLogF32 } from "./npmath.js";

/** Exact float32 fma (always the BigInt path), to check fmaf's fast path against. */
function fmafExact(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) {
    return Math.fround(a * b + c);
  }
  if (a === 0 || b === 0) return Math.fround(a * b + c);
  return exactFma(a, b, c, 24, -149, MAX_F32);
}

describe("fma", () => {
  it("rounds once: fma(1 + 2^-52, 1 - 2^-52, -1) = -2^-104", () => {
    const e = 2 ** -52;
    expect(fma(1 + e, 1 - e, -1)).toBe(-(2 ** -104));
    expect((1 + e) * (1 - e) - 1).toBe(0); // what separate rounding gives
  });

  it("float32 fast path equals the exact BigInt path", () => {
    const random = rng(7);
    const f = Math.fround;
    for (let i = 0; i < 20000; i++) {
      const scale = 2 ** Math.floor(random() * 40 - 20);
      const a = f((random() - 0.5) * scale);
      const b = f((random() - 0.5) * 8);
      const c = f((random() - 0.5) * scale * 4);
      expect(fmaf(a, b, c)).toBe(fmafExact(a, b, c));
    }
  });
});

describe.skipIf(!numpyUsesSvml())("numpy exp/log (AVX-512 SVML / simd paths)", () => {
  const random = rng(11);
  const expIn = Float64Array.from({ length: 6000 }, (_, i) =>
    i < 2000 ? (-0.5 * (i % 200) ** 2) / (1 + (i % 7)) ** 2 : (random() - 0.5) * 1400,
  );
  const logIn = Float64Array.from({ length: 6000 }, (_, i) =>
    i < 2000
      ? random() * 2000
      : i < 4000
        ? Math.exp((random() - 0.5) * 1400)
        : 0.9 + random() * 0.2,
  );
  const logfIn = Float32Array.from({ length: 6000 }, () => Math.exp((random() - 0.5) * 80));
  const out = runPython(
    "O['exp'] = np.exp(I['e']); O['log'] = np.log(I['l']); O['logf'] = np.log(I['f'])",
    {
      e: expIn,
      l: logIn,
      f: logfIn,
    },
  );
  const mismatches = (
    fn: (x: number) => number,
    input: ArrayLike<number>,
    expected: ArrayLike<number>,
  ) => {
    let bad = 0;
    for (let i = 0; i < input.length; i++) if (!Object.is(fn(input[i]), expected[i])) bad++;
    return bad;
  };

  it("npExp equals np.exp on float64 for |x| < 707.7", () => {
    const inside = expIn.filter((x) => Math.abs(x) < 707.7);
    const expected = out.exp.filter((_, i) => Math.abs(expIn[i]) < 707.7);
    expect(mismatches(npExp, inside, expected)).toBe(0);
  });

  it("npLog equals np.log on float64", () => {
    expect(mismatches(npLog, logIn, out.log)).toBe(0);
  });

  it("npLogF32 equals np.log on float32", () => {
    expect(mismatches(npLogF32, logfIn, out.logf)).toBe(0);
  });

  it("special values", () => {
    expect(npExp(Number.NaN)).toBeNaN();
    expect(npExp(800)).toBe(Number.POSITIVE_INFINITY);
    expect(npExp(-800)).toBe(0);
    expect(npLog(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(npLog(-1)).toBeNaN();
    expect(npLogF32(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(npLogF32(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe.skipIf(!pythonAvailable())("logCorrect (the glibc stand-in for C code's log)", () => {
  // the arguments rank entropy feeds it: count / population
  const p = Float64Array.from(
    Array.from({ length: 120 }, (_, k) => k + 200).flatMap((pop) =>
      Array.from({ length: pop }, (_, c) => (c + 1) / pop),
    ),
  );
  const out = runPython(
    `
import math
from decimal import Decimal, getcontext
getcontext().prec = 40
O['glibc'] = np.array([math.log(v) for v in I['p']])
O['exact'] = np.array([float(Decimal(v).ln()) for v in I['p']])
`,
    { p },
  );
  it("is correctly rounded, and equals glibc's log but for a few ulp-misrounded arguments", () => {
    let notExact = 0;
    let notGlibc = 0;
    for (let i = 0; i < p.length; i++) {
      const v = logCorrect(p[i]);
      if (v !== out.exact[i]) notExact++;
      if (v !== out.glibc[i]) notGlibc++;
    }
    expect(notExact).toBe(0);
    expect(notGlibc / p.length).toBeLessThan(0.002);
  });
});
