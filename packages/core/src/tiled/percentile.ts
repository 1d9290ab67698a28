/**
 * `np.percentile(plane, q)` (method 'linear', numpy 1.24; kernels/stats/percentile.ts) of a
 * tiled plane: the two order statistics around the virtual index (n − 1)·q/100 are found
 * exactly by bucket passes (buckets.ts), then interpolated with numpy's `_lerp`. A plane with
 * a NaN gives NaN, as numpy.
 */
import { lerp } from "../kernels/stats/percentile.js";
import { kthSmallestMany, type ValueStream } from "./buckets.js";
import { scanPlane } from "./scan.js";
import type { TiledPlane, TileShape } from "./tiles.js";
import { pixelStream } from "./values.js";

export async function tiledPercentile(
  plane: TiledPlane,
  q: number | readonly number[],
  tiles: TileShape,
): Promise<number | number[]> {
  const qs = typeof q === "number" ? [q] : q;
  for (const p of qs) {
    if (!(p >= 0 && p <= 100)) {
      throw new RangeError(`percentile: percentiles must be in the range [0, 100], got ${p}`);
    }
  }
  const n = plane.ny * plane.nx;
  if (n === 0) throw new RangeError("percentile: empty array");
  const scan = await scanPlane(plane, tiles);
  if (scan.hasNaN) return typeof q === "number" ? Number.NaN : qs.map(() => Number.NaN);
  const result = await streamPercentiles(pixelStream(plane, tiles), n, scan, qs);
  return typeof q === "number" ? result[0] : result;
}

/**
 * np.percentile (linear) of `n` values (no NaN) in [lo, hi] streamed by `stream` in any
 * order: the order statistics around every virtual index by shared bucket passes, then `_lerp`.
 */
export async function streamPercentiles(
  stream: ValueStream,
  n: number,
  { min, max }: { min: number; max: number },
  qs: readonly number[],
): Promise<number[]> {
  // Each q: the order statistic at or below its virtual index, and the weight of the next.
  const picks = qs.map((p) => {
    const virtual = (n - 1) * (p / 100);
    if (virtual >= n - 1) return { below: n - 1, last: true, t: 0 };
    const below = Math.floor(virtual);
    return { below, last: false, t: virtual - below };
  });
  const ks = picks.flatMap(({ below, last }) => (last ? [below] : [below, below + 1]));
  const kth = await kthSmallestMany(stream, ks, { lo: min, hi: max });
  return picks.map(({ below, last, t }) =>
    last ? kth.get(below)! : lerp(kth.get(below)!, kth.get(below + 1)!, t),
  );
}
