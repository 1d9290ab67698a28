/** The pixel values of a tiled plane as streams (any order, or raster order for sums). */
import type { ValueStream } from "./buckets.js";
import { forEachRasterRun } from "./raster.js";
import { readTiles, type TiledPlane, type TileShape } from "./tiles.js";

/** Every pixel, tile by tile, through `map` (which returns undefined to skip a pixel). */
export function pixelStream(
  plane: TiledPlane,
  tiles: TileShape,
  map: (v: number) => number | undefined = (v) => v,
): ValueStream {
  return async (visit) => {
    for await (const t of readTiles(plane, tiles)) {
      for (let i = 0; i < t.data.length; i++) {
        const v = map(t.data[i]);
        if (v !== undefined) visit(v);
      }
    }
  };
}

/** Every pixel in raster (row-major) order, for numpy-order sums; holds one band of tiles. */
export function rasterPixelStream(
  plane: TiledPlane,
  tiles: TileShape,
  map: (v: number) => number | undefined = (v) => v,
): ValueStream {
  return (visit) =>
    forEachRasterRun(readTiles(plane, tiles), plane.nx, (d, start, n) => {
      for (let i = start; i < start + n; i++) {
        const v = map(d[i]);
        if (v !== undefined) visit(v);
      }
    });
}
