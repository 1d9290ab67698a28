/**
 * remove_small_objects and clear_border on tiled planes, equal to kernels/segmentation/ on
 * the whole plane: both label across tiles first (label.ts), measure what they need per
 * component in one pass (sizes; which components reach the frame), then rewrite each window
 * read (the *Plane forms are tiled planes themselves, for pipelines; nima-segment.ts).
 */
import type { TypedArray } from "../array/dtype.js";
import {
  type ClearBorderOptions,
  clearBorderOptions,
} from "../kernels/segmentation/clearBorder.js";
import type { RemoveSmallObjectsOptions } from "../kernels/segmentation/removeSmallObjects.js";
import { tiledLabel, tiledLabelImage } from "./label.js";
import { zipPlanes } from "./lazy.js";
import type { TileWork } from "./tile-work.js";
import {
  readBox,
  readTiles,
  type Tile,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";

/** `skimage.morphology.remove_small_objects(mask, max_size)`: 0/1 tiles. */
export async function* tiledRemoveSmallObjects(
  mask: TiledPlane,
  tiles: TileShape,
  options: RemoveSmallObjectsOptions,
): AsyncGenerator<Tile<Uint8Array>> {
  yield* readTiles(await removeSmallObjectsPlane(mask, tiles, options), tiles);
}

/**
 * remove_small_objects as a tiled plane read on demand: the labelling pass counts the sizes
 * of the components (one number per component), each window then relabels the tiles under it.
 */
export async function removeSmallObjectsPlane(
  mask: TiledPlane,
  tiles: TileShape,
  options: RemoveSmallObjectsOptions,
  work?: TileWork,
): Promise<TiledPlane<Uint8Array>> {
  const { maxSize } = options;
  if (typeof maxSize !== "number" || Number.isNaN(maxSize)) {
    throw new RangeError(`removeSmallObjects: maxSize must be a number, got ${String(maxSize)}`);
  }
  const labels = await tiledLabel(mask, tiles, {
    connectivity: options.connectivity ?? 1,
    work,
  });
  const { sizes } = labels;
  return zipPlanes([labels], ([l], n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = l[i] !== 0 && sizes[l[i]] > maxSize ? 1 : 0;
    return out;
  });
}

/** `skimage.segmentation.clear_border(labels, buffer_size, bgval)`: tiles of the input's type. */
export async function* tiledClearBorder<T extends TypedArray>(
  labels: TiledPlane<T>,
  tiles: TileShape,
  options: ClearBorderOptions = {},
): AsyncGenerator<Tile<T>> {
  yield* readTiles(await clearBorderPlane(labels, tiles, options), tiles);
}

/**
 * clear_border as a tiled plane read on demand: which components reach the frame is found
 * once (one flag per component), each window then relabels the tiles under it.
 */
export async function clearBorderPlane<T extends TypedArray>(
  labels: TiledPlane<T>,
  tiles: TileShape,
  options: ClearBorderOptions = {},
  work?: TileWork,
): Promise<TiledPlane<T>> {
  const { ny, nx } = labels;
  const { bufferSize, bgval } = clearBorderOptions(options, ny, nx);
  // As skimage: components of equal values, 8-connected; the background is one too.
  const components = await tiledLabelImage(labels, tiles, { connectivity: 2, work });
  const touches = new Uint8Array(components.count + 1);
  const ext = bufferSize + 1;
  const inFrame = (y: number, x: number) => y < ext || y >= ny - ext || x < ext || x >= nx - ext;
  for (const b of tileBoxes(ny, nx, tiles)) {
    const framed = b.y0 < ext || b.y1 > ny - ext || b.x0 < ext || b.x1 > nx - ext;
    if (!framed) continue;
    const c = await readBox(components, b);
    const w = b.x1 - b.x0;
    for (let i = 0; i < c.length; i++) {
      if (inFrame(b.y0 + Math.floor(i / w), b.x0 + (i % w))) touches[c[i]] = 1;
    }
  }
  return zipPlanes([labels, components], ([l, c], n) => {
    const out = l.slice() as T;
    for (let i = 0; i < n; i++) if (touches[c[i]]) out[i] = bgval;
    return out;
  });
}
