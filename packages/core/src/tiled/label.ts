/**
 * Connected components of a tiled plane, numbered exactly as the whole-plane `label`
 * (scipy.ndimage.label: nonzero pixels join) and `labelImage` (skimage.measure.label: equal
 * values join, background stays 0) number them: by the raster order of each component's
 * first pixel.
 *
 * One pass labels each tile on its own, gives its components provisional ids and records
 * each one's first pixel; components touching across a tile border are merged by union-find
 * (the border row or column of each side, and with connectivity 2 the diagonal neighbours,
 * corners included, since rows are compared across the whole plane width). Roots are then
 * ranked by first pixel. The result is a tiled plane itself: reading a window labels the
 * tiles under it again (deterministic) and maps provisional ids to final labels, so only the
 * id map (one int per provisional component) stays in memory. Tiles are labelled where
 * `work` says (tile-work.ts): on workers, only their summaries (label-tile.ts) come back to
 * the merge, and the mapped labels when a window is read.
 */
import { type Connectivity, checkConnectivity } from "../kernels/segmentation/label.js";
import { inThread, mapAhead, type LabelRule as Rule, type TileWork } from "./tile-work.js";
import {
  type Box,
  checkTiling,
  readBox,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";
import { UnionFind } from "./union-find.js";

export interface TiledLabels extends TiledPlane<Int32Array> {
  /** Number of components (the largest label). */
  count: number;
  /** Pixels of each label (index 0: the background), counted in the labelling pass. */
  sizes: Float64Array;
  tiles: TileShape;
}

/** Options of tiledLabel / tiledLabelImage. */
export interface TiledLabelOptions {
  connectivity?: Connectivity;
  /** Where the tiles are labelled (default: this thread, one at a time). */
  work?: TileWork;
}

/** A border line (row or column) of provisional ids (−1: background) and its values. */
interface Line {
  ids: Int32Array;
  values: Float64Array;
}

const line = (n: number): Line => ({
  ids: new Int32Array(n).fill(-1),
  values: new Float64Array(n),
});

/**
 * Joins facing border lines a (one side) and b (the other), position i facing i; with
 * connectivity 2 also i facing i ± 1.
 */
function joinLines(a: Line, b: Line, n: number, rule: Rule, uf: UnionFind): void {
  const reach = rule.connectivity === 2 ? 1 : 0;
  for (let i = 0; i < n; i++) {
    const p = a.ids[i];
    if (p < 0) continue;
    for (let j = Math.max(0, i - reach); j <= Math.min(n - 1, i + reach); j++) {
      const q = b.ids[j];
      if (q < 0) continue;
      if (rule.background === null || a.values[i] === b.values[j]) uf.union(p, q);
    }
  }
}

async function labelTiles(
  plane: TiledPlane,
  tiles: TileShape,
  rule: Rule,
  fn: string,
  work: TileWork = inThread,
): Promise<TiledLabels> {
  checkTiling(fn, plane, tiles);
  const { ny, nx } = plane;
  const boxes = tileBoxes(ny, nx, tiles);
  const offsets = new Int32Array(boxes.length + 1);
  const uf = new UnionFind();
  let first = new Float64Array(1024); // raster index of each provisional component's first pixel
  let size = new Float64Array(1024); // pixels of each provisional component
  let background = 0;
  let above = line(nx); // bottom row of the previous tile-row
  const top = line(nx);
  let bottom = line(nx);
  let left = line(tiles.tileY); // right column of the previous tile in this tile-row
  let right = line(tiles.tileY);
  const found = mapAhead(boxes, work.ahead, async (b) =>
    work.components(await readBox(plane, b), b.y1 - b.y0, b.x1 - b.x0, rule),
  );
  let t = 0;
  for await (const c of found) {
    const b = boxes[t++];
    const h = b.y1 - b.y0;
    const w = b.x1 - b.x0;
    const base = uf.add(c.count) - 1; // local label l → provisional id base + l
    offsets[t] = offsets[t - 1] + c.count;
    if (uf.size > first.length) {
      const n = Math.max(uf.size, 2 * first.length);
      first = grown(first, n);
      size = grown(size, n);
    }
    background += c.background;
    for (let l = 1; l <= c.count; l++) {
      const i = c.first[l - 1];
      first[base + l] = (b.y0 + Math.floor(i / w)) * nx + b.x0 + (i % w);
      size[base + l] = c.sizes[l - 1];
    }
    const id = (l: number) => (l === 0 ? -1 : base + l);
    for (let x = 0; x < w; x++) {
      top.ids[b.x0 + x] = id(c.top[x]);
      top.values[b.x0 + x] = c.topValues[x];
      bottom.ids[b.x0 + x] = id(c.bottom[x]);
      bottom.values[b.x0 + x] = c.bottomValues[x];
    }
    const mine = line(h);
    for (let y = 0; y < h; y++) {
      mine.ids[y] = id(c.left[y]);
      mine.values[y] = c.leftValues[y];
      right.ids[y] = id(c.right[y]);
      right.values[y] = c.rightValues[y];
    }
    if (b.x0 > 0) joinLines(left, mine, h, rule, uf);
    [left, right] = [right, left];
    if (b.x1 === nx) {
      if (b.y0 > 0) joinLines(above, top, nx, rule, uf);
      [above, bottom] = [bottom, above];
      top.ids.fill(-1);
      bottom.ids.fill(-1);
    }
  }
  // Rank the roots by first pixel: final labels 1..count in raster order.
  const n = uf.size;
  const rootFirst = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  for (let p = 0; p < n; p++) {
    const r = uf.find(p);
    if (first[p] < rootFirst[r]) rootFirst[r] = first[p];
  }
  const roots: number[] = [];
  for (let p = 0; p < n; p++) if (uf.find(p) === p) roots.push(p);
  roots.sort((a, c) => rootFirst[a] - rootFirst[c]);
  const finalOfRoot = new Int32Array(n);
  roots.forEach((r, k) => {
    finalOfRoot[r] = k + 1;
  });
  const finalOf = new Int32Array(n);
  const sizes = new Float64Array(roots.length + 1);
  sizes[0] = background;
  for (let p = 0; p < n; p++) {
    finalOf[p] = finalOfRoot[uf.find(p)];
    sizes[finalOf[p]] += size[p];
  }
  // Tile t's local label l is provisional id offsets[t] + l − 1: its map is a slice, [0] = 0.
  const mapOf = (t: number) => {
    const map = new Int32Array(offsets[t + 1] - offsets[t] + 1);
    map.set(finalOf.subarray(offsets[t], offsets[t + 1]), 1);
    return map;
  };
  return {
    ny,
    nx,
    count: roots.length,
    sizes,
    tiles,
    read: (y0, y1, x0, x1) => readLabels(plane, boxes, mapOf, rule, work, { y0, y1, x0, x1 }),
  };
}

/** `a` copied into a zeroed array of length n. */
function grown(a: Float64Array, n: number): Float64Array<ArrayBuffer> {
  const out = new Float64Array(n);
  out.set(a);
  return out;
}

/** The final labels of window `w`: each tile under it labelled again and mapped. */
async function readLabels(
  plane: TiledPlane,
  boxes: readonly Box[],
  mapOf: (t: number) => Int32Array,
  rule: Rule,
  work: TileWork,
  w: Box,
): Promise<Int32Array> {
  const under = boxes.flatMap((b, t) =>
    b.y0 < w.y1 && w.y0 < b.y1 && b.x0 < w.x1 && w.x0 < b.x1 ? [t] : [],
  );
  const relabel = async (t: number) => {
    const b = boxes[t];
    return work.labels(await readBox(plane, b), b.y1 - b.y0, b.x1 - b.x0, rule, mapOf(t));
  };
  // A window that is one tile (stores read tile by tile) is that tile's labels.
  if (under.length === 1) {
    const b = boxes[under[0]];
    if (b.y0 === w.y0 && b.y1 === w.y1 && b.x0 === w.x0 && b.x1 === w.x1) return relabel(under[0]);
  }
  const ww = w.x1 - w.x0;
  const out = new Int32Array((w.y1 - w.y0) * ww);
  let k = 0;
  for await (const labels of mapAhead(under, work.ahead, relabel)) {
    const b = boxes[under[k++]];
    const y0 = Math.max(b.y0, w.y0);
    const y1 = Math.min(b.y1, w.y1);
    const x0 = Math.max(b.x0, w.x0);
    const x1 = Math.min(b.x1, w.x1);
    const tw = b.x1 - b.x0;
    for (let y = y0; y < y1; y++) {
      const from = (y - b.y0) * tw + x0 - b.x0;
      out.set(labels.subarray(from, from + x1 - x0), (y - w.y0) * ww + x0 - w.x0);
    }
  }
  return out;
}

/** `scipy.ndimage.label` of a tiled plane (nonzero pixels; connectivity 1 by default). */
export function tiledLabel(
  plane: TiledPlane,
  tiles: TileShape,
  options: TiledLabelOptions = {},
): Promise<TiledLabels> {
  const connectivity = checkConnectivity("tiledLabel", options.connectivity ?? 1);
  return labelTiles(plane, tiles, { background: null, connectivity }, "tiledLabel", options.work);
}

/** `skimage.measure.label` of a tiled plane (equal values; connectivity 2 by default). */
export function tiledLabelImage(
  plane: TiledPlane,
  tiles: TileShape,
  options: TiledLabelOptions & { background?: number } = {},
): Promise<TiledLabels> {
  const connectivity = checkConnectivity("tiledLabelImage", options.connectivity ?? 2);
  return labelTiles(
    plane,
    tiles,
    { background: options.background ?? 0, connectivity },
    "tiledLabelImage",
    options.work,
  );
}
