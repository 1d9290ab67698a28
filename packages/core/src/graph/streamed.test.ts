/**
 * StreamedArray: chunks made on the main thread by an async function that may run computes
 * of its own on the run's executor; their consumers still run on workers.
 */
import { describe, expect, it } from "vitest";
import { filters } from "../api/index.js";
import { DataArray } from "../array/data-array.js";
import { planeOfArray } from "../tiled/from-array.js";
import { StreamedArray } from "./lazy.js";

describe("StreamedArray", () => {
  const ny = 37;
  const nx = 53;
  const source = DataArray.from(
    Float64Array.from({ length: ny * nx }, (_, i) => (i * 7919) % 977),
    { dims: ["Y", "X"], shape: [ny, nx] },
  ).rechunk({ Y: 10, X: 16 });

  /** Each 10 × 16 tile is the source's window read through planeOfArray, times two. */
  function doubled(calls: { executors: Set<unknown> }): DataArray {
    const lazy = new StreamedArray(
      ["Y", "X"],
      [ny, nx],
      "float64",
      [10, 16],
      "doubled",
      async (index, run) => {
        calls.executors.add(run.executor);
        const plane = planeOfArray(source, { executor: run.executor, signal: run.signal });
        const [y0, x0] = [index[0] * 10, index[1] * 16];
        const [y1, x1] = [Math.min(ny, y0 + 10), Math.min(nx, x0 + 16)];
        const window = (await plane.read(y0, y1, x0, x1)) as Float64Array;
        return { data: window.map((v) => 2 * v), shape: [y1 - y0, x1 - x0], dtype: "float64" };
      },
    );
    return new DataArray(lazy);
  }

  it.each([0, 2])(
    "feeds worker kernels, with nested computes on the run's executor (workers %i)",
    async (workers) => {
      const calls = { executors: new Set<unknown>() };
      const expected = await filters.median(source.mul(2), { size: 3 }).compute({ workers: 0 });
      const got = await filters.median(doubled(calls), { size: 3 }).compute({ workers });
      expect([...got.values]).toEqual([...expected.values]);
      expect(calls.executors.size).toBe(1);
    },
  );

  it("a failing load fails the compute with its error", async () => {
    const lazy = new StreamedArray(["Y", "X"], [4, 4], "float64", [2, 2], "broken", async () => {
      throw new RangeError("no tile here");
    });
    await expect(new DataArray(lazy).compute({ workers: 0 })).rejects.toThrow(/no tile here/);
  });
});
