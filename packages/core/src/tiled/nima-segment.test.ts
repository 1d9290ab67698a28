import { beforeAll, describe, expect, it } from "vitest";
import { blobChannels, CHANNELS, memoryPersist } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference, NX, NY, TILES } from "../../../../test/helpers/tiled-planes.js";
import type { ComputeOptions } from "../array/compute.js";
import { DataArray } from "../array/data-array.js";
import { registerKernel } from "../kernels/registry.js";
import { kernels } from "../nima/kernels-segment.js";
import { geometricMean, type SegmentOptions, segment } from "../nima/segment.js";
import { geometricMeanPlane, tiledSegment } from "./nima-segment.js";
import { zarrPersist } from "./persist-zarr.js";
import { assemble, planeFromArray, readTiles } from "./tiles.js";

const inline: ComputeOptions = { workers: 0 };
beforeAll(() => {
  for (const [name, kernel] of Object.entries(kernels)) registerKernel(name, kernel);
});

const channels = blobChannels();
const image = DataArray.from(
  (() => {
    const data = new Uint16Array(channels.length * NY * NX);
    for (const [i, c] of channels.entries()) data.set(c, i * NY * NX);
    return data;
  })(),
  { shape: [1, 3, NY, NX], dims: ["T", "C", "Y", "X"], coords: { C: [...CHANNELS] } },
);
const planes = channels.map((c) => planeFromArray(c, NY, NX));
const byName = (names: readonly string[]) => names.map((n) => planes[CHANNELS.indexOf(n as "G")]);

async function wholeLabels(options: SegmentOptions): Promise<Int32Array> {
  return (await segment(image, options).compute(inline)).values as Int32Array;
}

describe("tiledSegment equals nima.segment on one plane (97 × 131 in 16 × 24 tiles)", () => {
  it("geometric mean: the same float64 bits as nima.segment's", async () => {
    const names = ["C", "G", "R"];
    const whole = (await geometricMean(image, names).compute(inline)).values as Float64Array;
    const ga = geometricMeanPlane(byName(names));
    const tiled = await assemble(readTiles(ga, TILES), NY, NX);
    expect(firstBitDifference(tiled, whole)).toBe(-1);
  });

  // [case, options, cells at least]: yen on the wiener-smoothed blobs keeps none (the whole
  // path agrees), the other cases keep real cells.
  const cases: [string, SegmentOptions, number][] = [
    ["yen, minSize 40", { minSize: 40 }, 4],
    ["li, minSize 40", { minSize: 40, thresholdMethod: "li" }, 4],
    ["wiener, yen", { minSize: 40, wiener: true }, 0],
    [
      "wiener, li, clear_border",
      { minSize: 40, wiener: true, thresholdMethod: "li", clearBorder: true },
      1,
    ],
    ["li, minSize null", { minSize: null, thresholdMethod: "li" }, 4],
    ["one channel, default minSize 640", { channels: ["R"] }, 1],
    ["two channels, clear_border", { channels: ["G", "C"], minSize: 10, clearBorder: true }, 3],
  ];
  it.each(cases)("%s", async (_, options, cells) => {
    const names = options.channels ?? ["C", "G", "R"];
    const want = await wholeLabels(options);
    const labels = await tiledSegment(byName(names), TILES, options);
    const got = await assemble(readTiles(labels, TILES), NY, NX);
    expect(firstBitDifference(got, want)).toBe(-1);
    expect(labels.count).toBe(Math.max(0, ...want));
    expect(labels.count).toBeGreaterThanOrEqual(cells);
  });

  it("a persist hook stores the stages other passes reread; no cache; the same labels", async () => {
    const options: SegmentOptions = {
      minSize: 40,
      wiener: true,
      thresholdMethod: "li",
      clearBorder: true,
    };
    const stored: string[] = [];
    const labels = await tiledSegment(byName(["C", "G", "R"]), TILES, {
      ...options,
      persist: memoryPersist(stored),
    });
    expect(stored).toEqual(["ga", "image", "mask", "closed", "cleared"]);
    const got = await assemble(readTiles(labels, TILES), NY, NX);
    expect(firstBitDifference(got, await wholeLabels(options))).toBe(-1);
    // No cache at all: every read recomputes its stages, still the same labels.
    const uncached = await tiledSegment(byName(["C", "G", "R"]), TILES, {
      ...options,
      cacheTiles: 0,
    });
    const again = await assemble(readTiles(uncached, TILES), NY, NX);
    expect(firstBitDifference(again, got)).toBe(-1);
  });

  it("persisted in zarr stores (zarrPersist), the same labels", async () => {
    const options: SegmentOptions = { minSize: 40, clearBorder: true };
    const stores = new Map<string, Map<string, Uint8Array>>();
    const persist = zarrPersist((stage) => {
      const store = new Map<string, Uint8Array>();
      stores.set(stage, store);
      return store as never;
    }, TILES);
    const labels = await tiledSegment(byName(["C", "G", "R"]), TILES, { ...options, persist });
    expect([...stores.keys()]).toEqual(["ga", "mask", "closed", "cleared"]);
    expect([...stores.get("mask")!.keys()]).toContain("/0/c/1/2"); // a chunk of tile (1, 2)
    const got = await assemble(readTiles(labels, TILES), NY, NX);
    expect(firstBitDifference(got, await wholeLabels(options))).toBe(-1);
  });

  it("refuses watershed and randomwalk, naming the option and why", async () => {
    await expect(tiledSegment(planes, TILES, { watershed: true })).rejects.toThrow(
      /tiledSegment: watershed is not tile-exact: .*peak_local_max.*distance_transform_edt/,
    );
    await expect(
      tiledSegment(planes, TILES, { watershed: true, randomwalk: true }),
    ).rejects.toThrow(/watershed with randomwalk is not tile-exact.*random_walker/);
  });

  it("checks its parameters", async () => {
    await expect(tiledSegment(planes, TILES, { thresholdMethod: "otsu" as "yen" })).rejects.toThrow(
      /thresholdMethod must be "yen" or "li", got "otsu"/,
    );
    await expect(tiledSegment(planes, TILES, { minSize: -1 })).rejects.toThrow(/minSize/);
    await expect(tiledSegment(planes, TILES, { cacheTiles: 1.5 })).rejects.toThrow(
      /cacheTiles must be an integer >= 0, got 1.5/,
    );
    await expect(tiledSegment([], TILES)).rejects.toThrow(/at least one plane/);
    const small = planeFromArray(new Uint16Array(6), 2, 3);
    await expect(tiledSegment([planes[0], small], TILES)).rejects.toThrow(/differ in size/);
  });
});
