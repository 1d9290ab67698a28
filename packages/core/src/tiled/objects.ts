/**
 * remove_small_objects and clear_border on tiled planes, equal to kernels/segmentation/ on
 * the whole plane: both label across tiles first (label.ts), measure what they need per
 * component in one pass (sizes; which components reach the frame), then rewrite tile by tile.
 */
import type { TypedArray } from "../array/dtype.js";
import {
  type ClearBorderOptions,
  clearBorderOptions,
} from "../kernels/segmentation/clearBorder.js";
import type { RemoveSmallObjectsOptions } from "../kernels/segmentation/removeSmallObjects.js";
import { tiledLabel, tiledLabelImage } from "./label.js";
import { readBox, type Tile, type TiledPlane, type TileShape, tileBoxes } from "./tiles.js";

/** `skimage.morphology.remove_small_objects(mask, max_size)`: 0/1 tiles. */
export async function* tiledRemoveSmallObjects(
  mask: TiledPlane,
  tiles: TileShape,
  options: RemoveSmallObjectsOptions,
): AsyncGenerator<Tile<Uint8Array>> {
  const { maxSize } = options;
  if (typeof maxSize !== "number" || Number.isNaN(maxSize)) {
    throw new RangeError(`removeSmallObjects: maxSize must be a number, got ${String(maxSize)}`);
  }
  const labels = await tiledLabel(mask, tiles, { connectivity: options.connectivity ?? 1 });
  const sizes = new Float64Array(labels.count + 1);
  const boxes = tileBoxes(mask.ny, mask.nx, tiles);
  for (const b of boxes) for (const l of await readBox(labels, b)) sizes[l]++;
  for (const b of boxes) {
    const l = await readBox(labels, b);
    const out = new Uint8Array(l.length);
    for (let i = 0; i < l.length; i++) out[i] = l[i] !== 0 && sizes[l[i]] > maxSize ? 1 : 0;
    yield { ...b, data: out };
  }
}

/** `skimage.segmentation.clear_border(labels, buffer_size, bgval)`: tiles of the input's type. */
export async function* tiledClearBorder<T extends TypedArray>(
  labels: TiledPlane<T>,
  tiles: TileShape,
  options: ClearBorderOptions = {},
): AsyncGenerator<Tile<T>> {
  const { ny, nx } = labels;
  const { bufferSize, bgval } = clearBorderOptions(options, ny, nx);
  // As skimage: components of equal values, 8-connected; the background is one too.
  const components = await tiledLabelImage(labels, tiles, { connectivity: 2 });
  const touches = new Uint8Array(components.count + 1);
  const ext = bufferSize + 1;
  const boxes = tileBoxes(ny, nx, tiles);
  const inFrame = (y: number, x: number) => y < ext || y >= ny - ext || x < ext || x >= nx - ext;
  for (const b of boxes) {
    const framed = b.y0 < ext || b.y1 > ny - ext || b.x0 < ext || b.x1 > nx - ext;
    if (!framed) continue;
    const c = await readBox(components, b);
    const w = b.x1 - b.x0;
    for (let i = 0; i < c.length; i++) {
      if (inFrame(b.y0 + Math.floor(i / w), b.x0 + (i % w))) touches[c[i]] = 1;
    }
  }
  for (const b of boxes) {
    const out = (await readBox(labels, b)).slice() as T;
    const c = await readBox(components, b);
    for (let i = 0; i < c.length; i++) if (touches[c[i]]) out[i] = bgval;
    yield { ...b, data: out };
  }
}
