/**
 * How far each neighbourhood kernel reads beyond an output pixel: the halo a tile needs so
 * that its pixels see the same neighbours as in the whole plane. Each function reads the
 * kernel's own options the way the kernel resolves them (footprint centres differ between
 * scipy and scikit-image for even sizes), so the halo is never smaller than the reach.
 */

import { pair } from "../kernels/args.js";
import type { Margins } from "../kernels/border.js";
import { gaussianRadius } from "../kernels/filters/gaussian-weights.js";
import {
  crossFootprint,
  diskFootprint,
  type Footprint as MorphFootprint,
} from "../kernels/footprint.js";
import { resolveWindow, type WindowOptions, windowMargins } from "../kernels/rank/window.js";

export type Halo = Margins;

/** The same halo on every side. */
export function uniformHalo(r: number): Halo {
  return { top: r, bottom: r, left: r, right: r };
}

/** Two kernels run one after the other: their reaches add up side by side. */
export function addHalos(a: Halo, b: Halo): Halo {
  return {
    top: a.top + b.top,
    bottom: a.bottom + b.bottom,
    left: a.left + b.left,
    right: a.right + b.right,
  };
}

/** A window of `n` cells centred on cell `c` reaches c before and n − 1 − c after. */
function span(ny: number, nx: number, cy: number, cx: number): Halo {
  return { top: cy, bottom: ny - 1 - cy, left: cx, right: nx - 1 - cx };
}

/** median_filter / percentile_filter / rank_filter (size or footprint, with origin). */
export function rankFilterHalo(opts: WindowOptions): Halo {
  return windowMargins(resolveWindow(opts, "rankFilterHalo"));
}

/** gaussian_filter: radius = int(truncate·sigma + 0.5) per axis, or the explicit radius. */
export function gaussianHalo(opts: {
  sigma: number | readonly [number, number];
  truncate?: number;
  radius?: number | readonly [number, number];
}): Halo {
  const sigmas = pair(opts.sigma, "sigma", "gaussianHalo");
  const radii =
    opts.radius === undefined
      ? sigmas.map((s) => (s > 1e-15 ? gaussianRadius(s, opts.truncate ?? 4.0) : 0))
      : pair(opts.radius, "radius", "gaussianHalo");
  return { top: radii[0], bottom: radii[0], left: radii[1], right: radii[1] };
}

/** uniform_filter: size // 2 before, the rest after (scipy's origin 0). */
export function uniformFilterHalo(size: number | readonly [number, number]): Halo {
  const [sy, sx] = pair(size, "size", "uniformFilterHalo");
  return span(sy, sx, sy >> 1, sx >> 1);
}

/** scipy.signal.wiener: its 'same' correlation centres a mysize window at mysize // 2. */
export function wienerHalo(mySize: number | readonly [number, number] = [3, 3]): Halo {
  const [ky, kx] = pair(mySize, "mySize", "wienerHalo");
  return span(ky, kx, ky >> 1, kx >> 1);
}

/** skimage.filters.rank.entropy with disk(radius) or a boolean footprint (centre shape // 2). */
export function entropyHalo(footprint: number | MorphFootprint): Halo {
  if (typeof footprint === "number") return uniformHalo(diskFootprint(footprint).shape[0] >> 1);
  const [fy, fx] = footprint.shape;
  return span(fy, fx, fy >> 1, fx >> 1);
}

export type MorphologyOp =
  | "erosion"
  | "dilation"
  | "opening"
  | "closing"
  | "binary_erosion"
  | "binary_dilation"
  | "binary_opening"
  | "binary_closing";

/**
 * skimage morphology: grey ops centre an even side at floor((n − 1) / 2), binary ones at
 * floor(n / 2); dilations read the mirrored footprint, so one pass reaches the larger side
 * both ways; opening and closing are two passes.
 */
export function morphologyHalo(
  op: MorphologyOp,
  footprint: MorphFootprint = crossFootprint(),
): Halo {
  const binary = op.startsWith("binary_");
  const cy = binary ? footprint.shape[0] >> 1 : (footprint.shape[0] - 1) >> 1;
  const cx = binary ? footprint.shape[1] >> 1 : (footprint.shape[1] - 1) >> 1;
  const one = span(footprint.shape[0], footprint.shape[1], cy, cx);
  const r = {
    top: Math.max(one.top, one.bottom),
    bottom: Math.max(one.top, one.bottom),
    left: Math.max(one.left, one.right),
    right: Math.max(one.left, one.right),
  };
  return op.endsWith("opening") || op.endsWith("closing") ? addHalos(r, r) : r;
}

/**
 * Throws unless border `mode` can be tiled: "wrap" (and "grid-wrap") make a border pixel read
 * the far side of the plane, which no halo holds.
 */
export function checkTileableMode(kernel: string, mode: unknown): void {
  const modes = Array.isArray(mode) ? mode : [mode];
  if (modes.some((m) => m === "wrap" || m === "grid-wrap")) {
    throw new RangeError(
      `${kernel}: mode "wrap" reads the far side of the plane at its edges; it cannot run on Y/X tiles (rechunk Y and X whole)`,
    );
  }
}
