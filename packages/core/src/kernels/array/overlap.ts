/**
 * `overlap`: dask's map_overlap for one output tile of a plane kernel. The task's inputs are
 * the source chunks under the tile's halo window (several tiles of each source, or one
 * whole-plane chunk); they are pasted into one window block per source, the plane kernel
 * runs on the window as on a small plane (its border mode applies only where the window
 * meets the plane's true edge, see tiled/map-overlap.ts), and the halo is cropped off.
 */
import type { Block } from "../../array/block.js";
import { emptyBlock, sizeOf } from "../../array/block.js";
import { getKernel, type Kernel } from "../registry.js";

/** A rectangle of the plane: [y0, y1, x0, x1). */
export type PlaneBox = [number, number, number, number];

export interface OverlapParams {
  /** The plane kernel and its params. */
  kernel: string;
  params: Record<string, unknown>;
  /** The window the kernel sees (tile + halo, clipped to the plane). */
  window: PlaneBox;
  /** The output tile, inside the window. */
  tile: PlaneBox;
  /** Per source (in order), the plane boxes of its pieces; inputs come in the same order. */
  pieces: PlaneBox[][];
}

/** The source's pieces pasted into one block [...lead, window rows, window columns]. */
function pasteWindow(pieces: readonly Block[], boxes: readonly PlaneBox[], window: PlaneBox) {
  const [wy0, wy1, wx0, wx1] = window;
  const first = pieces[0];
  const lead = first.shape.slice(0, -2);
  const wh = wy1 - wy0;
  const ww = wx1 - wx0;
  // One piece covering exactly the window: no copy.
  if (pieces.length === 1) {
    const [y0, y1, x0, x1] = boxes[0];
    if (y0 === wy0 && y1 === wy1 && x0 === wx0 && x1 === wx1) return first;
  }
  const out = emptyBlock(first.dtype, [...lead, wh, ww]);
  const planes = sizeOf(lead);
  pieces.forEach((piece, p) => {
    const [y0, y1, x0, x1] = boxes[p];
    const ph = y1 - y0;
    const pw = x1 - x0;
    // The part of the piece inside the window.
    const ya = Math.max(y0, wy0);
    const yb = Math.min(y1, wy1);
    const xa = Math.max(x0, wx0);
    const xb = Math.min(x1, wx1);
    for (let l = 0; l < planes; l++) {
      for (let y = ya; y < yb; y++) {
        const from = l * ph * pw + (y - y0) * pw + (xa - x0);
        const to = l * wh * ww + (y - wy0) * ww + (xa - wx0);
        out.data.set(piece.data.subarray(from, from + xb - xa), to);
      }
    }
  });
  return out;
}

/** Rows [y0, y1) × columns [x0, x1) (window coordinates) of every plane of a block. */
function crop(block: Block, y0: number, y1: number, x0: number, x1: number): Block {
  const nx = block.shape[block.shape.length - 1];
  const ny = block.shape[block.shape.length - 2];
  const lead = block.shape.slice(0, -2);
  if (y0 === 0 && x0 === 0 && y1 === ny && x1 === nx) return block;
  const out = emptyBlock(block.dtype, [...lead, y1 - y0, x1 - x0]);
  const w = x1 - x0;
  const planes = sizeOf(lead);
  let o = 0;
  for (let l = 0; l < planes; l++) {
    for (let y = y0; y < y1; y++) {
      const from = l * ny * nx + y * nx + x0;
      out.data.set(block.data.subarray(from, from + w), o);
      o += w;
    }
  }
  return out;
}

export const overlapKernel: Kernel = async (inputs, raw) => {
  const p = raw as unknown as OverlapParams;
  const inner = await getKernel(p.kernel);
  const windows: Block[] = [];
  let next = 0;
  for (const boxes of p.pieces) {
    windows.push(pasteWindow(inputs.slice(next, next + boxes.length), boxes, p.window));
    next += boxes.length;
  }
  const result = await inner(windows, p.params);
  const [wy0, , wx0] = p.window;
  const [ty0, ty1, tx0, tx1] = p.tile;
  return crop(result, ty0 - wy0, ty1 - wy0, tx0 - wx0, tx1 - wx0);
};
