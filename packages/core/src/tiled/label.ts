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
 * id map (one int per provisional component) stays in memory.
 */
import type { TypedArray } from "../array/dtype.js";
import {
  type Connectivity,
  checkConnectivity,
  label,
  labelImage,
} from "../kernels/segmentation/label.js";
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

interface Rule {
  /** null: any nonzero pixels join (ndimage); a number: equal values join, this one is background. */
  background: number | null;
  connectivity: Connectivity;
}

/** Labels of one tile, as the whole-plane function labels a plane. */
function labelTile(data: TypedArray, ny: number, nx: number, rule: Rule) {
  return rule.background === null
    ? label(data, ny, nx, { connectivity: rule.connectivity })
    : labelImage(data, ny, nx, { connectivity: rule.connectivity, background: rule.background });
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
  for (let t = 0; t < boxes.length; t++) {
    const b = boxes[t];
    const h = b.y1 - b.y0;
    const w = b.x1 - b.x0;
    const data = await readBox(plane, b);
    const { labels, count } = labelTile(data, h, w, rule);
    const base = uf.add(count) - 1; // local label l → provisional id base + l
    offsets[t + 1] = offsets[t] + count;
    if (uf.size > first.length) {
      const n = Math.max(uf.size, 2 * first.length);
      first = grown(first, n);
      size = grown(size, n);
    }
    // Local labels are numbered by first pixel in tile order, which is raster order within
    // the tile: label l first appears when the running maximum reaches l.
    let seen = 0;
    for (let i = 0; i < labels.length; i++) {
      const l = labels[i];
      if (l === 0) {
        background++;
        continue;
      }
      size[base + l]++;
      if (l === seen + 1) first[base + ++seen] = (b.y0 + Math.floor(i / w)) * nx + b.x0 + (i % w);
    }
    const id = (i: number) => (labels[i] === 0 ? -1 : base + labels[i]);
    for (let x = 0; x < w; x++) {
      top.ids[b.x0 + x] = id(x);
      top.values[b.x0 + x] = data[x];
      bottom.ids[b.x0 + x] = id((h - 1) * w + x);
      bottom.values[b.x0 + x] = data[(h - 1) * w + x];
    }
    const mine = line(h);
    for (let y = 0; y < h; y++) {
      mine.ids[y] = id(y * w);
      mine.values[y] = data[y * w];
      right.ids[y] = id(y * w + w - 1);
      right.values[y] = data[y * w + w - 1];
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
  return {
    ny,
    nx,
    count: roots.length,
    sizes,
    tiles,
    read: (y0, y1, x0, x1) => readLabels(plane, boxes, offsets, finalOf, rule, { y0, y1, x0, x1 }),
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
  offsets: Int32Array,
  finalOf: Int32Array,
  rule: Rule,
  w: Box,
): Promise<Int32Array> {
  const ww = w.x1 - w.x0;
  const out = new Int32Array((w.y1 - w.y0) * ww);
  for (let t = 0; t < boxes.length; t++) {
    const b = boxes[t];
    const y0 = Math.max(b.y0, w.y0);
    const y1 = Math.min(b.y1, w.y1);
    const x0 = Math.max(b.x0, w.x0);
    const x1 = Math.min(b.x1, w.x1);
    if (y0 >= y1 || x0 >= x1) continue;
    const tw = b.x1 - b.x0;
    const { labels } = labelTile(await readBox(plane, b), b.y1 - b.y0, tw, rule);
    const base = offsets[t] - 1;
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        const l = labels[(y - b.y0) * tw + x - b.x0];
        out[(y - w.y0) * ww + x - w.x0] = l === 0 ? 0 : finalOf[base + l];
      }
    }
  }
  return out;
}

/** `scipy.ndimage.label` of a tiled plane (nonzero pixels; connectivity 1 by default). */
export function tiledLabel(
  plane: TiledPlane,
  tiles: TileShape,
  options: { connectivity?: Connectivity } = {},
): Promise<TiledLabels> {
  const connectivity = checkConnectivity("tiledLabel", options.connectivity ?? 1);
  return labelTiles(plane, tiles, { background: null, connectivity }, "tiledLabel");
}

/** `skimage.measure.label` of a tiled plane (equal values; connectivity 2 by default). */
export function tiledLabelImage(
  plane: TiledPlane,
  tiles: TileShape,
  options: { connectivity?: Connectivity; background?: number } = {},
): Promise<TiledLabels> {
  const connectivity = checkConnectivity("tiledLabelImage", options.connectivity ?? 2);
  return labelTiles(
    plane,
    tiles,
    { background: options.background ?? 0, connectivity },
    "tiledLabelImage",
  );
}
