/**
 * Tiled passes whose per-tile kernels run on workers (TileWork) give the whole-plane results,
 * and the streamed statistics' fast paths (integer counts, finite-tile scans) agree with the
 * general ones.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blobMask, NX, NY, seeded, TILES } from "../../../../test/helpers/tiled-planes.js";
import { label, labelImage } from "../kernels/segmentation/label.js";
import { closing } from "../kernels/segmentation/morphology.js";
import { thresholdLi } from "../kernels/threshold/li.js";
import { WorkerPool } from "../scheduler/pool.js";
import { morphologyHalo } from "./halo.js";
import { tiledLabel, tiledLabelImage } from "./label.js";
import { overlapPlane } from "./lazy.js";
import { tiledThresholdLi } from "./li.js";
import { maskedStats } from "./masked-stats.js";
import { scanPlane } from "./scan.js";
import { inThread, mapAhead, onWorkers, type TileWork } from "./tile-work.js";
import { assemble, planeFromArray, readTiles, type TiledPlane } from "./tiles.js";

let pool: WorkerPool;
let workers: TileWork;
beforeAll(() => {
  pool = new WorkerPool({ size: 2 });
  workers = onWorkers(pool, new AbortController().signal);
});
afterAll(() => pool.close());

const random = seeded(11);
const assembled = (p: TiledPlane) => assemble(readTiles(p, TILES), NY, NX);
const masks = [blobMask(NY, NX, 3), blobMask(NY, NX, 21, 0.8)];

describe("TileWork on workers", () => {
  it("labels as the whole-plane label and labelImage, tile borders merged", async () => {
    for (const [k, mask] of masks.entries()) {
      const plane = planeFromArray(mask, NY, NX);
      for (const connectivity of [1, 2] as const) {
        const got = await tiledLabel(plane, TILES, { connectivity, work: workers });
        const whole = label(mask, NY, NX, { connectivity });
        expect(got.count, `mask ${k}`).toBe(whole.count);
        expect(await assembled(got)).toEqual(whole.labels);
      }
      const values = Uint8Array.from(mask, (m, i) => m * (1 + (i % 3)));
      const image = await tiledLabelImage(planeFromArray(values, NY, NX), TILES, { work: workers });
      expect(await assembled(image)).toEqual(labelImage(values, NY, NX).labels);
    }
  });

  it("closes windows as the whole-plane closing", async () => {
    const mask = masks[1];
    const closed = overlapPlane(
      planeFromArray(mask, NY, NX),
      (s, ny, nx) => workers.closing(s, ny, nx),
      morphologyHalo("closing"),
    );
    expect(await assembled(closed)).toEqual(closing(mask, NY, NX));
  });

  it("in-thread and worker summaries agree tile for tile", async () => {
    const tile = masks[0].subarray(0, 16 * NX);
    const rule = { background: null, connectivity: 2 } as const;
    const a = await inThread.components(tile, 16, NX, rule);
    const b = await workers.components(tile, 16, NX, rule);
    expect(b).toEqual(a);
  });
});

describe("mapAhead", () => {
  it("yields in order with several running, and reports a failure in its turn", async () => {
    let running = 0;
    let most = 0;
    const slow = async (i: number) => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, (5 - i) * 3));
      running--;
      if (i === 3) throw new Error("tile 3");
      return i;
    };
    const seen: number[] = [];
    await expect(async () => {
      for await (const v of mapAhead([0, 1, 2, 3, 4], 3, slow)) seen.push(v);
    }).rejects.toThrow("tile 3");
    expect(seen).toEqual([0, 1, 2]);
    expect(most).toBe(3);
    expect(running).toBe(0);
  });
});

describe("streamed statistics' fast paths", () => {
  const u16 = Uint16Array.from({ length: NY * NX }, () => Math.floor(random() * 900) + 100);
  const mask = Uint8Array.from(u16, (v) => (v < 600 ? 1 : 0));

  it("counting an integer plane per value gives the float path's numbers", async () => {
    const qs = [25, 50, 75, 0, 100, 33.3];
    const stats = async (a: Uint16Array | Float64Array) => {
      const plane = planeFromArray(a, NY, NX);
      const m = planeFromArray(mask, NY, NX);
      return maskedStats(plane, m, TILES, await scanPlane(plane, TILES), qs, "test");
    };
    const counted = await stats(u16);
    expect(counted).toEqual(await stats(Float64Array.from(u16)));
    expect(counted?.n).toBe(mask.reduce((s, m) => s + m, 0));
    const none = planeFromArray(new Uint8Array(NY * NX), NY, NX);
    const plane = planeFromArray(u16, NY, NX);
    expect(await maskedStats(plane, none, TILES, await scanPlane(plane, TILES), qs, "t")).toBe(
      null,
    );
  });

  it("scans zero extremes with the sign of the plane's first zero in raster order", async () => {
    // Positive values but two zeros: row 5 of tile (0, 0) and row 0 of tile (0, 1). Tile
    // order meets the first, raster order the second: its sign is the range's (and so
    // threshold_li's).
    for (const sign of [-1, 1]) {
      const a = Float64Array.from({ length: NY * NX }, () => 0.1 + Math.floor(random() * 6) * 0.1);
      a[5 * NX + 3] = sign > 0 ? -0 : 0;
      a[30] = sign > 0 ? 0 : -0;
      const plane = planeFromArray(a, NY, NX);
      const scan = await scanPlane(plane, TILES);
      expect(Object.is(scan.finiteMin, sign > 0 ? 0 : -0)).toBe(true);
      expect(await tiledThresholdLi(plane, TILES)).toEqual(thresholdLi(a));
    }
  });
});
