/**
 * Y/X-chunked zarr stores as tiled planes, for the huge-plane bench: `writeTiles` streams
 * one tile (all channels) at a time into a (C, Y, X) zarr v3 array chunked (1, tileY, tileX),
 * and `openTiles` reads any window of a channel back with zarrita. Until the engine reads
 * Y/X chunks itself (issue 11, Y/X chunking), this is how the bench gets windows off disk.
 */
import { rmSync } from "node:fs";
import { createZarrWriter, type DType, type TypedArray, tiled } from "@nima-ts/core";
import { FileSystemStore } from "@zarrita/storage";
import * as zarr from "zarrita";

export interface TilesSpec extends tiled.TileShape {
  ny: number;
  nx: number;
  channels: readonly string[];
  dtype: DType;
  /** "none" (default: fast, 2 bytes a pixel on disk for uint16) or "zstd". */
  compression?: "none" | "zstd";
}

/** Writes the tiles `produce(box)` gives (one array per channel) in raster order. */
export async function writeTiles(
  path: string,
  spec: TilesSpec,
  produce: (box: tiled.Box) => Promise<TypedArray[]> | TypedArray[],
): Promise<void> {
  const { ny, nx, channels, dtype, tileY, tileX } = spec;
  const writer = await createZarrWriter(path, {
    shape: [channels.length, ny, nx],
    dims: ["C", "Y", "X"],
    dtype,
    chunks: [1, tileY, tileX],
    coords: { C: [...channels] },
    compression: spec.compression ?? "none",
    ome: false,
    overwrite: true,
  });
  try {
    for (const b of tiled.tileBoxes(ny, nx, spec)) {
      const data = await produce(b);
      const shape = [1, b.y1 - b.y0, b.x1 - b.x0];
      for (let c = 0; c < channels.length; c++) {
        await writer.writeBlock([c, b.y0 / tileY, b.x0 / tileX], { data: data[c], shape, dtype });
      }
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.close();
}

/** The channels of a (C, Y, X) zarr array as tiled planes (windows read on demand). */
export async function openTiles(path: string): Promise<tiled.TiledPlane[]> {
  const array = await zarr.open.v3(zarr.root(new FileSystemStore(path)), { kind: "array" });
  const [nc, ny, nx] = array.shape;
  return Array.from({ length: nc }, (_, c) => ({
    ny,
    nx,
    read: async (y0: number, y1: number, x0: number, x1: number) => {
      const chunk = await zarr.get(array, [c, zarr.slice(y0, y1), zarr.slice(x0, x1)]);
      return chunk.data as TypedArray;
    },
  }));
}

/** A scratch folder removed by `clear()`, or at Ctrl-C (then the process exits). */
export class Scratch {
  private readonly onSignal = () => {
    this.clear();
    process.exit(130);
  };

  constructor(readonly dir: string) {
    process.once("SIGINT", this.onSignal);
    process.once("SIGTERM", this.onSignal);
  }

  clear(): void {
    rmSync(this.dir, { recursive: true, force: true });
    process.off("SIGINT", this.onSignal);
    process.off("SIGTERM", this.onSignal);
  }
}
