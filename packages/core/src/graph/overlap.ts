/**
 * Plane kernels on Y/X tiles (dask's map_overlap): each output tile is one task whose inputs
 * are the source chunks under the tile's halo window; the `overlap` kernel pastes them into
 * one window, runs the plane kernel there and crops the halo off. The window is clipped at
 * the plane's true edges, so the kernel's border mode applies exactly where it does on the
 * whole plane and every tile equals the same pixels of the whole-plane result.
 */

import type { OverlapParams, PlaneBox } from "../kernels/array/overlap.js";
import type { Margins } from "../kernels/border.js";
import { haloWindow } from "../tiled/map-overlap.js";
import type { ChunkTask, LazyArray, TaskInput } from "./lazy.js";
import { broadcastIndex } from "./ops.js";

/** Whether an array's last two dims (Y, X) are cut into more than one chunk. */
export function isTiled(array: LazyArray): boolean {
  const n = array.shape.length;
  return array.chunks[n - 2] < array.shape[n - 2] || array.chunks[n - 1] < array.shape[n - 1];
}

/** The source chunks (and their plane boxes) that cover window `w` of plane `lead`. */
function piecesOf(source: LazyArray, lead: readonly number[], w: PlaneBox) {
  const n = source.shape.length;
  const [cy, cx] = [source.chunks[n - 2], source.chunks[n - 1]];
  const [ny, nx] = [source.shape[n - 2], source.shape[n - 1]];
  const leadIndex = broadcastIndex(source, [...lead, 0, 0]).slice(0, -2);
  const inputs: TaskInput[] = [];
  const boxes: PlaneBox[] = [];
  for (let jy = Math.floor(w[0] / cy); jy * cy < w[1]; jy++) {
    for (let jx = Math.floor(w[2] / cx); jx * cx < w[3]; jx++) {
      inputs.push({ array: source, index: [...leadIndex, jy, jx] });
      boxes.push([jy * cy, Math.min(ny, (jy + 1) * cy), jx * cx, Math.min(nx, (jx + 1) * cx)]);
    }
  }
  return { inputs, boxes };
}

/**
 * The task making output chunk `index` ([...lead, iy, ix] in a grid of `chunks`) with plane
 * kernel `kernel` reading `halo` beyond each output pixel.
 */
export function overlapTask(
  sources: readonly LazyArray[],
  index: readonly number[],
  chunks: readonly number[],
  kernel: string,
  params: Record<string, unknown>,
  halo: Margins,
): ChunkTask {
  const n = index.length;
  const main = sources[0];
  const [ny, nx] = [main.shape[n - 2], main.shape[n - 1]];
  const [cy, cx] = [chunks[n - 2], chunks[n - 1]];
  const [iy, ix] = [index[n - 2], index[n - 1]];
  const tile: PlaneBox = [
    iy * cy,
    Math.min(ny, (iy + 1) * cy),
    ix * cx,
    Math.min(nx, (ix + 1) * cx),
  ];
  const b = haloWindow({ y0: tile[0], y1: tile[1], x0: tile[2], x1: tile[3] }, halo, ny, nx);
  const window: PlaneBox = [b.y0, b.y1, b.x0, b.x1];
  const lead = index.slice(0, -2);
  const inputs: TaskInput[] = [];
  const pieces: PlaneBox[][] = [];
  for (const source of sources) {
    const of = piecesOf(source, lead, window);
    inputs.push(...of.inputs);
    pieces.push(of.boxes);
  }
  const overlap: OverlapParams = { kernel, params, window, tile, pieces };
  return { kernel: "overlap", params: overlap as unknown as Record<string, unknown>, inputs };
}
