/** np.histogram and skimage.exposure.histogram against numpy / scikit-image. */
import { describe, expect, it } from "vitest";
import { pythonAvailable, rng, runPython } from "../../../../../test/helpers/python.js";
import { histogram, imageHistogram } from "./histogram.js";

describe("histogram", () => {
  it("errors name the problem", () => {
    expect(() => histogram([1, 2], { bins: 0 })).toThrow(/bins must be a positive integer, got 0/);
    expect(() => histogram([1, Number.NaN])).toThrow(
      /autodetected range of \[NaN, NaN\] is not finite/,
    );
    expect(() => histogram([1], { range: [2, 1] })).toThrow(/max must be larger than min/);
  });

  it("a constant array gets the range [v - 0.5, v + 0.5]", () => {
    const { counts, edges } = histogram([3, 3, 3], { bins: 2 });
    expect(Array.from(edges)).toEqual([2.5, 3, 3.5]);
    expect(Array.from(counts)).toEqual([0, 3]); // the last bin is closed
  });
});

describe.skipIf(!pythonAvailable())("against numpy / scikit-image", () => {
  const random = rng(9);
  const f64 = Float64Array.from({ length: 5000 }, () => (random() - 0.2) * 777.7);
  // values on the bin edges exercise numpy's index correction
  const edgy = Float64Array.from({ length: 2001 }, (_, i) => i * 0.1);
  const f32 = Float32Array.from({ length: 5000 }, () => random() * 3.3 - 1);
  const u16 = Uint16Array.from({ length: 5000 }, () => 300 + Math.floor(random() * 700));
  const out = runPython(
    `
for k in ['f64', 'edgy', 'f32', 'u16']:
    c, e = np.histogram(I[k], 256); O[k + 'c'] = c; O[k + 'e'] = e
    c, e = np.histogram(I[k], 37, range=(0.25, 500.5)); O[k + 'rc'] = c; O[k + 're'] = e
from skimage.exposure import histogram
for k in ['f64', 'f32', 'u16']:
    c, b = histogram(I[k], 100); O[k + 'sc'] = c; O[k + 'sb'] = b
`,
    { f64, edgy, f32, u16 },
  );
  it.each(["f64", "edgy", "f32", "u16"])("np.histogram of %s (auto range and given range)", (k) => {
    const data = { f64, edgy, f32, u16 }[k as "f64"];
    const auto = histogram(data, { bins: 256 });
    expect(Array.from(auto.counts)).toEqual(Array.from(out[`${k}c`]));
    expect(Array.from(auto.edges)).toEqual(Array.from(out[`${k}e`]));
    const ranged = histogram(data, { bins: 37, range: [0.25, 500.5] });
    expect(Array.from(ranged.counts)).toEqual(Array.from(out[`${k}rc`]));
    expect(Array.from(ranged.edges)).toEqual(Array.from(out[`${k}re`]));
  });
  it.each(["f64", "f32", "u16"])("skimage.exposure.histogram of %s", (k) => {
    const data = { f64, f32, u16 }[k as "f64"];
    const { counts, centers } = imageHistogram(data, { nbins: 100 });
    expect(Array.from(counts)).toEqual(Array.from(out[`${k}sc`]));
    expect(Array.from(centers)).toEqual(Array.from(out[`${k}sb`]));
  });
});
