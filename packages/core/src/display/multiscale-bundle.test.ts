/** display() of an OME-Zarr pyramid on disk: an array bundle listing its levels. */
import { mkdtemp, rm } from "node:fs/promises";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openMultiscale } from "../io/zarr-multiscale.js";
import { writeTiledPyramid } from "../tiled/pyramid.js";
import { planeFromArray } from "../tiled/tiles.js";
import { displayData } from "./display.js";
import { multiscaleView } from "./multiscale-bundle.js";
import { type ArrayBundle, mimeTypeOf, parseBundle } from "./schema.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

// 97 × 131 uint16 in 16 × 24 tiles, 3 levels (odd sizes: edge tiles are partial).
const [NY, NX] = [97, 131];
const values = Uint16Array.from({ length: NY * NX }, (_, i) => (i * 7919) % 65521);

async function pyramid(): Promise<string> {
  // Relative to the working directory, as a notebook's kernel sees its folder.
  const dir = await mkdtemp(join(process.cwd(), "multiscale-test-"));
  dirs.push(dir);
  const path = join(dir, "plane.zarr");
  await writeTiledPyramid(planeFromArray(values, NY, NX), path, {
    tileY: 16,
    tileX: 24,
    levels: 2,
  });
  return relative(process.cwd(), path);
}

describe("multiscale display", () => {
  it("lists every level's shape and chunks under data.levels", async () => {
    const path = await pyramid();
    const mime = await displayData(await multiscaleView(path), { id: "ms", title: "big" });
    const bundle = parseBundle(mime[mimeTypeOf("array")]) as ArrayBundle;
    expect(bundle.array.dims).toEqual(["Y", "X"]);
    expect(bundle.array.shape).toEqual([NY, NX]);
    expect(bundle.array.dtype).toBe("uint16");
    expect(bundle.array.data).toEqual({
      storage: "zarr",
      path,
      array: "0",
      layout: "ome-zarr",
      chunks: [16, 24],
      levels: [
        { array: "0", shape: [97, 131], chunks: [16, 24] },
        { array: "1", shape: [49, 66], chunks: [8, 12] },
        { array: "2", shape: [25, 33], chunks: [4, 6] },
      ],
    });
    expect(String(mime["text/plain"])).toContain("3 levels (97×131, 49×66, 25×33)");
  });

  it("reads one tile of a level, cropped at the plane's edge", async () => {
    const image = await openMultiscale(await pyramid());
    const tile = await image.readTile({}, 0, 6, 5);
    expect([tile.ny, tile.nx]).toEqual([1, 11]);
    expect(Array.from(tile.data)).toEqual(Array.from(values.subarray(96 * NX + 120, 97 * NX)));
    await expect(image.readTile({}, 0, 7, 0)).rejects.toThrow(
      /tile \(7, 0\) is outside level 0's 7×6 tiles/,
    );
  });

  it("refuses an absolute path with a clear error", async () => {
    await expect(multiscaleView("/tmp/x.zarr")).rejects.toThrow(
      /relative to the notebook's folder/,
    );
  });
});
