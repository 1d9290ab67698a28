/**
 * Statistics of a plane's pixels under a mask (numpy's `im[m]`), streamed over tiles, as
 * nima's calculate_bg takes them: count, mean (`norm.fit`'s loc), range, percentiles and
 * the population sd, equal to the whole-plane values.
 *
 * Integer planes take one pass counting each value (the sum of integers in float64 is exact
 * below 2^53 in any order, and order statistics come from the counts); other planes take a
 * raster-order pass summed in numpy's order, then bucket passes for the percentiles. The sd
 * always sums (v − mean)² in raster order (numpy's order of `im[m]`).
 */
import type { TypedArray } from "../array/dtype.js";
import { isIntegerArray } from "../kernels/stats/histogram.js";
import { lerp } from "../kernels/stats/percentile.js";
import type { ValueStream } from "./buckets.js";
import { streamPercentiles } from "./percentile.js";
import { forEachRasterRun, StreamedSum } from "./raster.js";
import type { PlaneScan } from "./scan.js";
import { readBox, type Tile, type TiledPlane, type TileShape, tileBoxes } from "./tiles.js";

export interface MaskedStats {
  n: number;
  mean: number;
  /** Population sd: sqrt(mean((v − mean)²)). */
  sd: number;
  percentiles: number[];
}

/** Integer planes with at most this many distinct possible values are counted per value. */
const MAX_VALUE_BINS = 2 ** 22;

/** The plane's pixels under the mask, in raster order (numpy's `im[m]`). */
export function maskedValues(plane: TiledPlane, mask: TiledPlane, tiles: TileShape): ValueStream {
  async function* pairs(): AsyncGenerator<Tile & { mask: TypedArray }> {
    for (const b of tileBoxes(plane.ny, plane.nx, tiles)) {
      yield { ...b, data: await readBox(plane, b), mask: await readBox(mask, b) };
    }
  }
  return (visit) =>
    forEachRasterRun(pairs(), plane.nx, (d, start, n, t) => {
      for (let i = start; i < start + n; i++) if (t.mask[i]) visit(d[i]);
    });
}

/**
 * Count, mean, np.percentile (linear) at `qs` and sd of the pixels of `plane` where `mask`
 * is nonzero; null when the mask selects nothing. `scan` is the plane's scanPlane. Throws,
 * naming `fn`, when a selected value is not finite (norm.fit refuses those).
 */
export async function maskedStats(
  plane: TiledPlane,
  mask: TiledPlane,
  tiles: TileShape,
  scan: PlaneScan,
  qs: readonly number[],
  fn: string,
): Promise<MaskedStats | null> {
  const values = maskedValues(plane, mask, tiles);
  const integer = isIntegerArray(scan.sample) && scan.max - scan.min < MAX_VALUE_BINS;
  const { n, sum, percentiles } = integer
    ? await countedValues(plane, mask, tiles, scan.min, scan.max - scan.min + 1, qs)
    : await streamedValues(values, qs, fn);
  if (n === 0) return null;
  const mean = sum / n;
  const squares = new StreamedSum();
  await values((v) => {
    const d = v - mean;
    squares.pushOne(d * d);
  });
  return { n, mean, sd: Math.sqrt(squares.value() / n), percentiles };
}

/** One pass counting each value `lo + i`; order statistics from the cumulative counts. */
async function countedValues(
  plane: TiledPlane,
  mask: TiledPlane,
  tiles: TileShape,
  lo: number,
  bins: number,
  qs: readonly number[],
) {
  const counts = new Float64Array(bins);
  for (const b of tileBoxes(plane.ny, plane.nx, tiles)) {
    const [d, m] = await Promise.all([readBox(plane, b), readBox(mask, b)]);
    for (let i = 0; i < d.length; i++) if (m[i]) counts[d[i] - lo]++;
  }
  let n = 0;
  let sum = 0;
  for (let i = 0; i < bins; i++) {
    n += counts[i];
    sum += counts[i] * (lo + i);
  }
  if (n === 0) return { n, sum, percentiles: [] };
  // The k-th smallest (from 0): the first value whose cumulative count passes k.
  const kth = (k: number) => {
    let seen = 0;
    for (let i = 0; i < bins; i++) {
      seen += counts[i];
      if (seen > k) return lo + i;
    }
    return lo + bins - 1;
  };
  const percentiles = qs.map((q) => {
    const virtual = (n - 1) * (q / 100);
    if (virtual >= n - 1) return kth(n - 1);
    const below = Math.floor(virtual);
    return lerp(kth(below), kth(below + 1), virtual - below);
  });
  return { n, sum, percentiles };
}

/** A raster-order pass (numpy's sum, range, finiteness), then bucket passes for percentiles. */
async function streamedValues(values: ValueStream, qs: readonly number[], fn: string) {
  const total = new StreamedSum();
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let finite = true;
  await values((v) => {
    total.pushOne(v);
    if (v < min) min = v;
    if (v > max) max = v;
    if (!(v - v === 0)) finite = false;
  });
  const n = total.count;
  if (n === 0) return { n, sum: 0, percentiles: [] };
  if (!finite) throw new RangeError(`${fn}: the data contains non-finite values`);
  return {
    n,
    sum: total.value(),
    percentiles: await streamPercentiles(values, n, { min, max }, qs),
  };
}
