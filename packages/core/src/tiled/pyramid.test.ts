/** The streamed OME-Zarr pyramid equals downsampling the whole plane level by level. */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import FileSystemStore from "@zarrita/storage/fs";
import { afterAll, describe, expect, it } from "vitest";
import * as zarr from "zarrita";
import { firstBitDifference, NX, NY, seeded } from "../../../../test/helpers/tiled-planes.js";
import type { TypedArray } from "../array/dtype.js";
import { readImage } from "../io/read-image.js";
import { writeTiledPyramid } from "./pyramid.js";
import { planeFromArray } from "./tiles.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

/** The reference, written independently: each level from the whole previous level. */
function wholeLevel(src: TypedArray, ny: number, nx: number, method: "mean" | "nearest") {
  const my = Math.ceil(ny / 2);
  const mx = Math.ceil(nx / 2);
  const out = new (src.constructor as new (n: number) => TypedArray)(my * mx);
  const integer = !(src instanceof Float64Array || src instanceof Float32Array);
  for (let y = 0; y < my; y++) {
    for (let x = 0; x < mx; x++) {
      if (method === "nearest") {
        out[y * mx + x] = src[2 * y * nx + 2 * x];
        continue;
      }
      let sum = 0;
      let n = 0;
      for (const yy of [2 * y, 2 * y + 1]) {
        for (const xx of [2 * x, 2 * x + 1]) {
          if (yy < ny && xx < nx) {
            sum += src[yy * nx + xx];
            n++;
          }
        }
      }
      out[y * mx + x] = integer ? Math.round(sum / n) : sum / n;
    }
  }
  return { data: out, ny: my, nx: mx };
}

describe("writeTiledPyramid", () => {
  const random = seeded(23);
  const planes = {
    u16: Uint16Array.from({ length: NY * NX }, () => Math.floor(random() * 60000)),
    f32: Float32Array.from({ length: NY * NX }, () => random() * 10 - 3),
  };
  for (const method of ["mean", "nearest"] as const) {
    it(`3 levels of ${method}, 16 × 24 tiles on a 97 × 131 plane`, async () => {
      for (const [name, src] of Object.entries(planes)) {
        const dir = await mkdtemp(join(tmpdir(), "pyramid-"));
        dirs.push(dir);
        const path = join(dir, `${name}.zarr`);
        await writeTiledPyramid(planeFromArray(src, NY, NX), path, {
          tileY: 16,
          tileX: 24,
          levels: 3,
          method,
        });
        const meta = JSON.parse(await readFile(join(path, "zarr.json"), "utf8"));
        const ms = meta.attributes.ome.multiscales[0];
        expect(meta.attributes.ome.version).toBe("0.5");
        expect(ms.type).toBe(method);
        expect(ms.axes.map((a: { name: string }) => a.name)).toEqual(["y", "x"]);
        expect(ms.datasets.map((d: { path: string }) => d.path)).toEqual(["0", "1", "2", "3"]);
        expect(ms.datasets[2].coordinateTransformations[0].scale).toEqual([4, 4]);
        const root = zarr.root(new FileSystemStore(path));
        let expected = { data: src as TypedArray, ny: NY, nx: NX };
        for (let k = 0; k <= 3; k++) {
          const array = await zarr.open(root.resolve(String(k)), { kind: "array" });
          expect(array.shape).toEqual([expected.ny, expected.nx]);
          expect(array.chunks).toEqual([16 / 2 ** k, 24 / 2 ** k]);
          const got = (await zarr.get(array)).data as TypedArray;
          expect(firstBitDifference(got, expected.data), `${name} level ${k}`).toBe(-1);
          expected = wholeLevel(expected.data, expected.ny, expected.nx, method);
        }
        // Our own reader opens the full resolution of the multiscale image.
        const image = await readImage(path);
        const values = (await image.compute()).values as TypedArray;
        expect(firstBitDifference(values, src)).toBe(-1);
      }
    });
  }
  it("refuses tiles that do not halve evenly, naming the side", async () => {
    const plane = planeFromArray(planes.u16, NY, NX);
    await expect(
      writeTiledPyramid(plane, new Map() as never, { tileY: 16, tileX: 20, levels: 3 }),
    ).rejects.toThrow(/tileX \(20\) must be divisible by 2\^levels = 8/);
  });
});
