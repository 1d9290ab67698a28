/**
 * `nima.closing_tile`: one tile of nima.segment's closing (the 3×3 cross, as the whole-plane
 * kernel) of a mask stored in tiles (a tile store's `portable()` form), read with its halo,
 * so the tiles of the closed mask are computed on the workers in parallel rather than one
 * after another in the main thread (segment-tiles.ts).
 * Params: `{ plane: PortablePlane, box: Box }`. No array inputs; returns the tile as uint8.
 */
import type { Block } from "../array/block.js";
import type { Kernel } from "../kernels/registry.js";
import { closing } from "../kernels/segmentation/morphology.js";
import { morphologyHalo } from "../tiled/halo.js";
import { haloWindow } from "../tiled/map-overlap.js";
import { openPortablePlane, type PortablePlane } from "../tiled/tile-store.js";
import { type Box, cropPlane, readBox } from "../tiled/tiles.js";

export interface ClosingTileParams {
  plane: PortablePlane;
  box: Box;
}

const closingTileKernel: Kernel = async (_inputs, raw): Promise<Block> => {
  const { plane, box } = raw as unknown as ClosingTileParams;
  const mask = openPortablePlane(plane);
  const w = haloWindow(box, morphologyHalo("closing"), mask.ny, mask.nx);
  const wx = w.x1 - w.x0;
  const closed = closing(await readBox(mask, w), w.y1 - w.y0, wx);
  const data = cropPlane(closed, wx, {
    y0: box.y0 - w.y0,
    y1: box.y1 - w.y0,
    x0: box.x0 - w.x0,
    x1: box.x1 - w.x0,
  });
  return { data, shape: [box.y1 - box.y0, box.x1 - box.x0], dtype: "uint8" };
};

export const kernels: Record<string, Kernel> = { "nima.closing_tile": closingTileKernel };
