/**
 * The few numpy/Python numbers bima prints and plots: np.percentile (linear) and np.histogram
 * on equal bins from core's public `stats`, Python's round() (half to even) and
 * sigfig.round(value, uncertainty).
 */
import { stats } from "@nima-ts/core";

/** numpy.percentile(values, q) with the default 'linear' method; NaN for no values. */
export function percentile(values: ArrayLike<number>, q: number): number {
  return values.length === 0 ? Number.NaN : stats.percentile(values, q);
}

/** Python 3 round(x): to the nearest integer, ties to even. */
export function pyRound(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** np.histogram(values, bins) over [min, max] (the last bin includes max). */
export function histogram(
  values: ArrayLike<number>,
  bins: number,
): { counts: Float64Array; edges: Float64Array } {
  return stats.histogram(values, { bins });
}

/**
 * sigfig.round(value, uncertainty): the uncertainty to one significant figure and the value
 * to the same decimal place, as "value ± uncertainty".
 */
export function roundWithUncertainty(value: number, uncertainty: number): string {
  if (!(uncertainty > 0) || !Number.isFinite(uncertainty) || !Number.isFinite(value)) {
    return `${value} ± ${uncertainty}`;
  }
  let exponent = Math.floor(Math.log10(uncertainty));
  let digit = Math.round(uncertainty / 10 ** exponent);
  if (digit === 10) {
    exponent += 1;
    digit = 1;
  }
  const decimals = Math.max(0, -exponent);
  const unit = 10 ** exponent;
  const rounded = (x: number) => (Math.round(x / unit) * unit).toFixed(decimals);
  return `${rounded(value)} ± ${(digit * unit).toFixed(decimals)}`;
}
