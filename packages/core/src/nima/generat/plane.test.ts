import { describe, expect, it } from "vitest";
import { tiledLabel } from "../../tiled/label.js";
import { assemble, cropPlane, readTiles } from "../../tiled/tiles.js";
import { stitchedPlane } from "./plane.js";

describe("stitchedPlane", () => {
  const gen = stitchedPlane({ ny: 300, nx: 420, seed: 5 });

  it("gives any window the pixels of the whole plane (windows are independent)", () => {
    const whole = gen.readChannels(0, 300, 0, 420);
    for (const [y0, y1, x0, x1] of [
      [0, 1, 0, 1],
      [17, 140, 255, 420],
      [255, 300, 3, 259],
      [100, 101, 0, 420],
    ]) {
      const part = gen.readChannels(y0, y1, x0, x1);
      for (let c = 0; c < 2; c++) {
        expect([...part[c]]).toEqual([...cropPlane(whole[c], 420, { y0, y1, x0, x1 })]);
      }
    }
  });

  it("is deterministic per seed, and tiles assemble into the whole plane", async () => {
    const whole = gen.plane(1).read(0, 300, 0, 420) as Uint16Array;
    const again = stitchedPlane({ ny: 300, nx: 420, seed: 5 }).plane(1).read(0, 300, 0, 420);
    expect(again).toEqual(whole);
    const other = stitchedPlane({ ny: 300, nx: 420, seed: 6 }).plane(1).read(0, 300, 0, 420);
    expect(other).not.toEqual(whole);
    const tiles = readTiles(gen.plane(1), { tileY: 64, tileX: 96 });
    expect(await assemble(tiles, 300, 420)).toEqual(whole);
  });

  it("draws many cells, brighter than the sky, crossing tile borders", async () => {
    const cells = gen.countCells(0, 300, 0, 420);
    // 6 × 8 grid sites of 48 px (the edge ones only when the centre is inside), 70% filled.
    expect(cells).toBeGreaterThan(20);
    expect(cells).toBeLessThanOrEqual(7 * 9);
    const r = gen.plane(1).read(0, 300, 0, 420) as Uint16Array;
    const mask = Uint8Array.from(r, (v) => (v > 100 + 300 + 200 ? 1 : 0));
    const plane = {
      ny: 300,
      nx: 420,
      read: (y0: number, y1: number, x0: number, x1: number) =>
        cropPlane(mask, 420, { y0, y1, x0, x1 }),
    };
    const labels = await tiledLabel(plane, { tileY: 64, tileX: 96 });
    expect(labels.count).toBeGreaterThan(cells * 0.8);
    // Some object spans a tile border: its label appears on both sides of a border row.
    const row = async (y: number) => labels.read(y, y + 1, 0, 420);
    const above = new Set(await row(63));
    expect([...(await row(64))].some((l) => l !== 0 && above.has(l))).toBe(true);
  });

  it("names bad parameters and windows", () => {
    expect(() => stitchedPlane({ ny: 0, nx: 5 })).toThrow(/ny must be a positive integer/);
    expect(() => stitchedPlane({ ny: 5, nx: 5, minRadius: 9, maxRadius: 9 })).toThrow(/minRadius/);
    expect(() => stitchedPlane({ ny: 5, nx: 5, density: 2 })).toThrow(/density/);
    expect(() => gen.readChannels(0, 301, 0, 1)).toThrow(/outside the 300 × 420 plane/);
    expect(() => gen.plane(2)).toThrow(/channel must be in \[0, 2\)/);
  });
});
