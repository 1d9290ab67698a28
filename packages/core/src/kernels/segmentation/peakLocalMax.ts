/**
 * `skimage.feature.peak_local_max` with scikit-image 0.26 semantics (README §5.4):
 * candidates are pixels equal to their `maximum_filter(mode='nearest')` and above the
 * threshold; they are ordered by value, highest first, with a *stable* sort (ties keep
 * raster order), then thinned greedily so that no kept peak lies closer than `minDistance`
 * (Chebyshev distance by default) to an earlier one — only when minDistance > 1.
 * With `labels`, each label's bounding box is searched on its own, pixels of other labels
 * set to the dtype's lowest value.
 */
import type { TypedArray } from "../../array/dtype.js";
import { checkPlane } from "../args.js";
import { checkFootprint, crossFootprint, type Footprint, onesFootprint } from "../footprint.js";
import { findObjects } from "./findObjects.js";
import { extremumFilter } from "./minmax.js";

export type Peak = [row: number, col: number];

export interface PeakLocalMaxOptions {
  /** Minimal distance between peaks; also sizes the default footprint 2·d+1 (default 1). */
  minDistance?: number;
  /** Peaks must be > this (default: the image minimum). */
  thresholdAbs?: number;
  /** Peaks must be > thresholdRel · max(image) too. */
  thresholdRel?: number;
  /** true: minDistance; a number or [rows, cols]: that many border pixels (default true). */
  excludeBorder?: boolean | number | readonly [number, number];
  numPeaks?: number;
  /** The local-maximum neighbourhood (scipy centre: cell floor(n/2)). */
  footprint?: Footprint;
  /** Shorthand for `footprint: ones(size)`, as nima's `np.ones((int(s), int(s)))`. */
  size?: number | readonly [number, number];
  /** Search each label (> 0) separately. */
  labels?: ArrayLike<number>;
  numPeaksPerLabel?: number;
  /** Minkowski p of the spacing distance (default Infinity: Chebyshev). */
  pNorm?: number;
}

export function peakLocalMax(
  image: TypedArray,
  ny: number,
  nx: number,
  options: PeakLocalMaxOptions = {},
): Peak[] {
  checkPlane("peakLocalMax", image, ny, nx);
  const minDistance = options.minDistance ?? 1;
  if (!(minDistance >= 0)) {
    throw new RangeError(`peakLocalMax: minDistance must be >= 0, got ${minDistance}`);
  }
  const numPeaks = options.numPeaks ?? Number.POSITIVE_INFINITY;
  const numPeaksPerLabel = options.numPeaksPerLabel ?? Number.POSITIVE_INFINITY;
  const pNorm = options.pNorm ?? Number.POSITIVE_INFINITY;
  const border = borderWidth(options.excludeBorder ?? true, minDistance);
  const threshold = thresholdOf(image, options.thresholdAbs, options.thresholdRel);
  const footprint = footprintOf(options, minDistance);
  const spacing = { minDistance, pNorm };

  if (options.labels === undefined) {
    const mask = peakMask(image, ny, nx, footprint, threshold, null);
    excludeBorder(mask, ny, nx, border);
    return highestPeaks(image, mask, nx, numPeaks, spacing);
  }

  const labels = options.labels;
  checkPlane("peakLocalMax: labels", labels, ny, nx);
  const trimmed = Int32Array.from(labels);
  excludeBorder(trimmed, ny, nx, border);
  const lowest = lowestValue(image);
  const peaks: Peak[] = [];
  findObjects(trimmed, ny, nx).forEach((box, index) => {
    if (box === null) return;
    const label = index + 1;
    const h = box.rowStop - box.rowStart;
    const w = box.colStop - box.colStart;
    const roi = new Float64Array(h * w);
    const inLabel = new Uint8Array(h * w);
    for (let r = 0; r < h; r++) {
      for (let c = 0; c < w; c++) {
        const src = (box.rowStart + r) * nx + box.colStart + c;
        const inside = labels[src] === label;
        inLabel[r * w + c] = inside ? 1 : 0;
        roi[r * w + c] = inside ? image[src] : lowest;
      }
    }
    const mask = peakMask(roi, h, w, footprint, threshold, inLabel);
    for (const [r, c] of highestPeaks(roi, mask, w, numPeaksPerLabel, spacing, image)) {
      peaks.push([r + box.rowStart, c + box.colStart]);
    }
  });
  if (peaks.length <= numPeaks) return peaks;
  const mask = new Uint8Array(ny * nx);
  for (const [r, c] of peaks) mask[r * nx + c] = 1;
  return highestPeaks(image, mask, nx, numPeaks, spacing);
}

function borderWidth(
  exclude: boolean | number | readonly [number, number],
  minDistance: number,
): [number, number] {
  if (typeof exclude === "boolean") {
    const w = exclude ? minDistance : 0;
    return [w, w];
  }
  const pair: readonly number[] = typeof exclude === "number" ? [exclude, exclude] : exclude;
  if (pair.length !== 2 || pair.some((w) => !Number.isInteger(w) || w < 0)) {
    throw new RangeError(
      `peakLocalMax: excludeBorder must be a boolean, a non-negative integer or two of them, got ${String(exclude)}`,
    );
  }
  return [pair[0], pair[1]];
}

function thresholdOf(image: TypedArray, abs?: number, rel?: number): number {
  let threshold = abs;
  if (threshold === undefined) {
    threshold = Number.POSITIVE_INFINITY;
    for (let i = 0; i < image.length; i++) if (image[i] < threshold) threshold = image[i];
  }
  if (rel !== undefined) {
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < image.length; i++) if (image[i] > max) max = image[i];
    threshold = Math.max(threshold, rel * max);
  }
  return threshold;
}

function footprintOf(options: PeakLocalMaxOptions, minDistance: number): Footprint {
  if (options.footprint) return checkFootprint(options.footprint, "peakLocalMax: footprint");
  if (options.size !== undefined) {
    const [fy, fx] = typeof options.size === "number" ? [options.size, options.size] : options.size;
    return onesFootprint(fy, fx);
  }
  const side = 2 * Math.floor(minDistance) + 1;
  return onesFootprint(side, side);
}

/** What skimage writes over other labels' pixels: finfo.min for floats, iinfo.min for ints. */
function lowestValue(image: TypedArray): number {
  if (image instanceof Float64Array) return -Number.MAX_VALUE;
  if (image instanceof Float32Array) return -3.4028234663852886e38;
  if (image instanceof Int32Array) return -2147483648;
  return 0;
}

/** skimage `_exclude_border`: zero the first and last `w` rows / columns. */
function excludeBorder(
  a: Uint8Array | Int32Array,
  ny: number,
  nx: number,
  [wy, wx]: [number, number],
) {
  for (let y = 0; y < ny; y++) {
    const row = y * nx;
    if (y < wy || y >= ny - wy) {
      a.fill(0, row, row + nx);
      continue;
    }
    if (wx > 0) {
      a.fill(0, row, row + Math.min(wx, nx));
      a.fill(0, row + Math.max(nx - wx, 0), row + nx);
    }
  }
}

/** skimage `_get_peak_mask`: candidates equal to the local maximum and above threshold. */
function peakMask(
  image: ArrayLike<number>,
  ny: number,
  nx: number,
  footprint: Footprint,
  threshold: number,
  regionMask: Uint8Array | null,
): Uint8Array {
  const n = ny * nx;
  const out = new Uint8Array(n);
  if (footprint.data.length === 1 || n === 1) {
    for (let i = 0; i < n; i++) out[i] = image[i] > threshold ? 1 : 0;
    return out;
  }
  const window = { footprint, cy: footprint.shape[0] >> 1, cx: footprint.shape[1] >> 1 };
  const localMax = extremumFilter(image, ny, nx, window, true, "nearest", 0, new Float64Array(n));
  let trivial = true;
  for (let i = 0; i < n; i++) {
    out[i] = image[i] === localMax[i] ? 1 : 0;
    if (!out[i] && (regionMask === null || regionMask[i])) trivial = false;
  }
  if (trivial) {
    // No peak on a flat image; in a label, its isolated pixels still count (scipy's
    // binary_opening: cross, pixels beyond the box are 0).
    out.fill(0);
    if (regionMask !== null) {
      const cross = { footprint: crossFootprint(), cy: 1, cx: 1 };
      const eroded = extremumFilter(
        regionMask,
        ny,
        nx,
        cross,
        false,
        "constant",
        0,
        new Uint8Array(n),
      );
      const opened = extremumFilter(eroded, ny, nx, cross, true, "constant", 0, new Uint8Array(n));
      for (let i = 0; i < n; i++) out[i] = regionMask[i] ^ opened[i];
    }
  }
  for (let i = 0; i < n; i++) if (!(image[i] > threshold)) out[i] = 0;
  return out;
}

/**
 * skimage `_get_high_intensity_peaks`: candidates sorted by `argsort(-value, kind='stable')`
 * (so ties stay in raster order), spaced, then cut to `numPeaks`. `dtypeOf` is the array
 * whose dtype numpy would negate: for unsigned integers `-value` wraps around, as in numpy.
 */
function highestPeaks(
  image: ArrayLike<number>,
  mask: Uint8Array,
  nx: number,
  numPeaks: number,
  spacing: { minDistance: number; pNorm: number },
  dtypeOf: ArrayLike<number> = image,
): Peak[] {
  const candidates: number[] = [];
  for (let i = 0; i < mask.length; i++) if (mask[i]) candidates.push(i);
  const modulus = dtypeOf instanceof Uint8Array ? 256 : dtypeOf instanceof Uint16Array ? 65536 : 0;
  const key = (i: number) => (modulus ? (modulus - image[i]) % modulus : -image[i]);
  // Array.prototype.sort is stable, so equal keys keep raster order.
  candidates.sort((a, b) => key(a) - key(b));
  const maxOut = Number.isFinite(numPeaks) ? Math.max(0, Math.floor(numPeaks)) : candidates.length;
  const kept =
    spacing.minDistance > 1
      ? ensureSpacing(candidates, nx, spacing.minDistance, spacing.pNorm, maxOut)
      : candidates.slice(0, maxOut);
  return kept.map((i) => [Math.floor(i / nx), i % nx] as Peak);
}

/**
 * skimage `ensure_spacing`: walk the points in order and keep one unless it is at distance
 * < spacing from a point already kept (points exactly `spacing` away are kept). A grid of
 * spacing-sized cells finds the kept points that can be that close.
 */
function ensureSpacing(
  points: number[],
  nx: number,
  spacing: number,
  pNorm: number,
  maxOut: number,
): number[] {
  const cell = Math.max(1, Math.ceil(spacing));
  // Cells keyed (row + 1) * stride + (col + 1), so the ±1 neighbours of any cell are valid.
  const stride = Math.ceil(nx / cell) + 2;
  const grid = new Map<number, number[]>();
  const kept: number[] = [];
  for (const p of points) {
    if (kept.length >= maxOut) break;
    const r = Math.floor(p / nx);
    const c = p % nx;
    const gr = Math.floor(r / cell);
    const gc = Math.floor(c / cell);
    let close = false;
    for (let dr = -1; dr <= 1 && !close; dr++) {
      for (let dc = -1; dc <= 1 && !close; dc++) {
        const bucket = grid.get((gr + dr + 1) * stride + gc + dc + 1);
        if (!bucket) continue;
        for (const q of bucket) {
          if (distance(r - Math.floor(q / nx), c - (q % nx), pNorm) < spacing) {
            close = true;
            break;
          }
        }
      }
    }
    if (close) continue;
    kept.push(p);
    const k = (gr + 1) * stride + gc + 1;
    const bucket = grid.get(k);
    if (bucket) bucket.push(p);
    else grid.set(k, [p]);
  }
  return kept;
}

/** Minkowski distance as scipy's `minkowski` computes it for the common p. */
function distance(dr: number, dc: number, p: number): number {
  const a = Math.abs(dr);
  const b = Math.abs(dc);
  if (p === Number.POSITIVE_INFINITY) return Math.max(a, b);
  if (p === 1) return a + b;
  if (p === 2) return Math.sqrt(a * a + b * b);
  return (a ** p + b ** p) ** (1 / p);
}
