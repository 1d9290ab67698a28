/**
 * Tile sources: a plane too large to hold, read as tiles of pyramid levels on demand (viv's
 * multiscale PixelSource). A TileSource is a PlaneSource (dims, sizes, coords, full-resolution
 * ny × nx) plus its levels and `getTile`; decoded tiles are cached (bytes-bounded LRU), a
 * tile asked for twice is fetched once, and a tile nobody waits for any more is cancelled.
 */
import {
  type MultiscaleImage,
  type MultiscaleLevel,
  type OpenMultiscaleOptions,
  openMultiscale,
  type PlaneIndex,
  type PlaneSource,
  type ZarrLocation,
} from "@nima-ts/core";
import type { Plane } from "../render/plane.js";
import { TileCache } from "./tile-cache.js";

export type { MultiscaleLevel } from "@nima-ts/core";

export interface TileSource extends PlaneSource {
  /** Finest first. */
  readonly levels: readonly MultiscaleLevel[];
  getTile(
    index: PlaneIndex,
    level: number,
    ty: number,
    tx: number,
    options?: { signal?: AbortSignal },
  ): Promise<Plane>;
  /** The tile if it is decoded and cached (no request). */
  peekTile(index: PlaneIndex, level: number, ty: number, tx: number): Plane | undefined;
  /** What the source did so far: tile reads started, and the longest array it allocated. */
  readonly stats: { reads: number; maxLength: number };
}

export interface TileSourceOptions {
  /** Bytes of decoded tiles kept (default 256 MiB). */
  cacheBytes?: number;
}

export function isTileSource(source: PlaneSource): source is TileSource {
  return typeof (source as TileSource).getTile === "function";
}

/** A tile source over an opened multiscale image (core's `openMultiscale`). */
export function tileSource(image: MultiscaleImage, options: TileSourceOptions = {}): TileSource {
  const { dims, sizes, ny, nx } = image;
  const keyOf = (index: PlaneIndex, level: number, ty: number, tx: number) =>
    `${dims.map((d) => index[d] ?? 0).join(",")}/${level}/${ty}/${tx}`;
  const cache = new TileCache<Plane>(options.cacheBytes ?? 256 * 1024 ** 2, (tile) => {
    const data = tile.data as { byteLength?: number; length: number };
    return data.byteLength ?? data.length * 8;
  });
  const stats = { reads: 0, maxLength: 0 };
  const source: TileSource = {
    dims,
    sizes,
    coords: image.coords,
    ny,
    nx,
    dtype: image.dtype,
    pixelSize: image.pixelSize,
    levels: image.levels,
    stats,
    getTile(index, level, ty, tx, { signal } = {}) {
      return cache.get(
        keyOf(index, level, ty, tx),
        async (loadSignal) => {
          stats.reads++;
          const tile = await image.readTile(index, level, ty, tx, { signal: loadSignal });
          stats.maxLength = Math.max(stats.maxLength, tile.data.length);
          return tile;
        },
        signal,
      );
    },
    peekTile: (index, level, ty, tx) => cache.peek(keyOf(index, level, ty, tx)),
    async getPlane() {
      // A whole plane is exactly what a tile source exists to avoid.
      throw new RangeError(
        `getPlane: ${image.where} is a ${ny}×${nx} multiscale plane; read it with getTile (level, tile) instead`,
      );
    },
    isCached: () => false,
  };
  return source;
}

/** Opens an OME-Zarr multiscale image (a URL, a directory under Node, or any zarrita store). */
export async function multiscaleSource(
  location: ZarrLocation,
  options: TileSourceOptions & OpenMultiscaleOptions = {},
): Promise<TileSource> {
  return tileSource(await openMultiscale(location, options), options);
}
