/**
 * Exact order statistics and gaps of values streamed from tiles, in bounded memory: split a
 * value range into buckets by a monotone index (so buckets are ordered intervals and equal
 * values share one), count each bucket in a pass, and narrow down until a bucket holds one
 * distinct value or few enough values to collect and sort. Each narrowing is one more pass.
 */

/** Streams every value once to `visit` (the values of a tiled plane, possibly transformed). */
export type ValueStream = (visit: (v: number) => void) => Promise<void>;

/** A closed value interval [lo, hi]. */
export interface ValueRange {
  lo: number;
  hi: number;
}

/** Buckets per range in a counting pass. */
export const BUCKETS = 4096;
/** A bucket with at most this many values is collected and sorted (8 MiB of float64). */
export const COLLECT_LIMIT = 1 << 20;

/** How finely a pass splits a range, and how many values may be collected at once. */
export interface BucketLimits {
  buckets: number;
  collect: number;
}

const LIMITS: BucketLimits = { buckets: BUCKETS, collect: COLLECT_LIMIT };

/** The bucket of v in [lo, hi]: monotone non-decreasing in v (each step rounds monotonically). */
export function bucketOf(v: number, r: ValueRange, buckets: number): number {
  if (r.hi === r.lo) return 0;
  const k = Math.floor(((v - r.lo) / (r.hi - r.lo)) * buckets);
  return k >= buckets ? buckets - 1 : k;
}

/** Index of the range holding v among sorted disjoint ranges, or −1. */
function rangeOf(v: number, ranges: readonly ValueRange[]): number {
  let a = 0;
  let b = ranges.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    if (v < ranges[m].lo) b = m - 1;
    else if (v > ranges[m].hi) a = m + 1;
    else return m;
  }
  return -1;
}

export interface BucketStats {
  count: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

/** One pass: count, min and max of each bucket of each (sorted, disjoint) range. */
export async function bucketPass(
  values: ValueStream,
  ranges: readonly ValueRange[],
  buckets = BUCKETS,
): Promise<BucketStats[]> {
  const stats = ranges.map(() => ({
    count: new Float64Array(buckets),
    min: new Float64Array(buckets).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(buckets).fill(Number.NEGATIVE_INFINITY),
  }));
  await values((v) => {
    const r = rangeOf(v, ranges);
    if (r < 0) return;
    const s = stats[r];
    const k = bucketOf(v, ranges[r], buckets);
    s.count[k]++;
    if (v < s.min[k]) s.min[k] = v;
    if (v > s.max[k]) s.max[k] = v;
  });
  return stats;
}

/** One pass: the values inside each (sorted, disjoint) range, sorted ascending. */
export async function collectPass(
  values: ValueStream,
  ranges: readonly ValueRange[],
  sizes: readonly number[],
): Promise<Float64Array[]> {
  const out = sizes.map((n) => new Float64Array(n));
  const filled = new Array<number>(ranges.length).fill(0);
  await values((v) => {
    const r = rangeOf(v, ranges);
    if (r >= 0) out[r][filled[r]++] = v;
  });
  for (const a of out) a.sort();
  return out;
}

/**
 * The k-th smallest (0-based) of the streamed values, all within [lo, hi] (no NaN): one
 * counting pass per narrowing, then a collecting pass once a bucket is small.
 */
export async function kthSmallest(
  values: ValueStream,
  k: number,
  range: ValueRange,
  limits: BucketLimits = LIMITS,
): Promise<number> {
  return (await kthSmallestMany(values, [k], range, limits)).get(k)!;
}

interface Narrowing {
  k: number;
  /** Rank of the k-th value among the values in r. */
  rank: number;
  r: ValueRange;
  count: number;
}

/** The distinct ranges of `items`, sorted, and each item's index among them. */
function distinctRanges(items: readonly Narrowing[]): { ranges: ValueRange[]; index: number[] } {
  const key = (r: ValueRange) => `${r.lo},${r.hi}`;
  const byKey = new Map<string, ValueRange>();
  for (const { r } of items) byKey.set(key(r), r);
  const ranges = [...byKey.values()].sort((a, b) => a.lo - b.lo);
  const at = new Map(ranges.map((r, i) => [key(r), i]));
  return { ranges, index: items.map(({ r }) => at.get(key(r))!) };
}

/**
 * The k-th smallest of the streamed values for every k of `ks`, sharing passes: each pass
 * narrows every k still open at once. (All ranges of one step are buckets of the same
 * passes, so they are identical or disjoint, as bucketPass and collectPass need.)
 */
export async function kthSmallestMany(
  values: ValueStream,
  ks: readonly number[],
  range: ValueRange,
  limits: BucketLimits = LIMITS,
): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  let open: Narrowing[] = [...new Set(ks)].map((k) => ({ k, rank: k, r: range, count: 0 }));
  for (;;) {
    open = open.filter((q) => {
      if (q.r.lo !== q.r.hi) return true;
      found.set(q.k, q.r.lo);
      return false;
    });
    if (!open.length) return found;
    const { ranges, index } = distinctRanges(open);
    const stats = await bucketPass(values, ranges, limits.buckets);
    const narrowed = open.map((q, i): Narrowing => {
      const s = stats[index[i]];
      let j = 0;
      let rank = q.rank;
      while (rank >= s.count[j]) rank -= s.count[j++];
      return { k: q.k, rank, r: { lo: s.min[j], hi: s.max[j] }, count: s.count[j] };
    });
    const small = narrowed.filter((q) => q.r.lo !== q.r.hi && q.count <= limits.collect);
    if (small.length) {
      const collect = distinctRanges(small);
      const sizes = collect.ranges.map((_, i) => small[collect.index.indexOf(i)].count);
      const sorted = await collectPass(values, collect.ranges, sizes);
      small.forEach((q, i) => {
        found.set(q.k, sorted[collect.index[i]][q.rank]);
      });
    }
    open = narrowed.filter((q) => !small.includes(q));
  }
}

/**
 * `np.min(np.diff(np.unique(values)))` (Infinity for fewer than two distinct values), the
 * values being within [lo, hi]: gaps between neighbouring non-empty buckets are exact from
 * their min and max; gaps inside a bucket come from refining it, or sorting it when small.
 */
export async function smallestGap(
  values: ValueStream,
  range: ValueRange,
  limits: BucketLimits = LIMITS,
): Promise<number> {
  let gap = Number.POSITIVE_INFINITY;
  let ranges: ValueRange[] = range.lo === range.hi ? [] : [range];
  while (ranges.length) {
    const stats = await bucketPass(values, ranges, limits.buckets);
    const refine: ValueRange[] = [];
    const small: ValueRange[] = [];
    const sizes: number[] = [];
    for (const s of stats) {
      let previousMax = Number.NaN;
      for (let j = 0; j < s.count.length; j++) {
        if (s.count[j] === 0) continue;
        if (previousMax === previousMax) gap = Math.min(gap, s.min[j] - previousMax);
        previousMax = s.max[j];
        if (s.min[j] === s.max[j]) continue;
        const r = { lo: s.min[j], hi: s.max[j] };
        if (s.count[j] > limits.collect) refine.push(r);
        else {
          small.push(r);
          sizes.push(s.count[j]);
        }
      }
    }
    // Collect the small buckets in batches of at most limits.collect values per pass.
    for (let a = 0; a < small.length; ) {
      let b = a;
      let total = 0;
      while (b < small.length && (b === a || total + sizes[b] <= limits.collect)) {
        total += sizes[b++];
      }
      for (const sorted of await collectPass(values, small.slice(a, b), sizes.slice(a, b))) {
        for (let i = 1; i < sorted.length; i++) {
          const d = sorted[i] - sorted[i - 1];
          if (d > 0 && d < gap) gap = d;
        }
      }
      a = b;
    }
    ranges = refine;
  }
  return gap;
}
