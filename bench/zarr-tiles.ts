/**
 * The huge-plane bench's input: `writeTiles` streams one tile (all channels) at a time into
 * a (C, Y, X) zarr v3 array chunked (1, tileY, tileX) with the engine's zarr writer, so a
 * plane larger than memory is never held whole; `readImage` reads it back.
 */
import { rmSync } from "node:fs";
import { createZarrWriter, type DType, type TypedArray, tiled } from "@nima-ts/core";

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
