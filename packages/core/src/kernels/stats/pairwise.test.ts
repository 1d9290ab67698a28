/** numpy's buffered pairwise summation, bit for bit. */
import { describe, expect, it } from "vitest";
import { pythonAvailable, rng, runPython } from "../../../../../test/helpers/python.js";
import { mean, npSum, npSumF32, pairwiseSum } from "./pairwise.js";

describe("pairwise sum", () => {
  it("small sums are plain left-to-right sums from 0", () => {
    expect(pairwiseSum([0.1, 0.2, 0.3])).toBe(0.1 + 0.2 + 0.3);
    expect(pairwiseSum([])).toBe(0);
    expect(mean([1, 2, 3, 4])).toBe(2.5);
  });
});

describe.skipIf(!pythonAvailable())("np.sum / np.mean", () => {
  const random = rng(3);
  const lengths = [
    1, 7, 8, 9, 15, 16, 17, 127, 128, 129, 130, 255, 256, 1000, 8191, 8192, 8193, 20000, 70001,
  ];
  const inputs = Object.fromEntries(
    lengths.map((n) => [`a${n}`, Float64Array.from({ length: n }, () => (random() - 0.3) * 1e3)]),
  );
  const inputs32 = Object.fromEntries(
    lengths.map((n) => [`f${n}`, Float32Array.from({ length: n }, () => random() * 100)]),
  );
  const out = runPython("for k, v in I.items():\n    O[k] = np.sum(v); O['m' + k] = np.mean(v)", {
    ...inputs,
    ...inputs32,
  });
  it.each(lengths)("n = %i", (n) => {
    expect(npSum(inputs[`a${n}`])).toBe(out[`a${n}`][0]);
    expect(mean(inputs[`a${n}`])).toBe(out[`ma${n}`][0]);
    expect(npSumF32(inputs32[`f${n}`])).toBe(out[`f${n}`][0]);
  });
});
