/**
 * One tile's part of labelling a plane stored in tiles (tiled/label.ts), computed where the
 * tile is (a worker): its components (count, sizes, first pixels, the labels along its four
 * borders) without shipping its labels, and later its labels mapped to the plane's final
 * numbering. The merge across tiles needs only the summary, so no per-pixel work is left to
 * the thread that merges.
 */
import type { TypedArray } from "../../array/dtype.js";
import { scratch } from "../../array/memory.js";
import type { Kernel } from "../registry.js";
import { type Connectivity, label, labelImage } from "./label.js";

/** How a tile's components are found. */
export interface LabelRule {
  /** null: any nonzero pixels join (ndimage.label); a number: equal values join, this one is background (measure.label). */
  background: number | null;
  connectivity: Connectivity;
}

/** A ny × nx tile's components, labels 1..count numbered by first pixel in raster order. */
export interface TileComponents {
  count: number;
  /** Background pixels. */
  background: number;
  /** Pixels of label l at [l − 1]. */
  sizes: Float64Array;
  /** The tile's raster index of label l's first pixel at [l − 1]. */
  first: Float64Array;
  /** Labels (0: background) and pixel values of the top and bottom rows (nx), the left and right columns (ny). */
  top: Int32Array;
  bottom: Int32Array;
  left: Int32Array;
  right: Int32Array;
  topValues: Float64Array;
  bottomValues: Float64Array;
  leftValues: Float64Array;
  rightValues: Float64Array;
}

/** The labels of a tile as the whole-plane function (label / labelImage) gives them. */
export function labelByRule(
  data: TypedArray,
  ny: number,
  nx: number,
  rule: LabelRule,
  out?: Int32Array,
): { labels: Int32Array; count: number } {
  return rule.background === null
    ? label(data, ny, nx, { connectivity: rule.connectivity }, out)
    : labelImage(data, ny, nx, rule as { background: number; connectivity: Connectivity }, out);
}

export function tileComponents(
  data: TypedArray,
  ny: number,
  nx: number,
  rule: LabelRule,
  scratch?: Int32Array,
): TileComponents {
  const { labels, count } = labelByRule(data, ny, nx, rule, scratch);
  const sizes = new Float64Array(count);
  const first = new Float64Array(count);
  let background = 0;
  // Label l first appears when the running maximum reaches l.
  let seen = 0;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l === 0) background++;
    else {
      sizes[l - 1]++;
      if (l > seen) first[(seen = l) - 1] = i;
    }
  }
  const row = (y: number) => labels.slice(y * nx, (y + 1) * nx);
  const column = (x: number) => Int32Array.from({ length: ny }, (_, y) => labels[y * nx + x]);
  const rowValues = (y: number) => Float64Array.from(data.subarray(y * nx, (y + 1) * nx));
  const columnValues = (x: number) => Float64Array.from({ length: ny }, (_, y) => data[y * nx + x]);
  return {
    count,
    background,
    sizes,
    first,
    top: row(0),
    bottom: row(ny - 1),
    left: column(0),
    right: column(nx - 1),
    topValues: rowValues(0),
    bottomValues: rowValues(ny - 1),
    leftValues: columnValues(0),
    rightValues: columnValues(nx - 1),
  };
}

/** The summary as one float64 array (a kernel's output block); `unpackComponents` reads it. */
export function packComponents(c: TileComponents): Float64Array {
  const parts = [
    [c.count, c.background],
    c.sizes,
    c.first,
    c.top,
    c.bottom,
    c.left,
    c.right,
    c.topValues,
    c.bottomValues,
    c.leftValues,
    c.rightValues,
  ];
  const out = new Float64Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function unpackComponents(packed: Float64Array, ny: number, nx: number): TileComponents {
  const [count, background] = packed;
  let at = 2;
  const take = (n: number) => packed.subarray(at, (at += n));
  const ints = (n: number) => Int32Array.from(take(n));
  const sizes = take(count);
  const first = take(count);
  const [top, bottom, left, right] = [ints(nx), ints(nx), ints(ny), ints(ny)];
  const [topValues, bottomValues] = [take(nx), take(nx)];
  const [leftValues, rightValues] = [take(ny), take(ny)];
  if (at !== packed.length) {
    throw new RangeError(`tile components: ${packed.length} values for a ${ny}×${nx} tile`);
  }
  return {
    count,
    background,
    sizes,
    first,
    top,
    bottom,
    left,
    right,
    topValues,
    bottomValues,
    leftValues,
    rightValues,
  };
}

/** The tile's labels mapped through `finalOf` (local label l → finalOf[l]; finalOf[0] = 0). */
export function mappedLabels(
  data: TypedArray,
  ny: number,
  nx: number,
  rule: LabelRule,
  finalOf: Int32Array,
  out?: Int32Array,
): Int32Array {
  const { labels } = labelByRule(data, ny, nx, rule, out);
  for (let i = 0; i < labels.length; i++) labels[i] = finalOf[labels[i]];
  return labels;
}

/** Labels of a tile in this thread's scratch memory, given back once summarised. */
function withScratchLabels<R>(n: number, fn: (labels: Int32Array) => R): R {
  const labels = scratch.take("int32", n) as Int32Array;
  try {
    return fn(labels);
  } finally {
    scratch.give(labels);
  }
}

/** `label_tile_components` and `label_tile_mapped` (specs.ts), for workers. */
export const kernels: Record<string, Kernel> = {
  label_tile_components: ([tile], params) => {
    const [ny, nx] = tile.shape.slice(-2);
    const packed = withScratchLabels(ny * nx, (labels) =>
      packComponents(tileComponents(tile.data, ny, nx, params as unknown as LabelRule, labels)),
    );
    return { data: packed, shape: [packed.length], dtype: "float64" };
  },
  label_tile_mapped: ([tile, finalOf], params, out) => {
    const [ny, nx] = tile.shape.slice(-2);
    const rule = params as unknown as LabelRule;
    const data = mappedLabels(
      tile.data,
      ny,
      nx,
      rule,
      finalOf.data as Int32Array,
      out?.data as Int32Array | undefined,
    );
    return { data, shape: [ny, nx], dtype: "int32" };
  },
};
