/**
 * The huge-plane bench's pipeline (bench/huge-pipeline.ts) on a small plane in small tiles:
 * tiled (through Y/X-chunked zarr stores) and whole (lazy nima on a DataArray) give the same
 * backgrounds, label count and regionprops table, which is what `--only huge` reports.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeSharedPools, DataArray, nima, tiled } from "@nima-ts/core";
import { afterAll, describe, expect, it } from "vitest";
import { CHANNELS, tableCsv, tiledPipeline, wholePipeline } from "../bench/huge-pipeline.js";
import { openTiles, writeTiles } from "../bench/zarr-tiles.js";

const dir = mkdtempSync(join(tmpdir(), "nima-bench-huge-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeSharedPools();
});

describe("bench huge pipeline", () => {
  it("gives the whole plane's labels and table, tiled through zarr", async () => {
    const [ny, nx] = [300, 420];
    const tiles = { tileY: 64, tileX: 96 };
    const gen = nima.generat.stitchedPlane({ ny, nx, seed: 3, channels: CHANNELS });
    const spec = { ny, nx, ...tiles, channels: CHANNELS, dtype: "uint16" as const };
    await writeTiles(join(dir, "raw.zarr"), spec, (b) => gen.readChannels(b.y0, b.y1, b.x0, b.x1));
    const raw = await openTiles(join(dir, "raw.zarr"));
    const stages: string[] = [];
    const tiledResult = await tiledPipeline(raw, join(dir, "run"), {
      tiles,
      minSize: 100,
      memoryBudget: 64 * 2 ** 20,
      onStage: (name) => stages.push(name),
    });
    expect(stages).toEqual(["median", "background", "segment", "measure"]);

    const stack = new Uint16Array(2 * ny * nx);
    for (const [c, plane] of raw.entries()) {
      stack.set(await tiled.assemble(tiled.readTiles(plane, tiles), ny, nx), c * ny * nx);
    }
    const im = DataArray.from(stack, {
      shape: [2, ny, nx],
      dims: ["C", "Y", "X"],
      coords: { C: [...CHANNELS] },
    });
    const whole = await wholePipeline(im, { minSize: 100 });
    expect(tiledResult.bgs).toEqual(whole.bgs);
    expect(tiledResult.count).toBe(whole.count);
    expect(whole.count).toBeGreaterThan(0.5 * gen.countCells(0, ny, 0, nx));
    expect(tableCsv(tiledResult.table)).toBe(tableCsv(whole.table));
  });
});
