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
 * (in parallel on the workers), into a tile store of `tiles`: "memory" or a directory (see
 * tile-store.ts). When `tiles` are not the array's Y/X chunks, the array is rechunked to them
 * chunk by chunk: every tile that starts in one of the array's chunks is stored before the
 * next chunk is computed, so with tiles nested in the chunks (stageTiles) each chunk is
 * released once its tiles are stored. (In raster order of the tiles, a whole band of chunks
 * would be held: 1.7 GB for a 50,000-wide float64 plane in 4096² chunks.)
 */
export async function storeArrayPlane(
  array: DataArray,
  tiles: TileShape,
  where: "memory" | string,
  options: ComputeOptions = {},
): Promise<StoredPlane> {
  const { ny, nx } = planeOfArray(array);
  const n = array.dims.length;
  const chunks: TileShape = { tileY: array.chunks.Y, tileX: array.chunks.X };
  const same =
    chunks.tileY === Math.min(tiles.tileY, ny) && chunks.tileX === Math.min(tiles.tileX, nx);
  const source = same ? array : array.rechunk({ Y: tiles.tileY, X: tiles.tileX });
  const lead = new Array<number>(n - 2).fill(0);
  const order = same
    ? undefined
    : [...tilesByChunk(ny, nx, chunks, tiles)].map(([iy, ix]) => [...lead, iy, ix]);
  const store = openTileStore(ny, nx, tiles, { where });
  await streamChunks(
    source.lazy,
    { ...options, split: false },
    async (index, block) => {
      const y0 = index[n - 2] * tiles.tileY;
      const x0 = index[n - 1] * tiles.tileX;
      const [h, w] = block.shape.slice(-2);
      await store.put({ y0, y1: y0 + h, x0, x1: x0 + w, data: block.data });
    },
    { order },
  );
  return store.plane();
}

/**
 * The (row, column) indices of the `tiles` of an ny × nx plane, grouped by the chunk of
 * `chunks` their first pixel lies in (chunks in raster order, tiles in raster order within).
 */
export function* tilesByChunk(
  ny: number,
  nx: number,
  chunks: TileShape,
  tiles: TileShape,
): Generator<[number, number]> {
  const rows = Math.ceil(ny / tiles.tileY);
  const cols = Math.ceil(nx / tiles.tileX);
  for (let cy = 0; cy < ny; cy += chunks.tileY) {
    const r0 = Math.ceil(cy / tiles.tileY);
    const r1 = Math.min(rows, Math.ceil((cy + chunks.tileY) / tiles.tileY));
    for (let cx = 0; cx < nx; cx += chunks.tileX) {
      const c0 = Math.ceil(cx / tiles.tileX);
      const c1 = Math.min(cols, Math.ceil((cx + chunks.tileX) / tiles.tileX));
      for (let r = r0; r < r1; r++) for (let c = c0; c < c1; c++) yield [r, c];
    }
  }
}
