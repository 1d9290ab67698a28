/**
 * A tiled plane written as an OME-Zarr 0.5 multiscale image, streamed tile by tile: each
 * tile is written at full resolution and then halved once per level (downsample.ts), so one
 * tile and its reductions are in memory at a time. Tiles are the zarr chunks of level 0 and
 * halve with the levels; a tile side must be divisible by 2^levels so that every tile's
 * blocks line up with the levels' pixel grids (then the result equals downsampling the
 * whole plane level by level).
 */

import type { Mutable } from "@zarrita/storage";
import { dtypeOf } from "../array/dtype.js";
import { createZarrWriter, type ZarrWriterOptions } from "../io/zarr-writer.js";
import { type Downsampling, downsample2 } from "./downsample.js";
import { checkTiling, readBox, type TiledPlane, type TileShape, tileBoxes } from "./tiles.js";

export interface PyramidOptions extends TileShape {
  /** Levels after the full resolution (default 0). */
  levels?: number;
  /** Default "mean". */
  method?: Downsampling;
  overwrite?: boolean;
  compression?: ZarrWriterOptions["compression"];
  attrs?: Record<string, unknown>;
}

/** Writes `plane` to `target` (a directory or a zarr store) as y/x OME-Zarr with a pyramid. */
export async function writeTiledPyramid(
  plane: TiledPlane,
  target: string | URL | Mutable,
  options: PyramidOptions,
): Promise<void> {
  const fn = "writeTiledPyramid";
  checkTiling(fn, plane, options);
  const levels = options.levels ?? 0;
  const method = options.method ?? "mean";
  if (!Number.isInteger(levels) || levels < 0) {
    throw new RangeError(`${fn}: levels must be a non-negative integer, got ${levels}`);
  }
  const step = 2 ** levels;
  for (const side of ["tileY", "tileX"] as const) {
    if (options[side] % step !== 0) {
      throw new RangeError(
        `${fn}: ${side} (${options[side]}) must be divisible by 2^levels = ${step}`,
      );
    }
  }
  if (method !== "mean" && method !== "nearest") {
    throw new RangeError(
      `${fn}: method must be "mean" or "nearest", got ${JSON.stringify(method)}`,
    );
  }
  const boxes = tileBoxes(plane.ny, plane.nx, options);
  if (boxes.length === 0) throw new RangeError(`${fn}: the plane is empty`);
  const first = await readBox(plane, boxes[0]);
  const dtype = dtypeOf(first);
  const writer = await createZarrWriter(target, {
    shape: [plane.ny, plane.nx],
    dims: ["Y", "X"],
    dtype,
    chunks: [options.tileY, options.tileX],
    pyramid: { levels, method },
    overwrite: options.overwrite,
    compression: options.compression,
    attrs: options.attrs,
  });
  try {
    for (let t = 0; t < boxes.length; t++) {
      const b = boxes[t];
      let data = t === 0 ? first : await readBox(plane, b);
      let h = b.y1 - b.y0;
      let w = b.x1 - b.x0;
      const at = [b.y0 / options.tileY, b.x0 / options.tileX];
      for (let k = 0; k <= levels; k++) {
        await writer.writeBlock(at, { data, shape: [h, w], dtype }, k);
        if (k < levels) ({ data, ny: h, nx: w } = downsample2(data, h, w, method));
      }
    }
  } catch (error) {
    await writer.abort();
    throw error;
  }
  await writer.close();
}
