/**
 * A lazy DataArray's YX plane as a TiledPlane: reading a window computes only the chunks
 * under it (on the worker pool, or the executor given), so the tiled algorithms run on
 * images read in Y/X chunks, or on any lazy pipeline over them, without a whole plane.
 */
import { type ComputeOptions, streamChunks } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { ShapeError } from "../array/errors.js";
import { openTileStore, type StoredPlane } from "./tile-store.js";
import type { TiledPlane, TileShape } from "./tiles.js";

/**
 * The plane of `array` (Y and X last; every other dim of size 1, e.g. after
 * `x.isel({ T: 0, C: 1 })`) as a TiledPlane whose `read` runs `compute(options)` on the window
 * (`options` may be a function, asked at each read).
 *
 * @example
 * const im = await readImage("big.zarr", { chunks: { Y: 4096, X: 4096 } });
 * const plane = tiled.planeOfArray(filters.median(im.isel({ T: 0, C: 0 }), { size: 3 }));
 * const t = await tiled.tiledThresholdYen(plane, { tileY: 4096, tileX: 4096 });
 */
export function planeOfArray(
  array: DataArray,
  options: ComputeOptions | (() => ComputeOptions) = {},
): TiledPlane {
  const n = array.dims.length;
  if (n < 2 || array.dims[n - 2] !== "Y" || array.dims[n - 1] !== "X") {
    throw new ShapeError(
      `planeOfArray needs Y and X as the last dims, got (${array.dims.join(", ")})`,
    );
  }
  const more = array.dims.slice(0, -2).filter((d) => array.sizes[d] !== 1);
  if (more.length > 0) {
    throw new ShapeError(
      `planeOfArray needs one plane: dims ${more.map((d) => `${d} (${array.sizes[d]})`).join(", ")} are not of size 1; select one with isel`,
    );
  }
  return {
    ny: array.sizes.Y,
    nx: array.sizes.X,
    read: async (y0, y1, x0, x1) => {
      const window = array.isel({ Y: { start: y0, stop: y1 }, X: { start: x0, stop: x1 } });
      return (await window.compute(typeof options === "function" ? options() : options)).values;
    },
  };
}

/**
 * The plane of `array` (as for planeOfArray) computed once, all its chunks in one compute
 * (in parallel on the workers), into a tile store: "memory" or a directory (see
 * tile-store.ts). `tiles` must be the array's Y/X chunks.
 */
export async function storeArrayPlane(
  array: DataArray,
  tiles: TileShape,
  where: "memory" | string,
  options: ComputeOptions = {},
): Promise<StoredPlane> {
  const { ny, nx } = planeOfArray(array);
  if (
    array.chunks.Y !== Math.min(tiles.tileY, ny) ||
    array.chunks.X !== Math.min(tiles.tileX, nx)
  ) {
    throw new ShapeError(
      `storeArrayPlane: tiles ${tiles.tileY}×${tiles.tileX} are not the array's Y/X chunks (${array.chunks.Y}×${array.chunks.X})`,
    );
  }
  const n = array.dims.length;
  const store = openTileStore(ny, nx, tiles, { where });
  await streamChunks(array.lazy, { ...options, split: false }, async (index, block) => {
    const y0 = index[n - 2] * tiles.tileY;
    const x0 = index[n - 1] * tiles.tileX;
    const [h, w] = block.shape.slice(-2);
    await store.put({ y0, y1: y0 + h, x0, x1: x0 + w, data: block.data });
  });
  return store.plane();
}
