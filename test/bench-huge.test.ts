/**
 * The huge-plane bench's pipeline (bench/huge-pipeline.ts) on a small plane in small tiles:
 * the same lazy nima code on the zarr read in its Y/X chunks and in whole planes gives the
 * same labels and tables, which is what `--only huge` reports.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeSharedPools, nima } from "@nima-ts/core";
import { afterAll, describe, expect, it } from "vitest";
import { CHANNELS, nimaPipeline } from "../bench/huge-pipeline.js";
import { writeTiles } from "../bench/zarr-tiles.js";

const dir = mkdtempSync(join(tmpdir(), "nima-bench-huge-"));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closeSharedPools();
});

describe("bench huge pipeline", () => {
  it("gives the whole planes' tables on the zarr's Y/X tiles", async () => {
    const [ny, nx] = [300, 420];
    const tiles = { tileY: 64, tileX: 96 };
    const gen = nima.generat.stitchedPlane({ ny, nx, seed: 3, channels: CHANNELS });
    const path = join(dir, "raw.zarr");
    const spec = { ny, nx, ...tiles, channels: CHANNELS, dtype: "uint16" as const };
    await writeTiles(path, spec, (b) => gen.readChannels(b.y0, b.y1, b.x0, b.x1));
    const options = { minSize: 100, memoryBudget: 64 * 2 ** 20 };
    const tiled = await nimaPipeline(path, { ...options, tiled: true });
    const whole = await nimaPipeline(path, { ...options, tiled: false });
    expect(tiled.count).toBe(whole.count);
    expect(whole.count).toBeGreaterThan(0.5 * gen.countCells(0, ny, 0, nx));
    expect(tiled.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(tiled.digest).toBe(whole.digest);
  });
});
