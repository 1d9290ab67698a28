/** np.percentile ('linear') and np.median, against numpy and a naive reference. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pythonAvailable, rng, runPython } from "../../../../../test/helpers/python.js";
import { lerp, median, percentile } from "./percentile.js";

/** The definition: sort, virtual index (n−1)·q/100, numpy's _lerp. */
function naivePercentile(values: number[], q: number): number {
  const a = [...values].sort((x, y) => x - y);
  const v = (a.length - 1) * (q / 100);
  if (v >= a.length - 1) return a[a.length - 1];
  const lo = Math.floor(v);
  return lerp(a[lo], a[lo + 1], v - lo);
}

describe("percentile", () => {
  it("matches the naive definition (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), {
          minLength: 1,
          maxLength: 200,
        }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (values, q) => {
          expect(percentile(values, q)).toBe(naivePercentile(values, q));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("integer data with many ties (property, several q at once)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 300 }),
        (values) => {
          const qs = [0, 10, 25, 50, 75, 90, 100];
          expect(percentile(values, qs)).toEqual(qs.map((q) => naivePercentile(values, q)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("NaN propagates; q outside [0, 100] is an error naming it", () => {
    expect(percentile([1, Number.NaN, 3], 50)).toBeNaN();
    expect(median([1, Number.NaN])).toBeNaN();
    expect(() => percentile([1, 2], 101)).toThrow(
      /percentiles must be in the range \[0, 100\], got 101/,
    );
    expect(() => percentile([], 50)).toThrow(/empty/);
  });

  it("median of an even count is the mean of the middle two", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
  });
});

describe.skipIf(!pythonAvailable())("percentile against numpy", () => {
  const random = rng(5);
  const data = Float64Array.from({ length: 10007 }, () => (random() - 0.5) * 1e4);
  const ints = Uint16Array.from({ length: 4096 }, () => Math.floor(random() * 300));
  const qs = [0, 1, 2.5, 10, 25, 33.3, 50, 66.7, 75, 90, 97.5, 99, 100];
  const out = runPython(
    "q = [0, 1, 2.5, 10, 25, 33.3, 50, 66.7, 75, 90, 97.5, 99, 100]\n" +
      "O['p'] = np.percentile(I['d'], q); O['pi'] = np.percentile(I['i'], q)\n" +
      "O['m'] = np.median(I['d']); O['mo'] = np.median(I['d'][:-1]); O['mi'] = np.median(I['i'])",
    { d: data, i: ints },
  );
  it("float64 and uint16 data, several q, and medians (odd and even counts)", () => {
    expect(percentile(data, qs)).toEqual(Array.from(out.p));
    expect(percentile(ints, qs)).toEqual(Array.from(out.pi));
    expect(median(data)).toBe(out.m[0]);
    expect(median(data.subarray(0, data.length - 1))).toBe(out.mo[0]);
    expect(median(ints)).toBe(out.mi[0]);
  });
});
