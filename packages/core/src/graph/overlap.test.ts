/**
 * Plane kernels on Y/X-chunked arrays (map_overlap in the graph): every neighbourhood kernel
 * that declares a halo gives the whole-plane result bit for bit on odd-sized planes in small
 * tiles (97 × 131 in 16 × 24), on workers; the others refuse with a message saying why.
 */
import { describe, expect, it } from "vitest";
import { firstBitDifference, NX, NY, seeded } from "../../../../test/helpers/tiled-planes.js";
import { filters, morphology } from "../api/index.js";
import { DataArray } from "../array/data-array.js";
import { ShapeError } from "../array/errors.js";
import { nima } from "../index.js";

const TILES = { Y: 16, X: 24 };

function image(dtype: "float64" | "uint8" | "uint16", planes = 2): DataArray {
  const r = seeded(7);
  const n = planes * NY * NX;
  const values = Array.from({ length: n }, () => r());
  const data =
    dtype === "float64"
      ? Float64Array.from(values, (v) => v * 1000)
      : dtype === "uint8"
        ? Uint8Array.from(values, (v) => Math.floor(v * 256))
        : Uint16Array.from(values, (v) => Math.floor(v * 4096));
  return DataArray.from(data, { dims: ["C", "Y", "X"], shape: [planes, NY, NX] });
}

async function expectTileExact(op: (a: DataArray) => DataArray, input: DataArray, workers = 2) {
  const whole = await op(input).compute({ workers: 0 });
  const tiledInput = input.rechunk(TILES);
  expect(tiledInput.chunks.X).toBe(24);
  const lazy = op(tiledInput);
  expect(lazy.chunks.Y).toBe(16);
  const tiled = await lazy.compute({ workers });
  expect(tiled.shape).toEqual(whole.shape);
  expect(tiled.dtype).toBe(whole.dtype);
  expect(firstBitDifference(tiled.values, whole.values)).toBe(-1);
}

describe("plane kernels on Y/X tiles (map_overlap)", () => {
  it.each([
    ["median size 3", (a: DataArray) => filters.median(a, { size: 3 })],
    [
      "median disk(2), nearest",
      (a: DataArray) => filters.median(a, { footprint: { disk: 2 }, mode: "nearest" }),
    ],
    [
      "percentile 5×4, origin",
      (a: DataArray) => filters.percentile(a, { size: [5, 4], percentile: 30, origin: [1, -1] }),
    ],
    [
      "gaussian sigma (2, 1)",
      (a: DataArray) => filters.gaussian(a, { sigma: [2, 1], mode: "mirror" }),
    ],
    ["wiener with noise", (a: DataArray) => filters.wiener(a, { mySize: [5, 3], noise: 2000 })],
    ["grey closing", (a: DataArray) => morphology.closing(a)],
  ] as const)("%s equals the whole-plane result", async (_, op) => {
    await expectTileExact(op as (a: DataArray) => DataArray, image("float64"));
  });

  it("entropy (uint8) and binary opening equal the whole-plane result", async () => {
    await expectTileExact((a) => filters.entropy(a, { radius: 3 }) as DataArray, image("uint8"));
    await expectTileExact(
      (a) => morphology.binaryOpening(a.gt(128)) as DataArray,
      image("uint8"),
      0,
    );
  });

  it("chains (median → elementwise → gaussian) and nima.ratio stay tile-exact", async () => {
    await expectTileExact(
      (a) => filters.gaussian(filters.median(a, { size: 3 }).mul(2).sub(5), { sigma: 1.5 }),
      image("float64"),
    );
    const planes = image("uint16", 3);
    const im = DataArray.from(planes.values, {
      dims: ["T", "C", "Y", "X"],
      shape: [1, 3, NY, NX],
      coords: { C: ["G", "R", "C"] },
    });
    await expectTileExact((a) => nima.ratio(a), im);
  });

  it("reads the inputs of another chunking (tiled image, whole-plane weights)", async () => {
    const a = image("float64", 1);
    const w = image("float64", 1).isel({ C: 0 });
    const op = (x: DataArray) => filters.median(x.mul(w), { size: 3 });
    await expectTileExact(op, a);
  });

  it("refuses kernels that need the whole plane, naming the kernel and the tiling", () => {
    const t = image("float64").rechunk(TILES);
    expect(() => filters.uniform(t, { size: 3 })).toThrow(ShapeError);
    expect(() => filters.uniform(t, { size: 3 })).toThrow(
      /uniform_filter .* needs whole YX planes, but the input is tiled \(Y in chunks of 16 \(of 97\), X in chunks of 24 \(of 131\)\): rechunk/,
    );
    expect(() => filters.median(t, { size: 3, mode: "wrap" })).toThrow(/mode "wrap" .* Y\/X tiles/);
    expect(() => filters.wiener(t)).toThrow(/wiener: the default noise .* pass noise/);
    expect(() => filters.thresholdLi(t)).toThrow(/threshold_li gives one result per plane/);
  });
});

describe("array operations on Y/X tiles", () => {
  it("elementwise, reductions, selections and coarsen equal the whole-plane results", async () => {
    const a = image("float64");
    const ops: ((x: DataArray) => DataArray)[] = [
      (x) => x.mul(2).add(x.sqrt()),
      (x) => x.sum("C"),
      (x) => x.mean(["Y", "X"]),
      (x) => x.isel({ Y: { start: 5, stop: 50 }, X: { start: 3, stop: 120, step: 2 } }),
      (x) => x.coarsen({ Y: 3, X: 2 }, "trim").mean(),
      (x) => x.where(x.gt(500), 0),
    ];
    for (const op of ops) {
      const whole = await op(a).compute({ workers: 0 });
      const tiled = await op(a.rechunk(TILES)).compute({ workers: 0 });
      expect(tiled.shape).toEqual(whole.shape);
      expect(firstBitDifference(tiled.values, whole.values)).toBe(-1);
    }
  });
});
