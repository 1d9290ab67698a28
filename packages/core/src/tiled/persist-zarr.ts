/**
 * A `Persist` hook that stores each stage as a zarr array chunked like the tiles (through
 * writeTiledPyramid, one tile in memory at a time) and reads windows back with zarrita. The
 * caller picks the store of each stage: a FileSystemStore in a scratch folder under Node, a
 * Map in memory, or any zarrita Mutable store.
 */
import type { Mutable } from "@zarrita/storage";
import * as zarr from "zarrita";
import type { TypedArray } from "../array/dtype.js";
import type { Persist } from "./lazy.js";
import { writeTiledPyramid } from "./pyramid.js";
import type { TiledPlane, TileShape } from "./tiles.js";

/** Persists stage `s` in `storeOf(s)` (written over), chunked as `tiles`. */
export function zarrPersist(storeOf: (stage: string) => Mutable, tiles: TileShape): Persist {
  return async (stage: string, plane: TiledPlane): Promise<TiledPlane> => {
    const store = storeOf(stage);
    await writeTiledPyramid(plane, store, { ...tiles, overwrite: true });
    const array = await zarr.open(zarr.root(store).resolve("0"), { kind: "array" });
    return {
      ny: plane.ny,
      nx: plane.nx,
      async read(y0, y1, x0, x1) {
        const chunk = await zarr.get(array, [zarr.slice(y0, y1), zarr.slice(x0, x1)]);
        return chunk.data as TypedArray;
      },
    };
  };
}
