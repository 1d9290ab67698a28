/**
 * Image planes as PNG data URLs for Vega `image` marks: a value plane through a colour map
 * (inferno for nima's plots, turbo for bima's profiles, viridis as matplotlib's default),
 * or a label plane in the Set2 colours nima's measurement plot gives each label.
 */
import { encode } from "fast-png";
import { scheme } from "vega";

export type ColormapName = "inferno" | "turbo" | "viridis";

export interface Colormap {
  /** The Vega scheme (the same colours Vega draws in the colour bar). */
  scheme: ColormapName;
  reverse: boolean;
}

export const INFERNO: Colormap = { scheme: "inferno", reverse: false };
export const TURBO: Colormap = { scheme: "turbo", reverse: false };
export const VIRIDIS: Colormap = { scheme: "viridis", reverse: false };

/** matplotlib's Set2 (nima colours label k with Set2[(k − 1) % 8]). */
export const SET2: readonly string[] = scheme("set2") as string[];

export function labelColor(label: number): string {
  return SET2[(label - 1) % SET2.length];
}

const lutCache = new Map<string, Uint8Array>();

/** 256 RGB entries sampled from the Vega scheme. */
function lut({ scheme: name, reverse }: Colormap): Uint8Array {
  const key = `${name}${reverse ? "_r" : ""}`;
  let table = lutCache.get(key);
  if (table) return table;
  const interpolate = scheme(name) as (t: number) => string;
  table = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) {
    const [r, g, b] = parseColor(interpolate((reverse ? 255 - i : i) / 255));
    table.set([r, g, b], i * 3);
  }
  lutCache.set(key, table);
  return table;
}

/** "#rrggbb" or "rgb(r, g, b)" → [r, g, b]. */
export function parseColor(color: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [1, 2, 3].map((i) => Number.parseInt(hex[i], 16)) as [number, number, number];
  const rgb = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new RangeError(`parseColor: cannot read colour ${JSON.stringify(color)}`);
}

export interface PlaneImage {
  /** data:image/png;base64,... */
  url: string;
  width: number;
  height: number;
  vmin: number;
  vmax: number;
}

/** The finite min and max of `values` ([0, 0] when none is finite). */
export function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

/**
 * A plane coloured by `colormap` between vmin and vmax (default its min and max, as
 * matplotlib's imshow); values outside are clipped, NaN is drawn white.
 */
export function planeImage(
  values: ArrayLike<number>,
  ny: number,
  nx: number,
  colormap: Colormap,
  { vmin, vmax }: { vmin?: number; vmax?: number } = {},
): PlaneImage {
  const [lo, hi] = finiteRange(values);
  const min = vmin ?? lo;
  const max = vmax ?? hi;
  const table = lut(colormap);
  const span = max > min ? max - min : 1;
  const rgba = new Uint8Array(ny * nx * 4);
  for (let i = 0; i < ny * nx; i++) {
    const v = values[i];
    if (Number.isNaN(v)) {
      rgba.set([255, 255, 255, 255], i * 4);
      continue;
    }
    const k = Math.min(255, Math.max(0, Math.floor(((v - min) / span) * 256)));
    rgba[i * 4] = table[k * 3];
    rgba[i * 4 + 1] = table[k * 3 + 1];
    rgba[i * 4 + 2] = table[k * 3 + 2];
    rgba[i * 4 + 3] = 255;
  }
  return { url: pngDataUrl(rgba, nx, ny), width: nx, height: ny, vmin: min, vmax: max };
}

/** Labels in their Set2 colours on white (0 is background). */
export function labelsImage(labels: ArrayLike<number>, ny: number, nx: number): PlaneImage {
  const palette = SET2.map(parseColor);
  const rgba = new Uint8Array(ny * nx * 4).fill(255);
  let max = 0;
  for (let i = 0; i < ny * nx; i++) {
    const k = labels[i];
    if (k <= 0) continue;
    if (k > max) max = k;
    rgba.set(palette[(k - 1) % palette.length], i * 4);
  }
  return { url: pngDataUrl(rgba, nx, ny), width: nx, height: ny, vmin: 0, vmax: max };
}

function pngDataUrl(rgba: Uint8Array, width: number, height: number): string {
  const png = encode({ width, height, data: rgba, channels: 4, depth: 8 });
  return `data:image/png;base64,${Buffer.from(png).toString("base64")}`;
}
