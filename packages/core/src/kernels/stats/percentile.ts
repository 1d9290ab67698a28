/**
 * `np.percentile` (method 'linear') and `np.median`, numpy 1.24 semantics: the virtual index
 * is (n − 1)·q/100, the two neighbouring order statistics are interpolated with numpy's
 * `_lerp` (a + (b − a)·t, or b − (b − a)·(1 − t) when t ≥ 0.5), and any NaN makes the result
 * NaN. Order statistics are found by selection, not a full sort.
 */
import { type NumberArray, npSum } from "./pairwise.js";
import { maxOf, selectInPlace } from "./select.js";

/** Copies values to a Float64Array; reports whether one of them is NaN. */
function copyValues(values: NumberArray): { a: Float64Array; hasNaN: boolean } {
  const a = Float64Array.from(values as ArrayLike<number>);
  let hasNaN = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== a[i]) {
      hasNaN = true;
      break;
    }
  }
  return { a, hasNaN };
}

/** numpy `_lerp(a, b, t)`. */
export function lerp(a: number, b: number, t: number): number {
  const diff = b - a;
  return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
}

function checkQ(q: number): void {
  if (!(q >= 0 && q <= 100)) {
    throw new RangeError(`percentile: percentiles must be in the range [0, 100], got ${q}`);
  }
}

/** numpy's percentile methods (numpy ≥ 1.22 `method=`), except the inverted-CDF family. */
export type PercentileMethod =
  | "linear"
  | "lower"
  | "higher"
  | "nearest"
  | "midpoint"
  | "hazen"
  | "weibull"
  | "median_unbiased"
  | "normal_unbiased";

// numpy's (alpha, beta) of the continuous methods: virtual index n·q + alpha + q(1 − alpha − beta) − 1.
const CONTINUOUS: Partial<Record<PercentileMethod, [number, number]>> = {
  linear: [1, 1],
  midpoint: [1, 1],
  hazen: [0.5, 0.5],
  weibull: [0, 0],
  median_unbiased: [1 / 3, 1 / 3],
  normal_unbiased: [3 / 8, 3 / 8],
};

/** numpy's `np.around`: to the nearest integer, ties to even. */
const roundHalfEven = (x: number): number => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

/** The two order statistics (below, below + 1) and the weight numpy's `_quantile` uses. */
function plan(n: number, p: number, method: PercentileMethod) {
  const q = p / 100;
  const discrete = (k: number) => ({ below: k, above: k, gamma: 0 });
  if (method === "lower") return discrete(Math.floor((n - 1) * q));
  if (method === "higher") return discrete(Math.ceil((n - 1) * q));
  if (method === "nearest") return discrete(roundHalfEven((n - 1) * q));
  const ab = CONTINUOUS[method];
  if (!ab) throw new RangeError(`percentile: unknown method "${method}"`);
  const [alpha, beta] = ab;
  const virtual =
    method === "linear" || method === "midpoint"
      ? (n - 1) * q
      : n * q + (alpha + q * (1 - alpha - beta)) - 1;
  if (virtual >= n - 1) return discrete(n - 1);
  if (virtual < 0) return discrete(0);
  const below = Math.floor(virtual);
  let gamma = virtual - below;
  if (method === "midpoint") gamma = gamma === 0 ? 0 : 0.5;
  return { below, above: below + 1, gamma };
}

/** `np.percentile(values, q, method=…)` for one q in [0, 100] (default method "linear"). */
export function percentile(values: NumberArray, q: number, method?: PercentileMethod): number;
/** `np.percentile(values, [q1, q2, ...], method=…)`. */
export function percentile(
  values: NumberArray,
  q: readonly number[],
  method?: PercentileMethod,
): number[];
export function percentile(
  values: NumberArray,
  q: number | readonly number[],
  method: PercentileMethod = "linear",
): number | number[] {
  const qs = typeof q === "number" ? [q] : q;
  for (const v of qs) checkQ(v);
  const n = values.length;
  if (n === 0) throw new RangeError("percentile: empty array");
  const plans = qs.map((p) => plan(n, p, method));
  const { a, hasNaN } = copyValues(values);
  let result: number[];
  if (hasNaN) result = qs.map(() => Number.NaN);
  else {
    // Select the needed order statistics from the largest index down, so each selection
    // only partitions the part left of the previous one.
    const needed = [...new Set(plans.flatMap((p) => [p.below, p.above]))];
    needed.sort((x, y) => y - x);
    const value = new Map<number, number>();
    let hi = n - 1;
    for (const k of needed) {
      selectInPlace(a, k, 0, hi);
      value.set(k, a[k]);
      hi = k - 1;
    }
    result = plans.map(({ below, above, gamma }) =>
      below === above ? value.get(below)! : lerp(value.get(below)!, value.get(above)!, gamma),
    );
  }
  return typeof q === "number" ? result[0] : result;
}

/**
 * `np.median(values)`: the middle order statistic, or for an even count the numpy mean of the
 * two middle ones ((a + b) / 2).
 */
export function median(values: NumberArray): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  const { a, hasNaN } = copyValues(values);
  if (hasNaN) return Number.NaN;
  const k = n >> 1;
  selectInPlace(a, k);
  if (n % 2 === 1) return a[k];
  return npSum([maxOf(a, 0, k - 1), a[k]]) / 2;
}
