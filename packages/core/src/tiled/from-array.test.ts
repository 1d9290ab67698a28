import { describe, expect, it } from "vitest";
import { DataArray } from "../array/data-array.js";
import type { Progress } from "../scheduler/run.js";
import { storeArrayPlane, tilesByChunk } from "./from-array.js";
import { stageTiles } from "./tile-store.js";

const [NY, NX] = [100, 310];
const CHUNK = 64;
const values = Float64Array.from({ length: NY * NX }, (_, i) => (i * 7919) % 1009);

/** A lazy plane in CHUNK² chunks whose chunks are computed (not ready in memory). */
function lazyPlane(): DataArray {
  return DataArray.from(values, { dims: ["Y", "X"], shape: [NY, NX] })
    .rechunk({ Y: CHUNK, X: CHUNK })
    .add(1);
}

describe("storeArrayPlane on tiles other than the array's chunks", () => {
  it("lists every tile once, chunk by chunk", () => {
    const order = [...tilesByChunk(NY, NX, { tileY: 64, tileX: 64 }, { tileY: 16, tileX: 64 })];
    expect(order.slice(0, 5)).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
      [0, 1],
    ]);
    expect(new Set(order.map(String)).size).toBe(7 * 5);
    expect(order).toHaveLength(7 * 5);
  });

  it("stores the same values and holds about one chunk, not a band of them", async () => {
    const tiles = { tileY: 16, tileX: CHUNK };
    let peak = 0;
    const onProgress = (p: Progress) => {
      peak = p.peakBytes;
    };
    const stored = await storeArrayPlane(lazyPlane(), tiles, "memory", { workers: 0, onProgress });
    const expected = values.map((v) => v + 1);
    expect(await stored.read(0, NY, 0, NX)).toEqual(expected);
    await stored.dispose();
    // In raster order of the tiles, the first tile row computes every chunk of a band (5).
    const chunk = CHUNK * CHUNK * 8;
    expect(peak).toBeLessThanOrEqual(2 * chunk);
  });
});

describe("stageTiles", () => {
  it("keeps tiles whose band is small", () => {
    expect(stageTiles({ tileY: 64, tileX: 64 }, 1000, 8)).toEqual({ tileY: 64, tileX: 64 });
  });

  it("lowers tiles of wide planes to a divisor of their height", () => {
    // 2^27 / (50,000 × 8) = 335 rows: 256 divides 4096.
    expect(stageTiles({ tileY: 4096, tileX: 4096 }, 50000, 8)).toEqual({
      tileY: 256,
      tileX: 4096,
    });
    // 4099 is prime: no divisor near 335, so the allowed rows.
    expect(stageTiles({ tileY: 4099, tileX: 4096 }, 50000, 8).tileY).toBe(335);
  });
});
