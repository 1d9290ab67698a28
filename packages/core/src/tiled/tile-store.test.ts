import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openPortablePlane, openStageArea, persistPlane } from "./tile-store.js";
import { planeFromArray, readBox } from "./tiles.js";

const [NY, NX] = [37, 53];
const TILES = { tileY: 8, tileX: 12 };
const data = Float64Array.from({ length: NY * NX }, (_, i) => Math.sin(i) * 1000);
const source = planeFromArray(data, NY, NX);
const dir = mkdtempSync(join(tmpdir(), "nima-tile-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The window of `data` [y0, y1) × [x0, x1). */
function window(y0: number, y1: number, x0: number, x1: number): Float64Array {
  const out = new Float64Array((y1 - y0) * (x1 - x0));
  for (let y = y0; y < y1; y++)
    out.set(data.subarray(y * NX + x0, y * NX + x1), (y - y0) * (x1 - x0));
  return out;
}

const WINDOWS: [number, number, number, number][] = [
  [0, NY, 0, NX], // the whole plane
  [8, 16, 12, 24], // exactly one tile
  [32, 37, 48, 53], // the last, partial tile
  [5, 19, 10, 31], // a halo window across tile corners
];

describe("tile stores", () => {
  for (const where of ["memory", join(dir, "store")]) {
    const kind = where === "memory" ? "memory" : "a directory";
    it(`in ${kind}: any window reads back, also from another thread's portable form`, async () => {
      const stored = await persistPlane(source, TILES, { where });
      const portable = openPortablePlane(stored.portable());
      for (const [y0, y1, x0, x1] of WINDOWS) {
        expect(await stored.read(y0, y1, x0, x1)).toEqual(window(y0, y1, x0, x1));
        expect(await portable.read(y0, y1, x0, x1)).toEqual(window(y0, y1, x0, x1));
      }
      // A tile read is the caller's to change: the store keeps its own.
      const tile = await stored.read(8, 16, 12, 24);
      tile.fill(-1);
      expect(await readBox(stored, { y0: 8, y1: 16, x0: 12, x1: 24 })).toEqual(
        window(8, 16, 12, 24),
      );
      await stored.dispose();
      if (where !== "memory") expect(existsSync(where)).toBe(false);
    });
  }

  it("a stage area removes its temporary directory", async () => {
    const small = await openStageArea(1024);
    expect(small.where).toBe("memory");
    expect(small.at("mask")).toBe("memory");
    const before = process.env.NIMA_TMPDIR;
    process.env.NIMA_TMPDIR = dir;
    try {
      const large = await openStageArea(2 ** 40);
      expect(large.at("mask")).toBe(join(large.where, "mask"));
      await persistPlane(source, TILES, { where: large.at("mask") });
      await large.dispose();
      expect(existsSync(large.where)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.NIMA_TMPDIR;
      else process.env.NIMA_TMPDIR = before;
    }
  });
});
