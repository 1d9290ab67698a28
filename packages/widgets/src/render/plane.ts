/** A YX plane as the views draw it, and its display statistics (contrast percentiles). */

import type { PlanePixels } from "@nima-ts/core";
import { stats } from "@nima-ts/core/browser";

/** Numbers of one YX plane, C order. */
export type PlaneData = PlanePixels["data"];

/** A YX plane as a PlaneSource gives it (core's PlanePixels). */
export type Plane = PlanePixels;

/** Whether every value is an integer in [0, 65535]: such planes get exact lookups. */
export function isSmallUnsigned(
  data: PlaneData,
): data is Uint8Array | Uint16Array | Uint8ClampedArray {
  return (
    data instanceof Uint8Array || data instanceof Uint16Array || data instanceof Uint8ClampedArray
  );
}

export interface Range {
  min: number;
  max: number;
}

/** Finite min and max (core's stats.finiteRange); {0, 0} when nothing is finite. */
export function finiteRange(data: PlaneData): Range {
  const [min, max] = stats.finiteRange(data) ?? [0, 0];
  return { min, max };
}

/**
 * The `percents` (e.g. [0.5, 99.5]) of the finite values with numpy's default "linear"
 * interpolation. Exact for uint8/uint16 planes (a count per value); other planes use 4096
 * bins between min and max, interpolated inside the bin: within 1/4096 of the range, which
 * is below what a 256-level display resolves.
 */
export function percentiles(data: PlaneData, percents: readonly number[]): number[] {
  if (isSmallUnsigned(data)) {
    const counts = new Float64Array(data instanceof Uint16Array ? 65536 : 256);
    for (let i = 0; i < data.length; i++) counts[data[i]]++;
    // One bin per integer value: the k-th smallest value is its bin.
    const order = orderStatistic(counts, (bin) => bin);
    return percents.map((p) => linearPercentile(data.length, p, order));
  }
  const { min, max } = finiteRange(data);
  if (min === max) return percents.map(() => min);
  const bins = 4096;
  const counts = new Float64Array(bins);
  const scale = bins / (max - min);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v >= min && v <= max) {
      const k = ((v - min) * scale) | 0;
      counts[k < bins ? k : bins - 1]++;
      n++;
    }
  }
  const width = (max - min) / bins;
  // The k-th smallest: placed proportionally inside its bin; the extremes exactly.
  const inBin = orderStatistic(
    counts,
    (bin, rank, count) => min + (bin + (rank + 0.5) / count) * width,
  );
  const order = (k: number) => (k === 0 ? min : k === n - 1 ? max : inBin(k));
  return percents.map((p) => linearPercentile(n, p, order));
}

/** The k-th smallest (0-based) from counts per bin, through `place(bin, rank in bin, count)`. */
function orderStatistic(
  counts: Float64Array,
  place: (bin: number, rank: number, count: number) => number,
): (k: number) => number {
  return (k) => {
    let seen = 0;
    for (let bin = 0; bin < counts.length; bin++) {
      const c = counts[bin];
      if (k < seen + c) return place(bin, k - seen, c);
      seen += c;
    }
    return place(counts.length - 1, 0, 1);
  };
}

/** numpy's "linear" percentile: position p/100·(n−1) between order statistics, numpy's lerp. */
function linearPercentile(n: number, percent: number, order: (k: number) => number): number {
  if (n === 0) return Number.NaN;
  const position = (Math.min(100, Math.max(0, percent)) / 100) * (n - 1);
  const below = Math.floor(position);
  const a = order(below);
  const b = below + 1 < n ? order(below + 1) : a;
  // From the nearer end (numpy's _lerp), so t = 1 gives b exactly.
  const t = position - below;
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}
