/**
 * toZarr of an array chunked in Y/X, with an OME-Zarr pyramid: tiles written as they are
 * computed, each level equal to halving the whole plane level by level.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { firstBitDifference, NX, NY } from "../../../../test/helpers/tiled-planes.js";
import { filters } from "../api/index.js";
import { DataArray } from "../array/data-array.js";
import { downsample2 } from "../tiled/downsample.js";
import { readImage } from "./read-image.js";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe("toZarr of Y/X tiles with a pyramid", () => {
  it("writes every level equal to halving the whole plane", async () => {
    const dir = await mkdtemp(join(tmpdir(), "nima-to-zarr-tiles-"));
    dirs.push(dir);
    const data = Float64Array.from({ length: 2 * NY * NX }, (_, i) => (i * 7919) % 1009);
    const im = DataArray.from(data, { dims: ["C", "Y", "X"], shape: [2, NY, NX] });
    const smooth = (x: DataArray) => filters.median(x, { size: 3 });
    const whole = await smooth(im).compute({ workers: 0 });
    const path = join(dir, "out.zarr");
    await smooth(im.rechunk({ Y: 16, X: 24 })).toZarr(path, {
      pyramid: { levels: 3 },
      workers: 2,
    });
    for (let level = 0; level <= 3; level++) {
      const read = await (await readImage(path, { path: String(level) })).compute({ workers: 0 });
      for (let c = 0; c < 2; c++) {
        let plane = whole.values.subarray(c * NY * NX, (c + 1) * NY * NX) as Float64Array;
        let [ny, nx] = [NY, NX];
        for (let k = 0; k < level; k++)
          ({ data: plane, ny, nx } = downsample2(plane, ny, nx, "mean"));
        expect(read.sizes.Y).toBe(ny);
        const got = read.values.subarray(c * ny * nx, (c + 1) * ny * nx);
        expect(firstBitDifference(got, plane), `level ${level}, channel ${c}`).toBe(-1);
      }
    }
  });

  it("refuses tiles that do not halve onto the levels' grid", async () => {
    const im = DataArray.from(new Float64Array(NY * NX), { dims: ["Y", "X"], shape: [NY, NX] });
    await expect(
      im.rechunk({ Y: 20 }).toZarr("/tmp/never.zarr", { pyramid: { levels: 3 } }),
    ).rejects.toThrow(/dim "Y" is chunked by 20, not divisible by 2\^levels = 8/);
  });
});
