/**
 * Histograms as numpy and scikit-image compute them: `np.histogram` with equal bins (its
 * float computation of the bin index, corrected against the edges, last bin closed) and
 * `skimage.exposure.histogram` (one bin per integer for integer images, else np.histogram
 * with bin centres). Float32 data keeps numpy's float32 arithmetic (edges and indices).
 */
import type { TypedArray } from "../../array/dtype.js";
import type { NumberArray } from "./pairwise.js";

export interface HistogramOptions {
  /** Number of equal-width bins (numpy's `bins=int`); default 10. */
  nbins?: number;
  /** Alias of nbins, numpy's name. */
  bins?: number;
  /** [min, max] of the bins; default the data's own min and max. */
  range?: readonly [number, number];
  /**
   * The data's own min and max when already known (a tiled plane's min/max pass): binned
   * exactly as the autodetected range, not as an explicit `range` (they differ for float32).
   */
  dataRange?: readonly [number, number];
}

export interface Histogram {
  /** Counts per bin (exact integers, held in a Float64Array). */
  counts: Float64Array;
  /** The bins + 1 edges. */
  edges: Float64Array;
}

/** True for integer typed arrays (numpy integer dtypes). */
export function isIntegerArray(values: NumberArray): boolean {
  return (
    values instanceof Uint8Array ||
    values instanceof Uint8ClampedArray ||
    values instanceof Uint16Array ||
    values instanceof Int32Array ||
    values instanceof Int16Array ||
    values instanceof Int8Array ||
    values instanceof Uint32Array
  );
}

/** Minimum and maximum, NaN if any value is NaN (numpy's min/max propagate NaN). */
export function minMax(values: NumberArray): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v !== v) return [Number.NaN, Number.NaN];
  }
  return [lo, hi];
}

/**
 * Minimum and maximum of the finite values (NaN and ±inf skipped), or undefined when there
 * is none: the range a display or a figure scales to.
 */
export function finiteRange(values: NumberArray): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < lo && v !== Number.NEGATIVE_INFINITY) lo = v;
    if (v > hi && v !== Number.POSITIVE_INFINITY) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** np.linspace(start, stop, num) with endpoint=True, in float64. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const out = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  for (let i = 0; i < num; i++) {
    // numpy: y = arange(num) * step + start, or (y / div) * delta when the step underflows
    out[i] = step === 0 ? (i / div) * delta + start : i * step + start;
  }
  if (num > 1) out[num - 1] = stop;
  return out;
}

/**
 * `np.histogram(values, bins, range)` for equal-width bins. Float32 data is binned the way
 * numpy 1.24 does it: float64 linspace edges rounded to float32, and the index computed in
 * float32 from `(v - first) * norm`.
 */
export function histogram(values: NumberArray, options: HistogramOptions = {}): Histogram {
  const bins = options.nbins ?? options.bins ?? 10;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`histogram: bins must be a positive integer, got ${bins}`);
  }
  const float32 = values instanceof Float32Array;
  const r = float32 ? Math.fround : (v: number) => v;
  let first: number;
  let last: number;
  if (options.range) {
    [first, last] = options.range;
    if (first > last) {
      throw new RangeError("histogram: max must be larger than min in range parameter");
    }
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new RangeError(`histogram: supplied range of [${first}, ${last}] is not finite`);
    }
  } else if (values.length === 0 && !options.dataRange) {
    first = 0;
    last = 1;
  } else {
    [first, last] = options.dataRange ?? minMax(values);
    if (!Number.isFinite(first) || !Number.isFinite(last)) {
      throw new RangeError(`histogram: autodetected range of [${first}, ${last}] is not finite`);
    }
  }
  if (first === last) {
    first -= 0.5;
    last += 0.5;
  }
  const edges = linspace(first, last, bins + 1);
  if (float32) for (let i = 0; i <= bins; i++) edges[i] = r(edges[i]);
  // With a data-derived range numpy subtracts the float32 extremes in float32.
  const width = float32 && !options.range ? r(last - first) : last - first;
  const norm = r(bins / width);
  const lo = r(first);
  const hi = r(last);
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) continue; // also drops NaN
    let index = Math.trunc(r(r(v - lo) * norm));
    if (index === bins) index -= 1;
    if (v < edges[index]) index -= 1;
    else if (index !== bins - 1 && v >= edges[index + 1]) index += 1;
    counts[index] += 1;
  }
  return { counts, edges };
}

export interface ImageHistogram {
  counts: Float64Array;
  /** Bin centres: integers for integer images, edge midpoints otherwise. */
  centers: Float64Array;
}

/** Largest integer range accepted for the one-bin-per-value histogram of integer images. */
const MAX_INTEGER_BINS = 2 ** 26;

/**
 * `skimage.exposure.histogram(image, nbins, source_range='image')`: integer images get one
 * bin per value from min to max (nbins ignored); float images get `np.histogram(image, nbins)`
 * with bin centres `(edges[:-1] + edges[1:]) / 2`.
 */
export function imageHistogram(
  image: TypedArray | NumberArray,
  {
    nbins = 256,
    normalize = false,
    dataRange,
  }: { nbins?: number; normalize?: boolean; dataRange?: readonly [number, number] } = {},
): ImageHistogram {
  let result: ImageHistogram;
  if (isIntegerArray(image)) {
    const [lo, hi] = minMax(image);
    if (image.length === 0) throw new RangeError("histogram: empty integer image");
    const size = hi - lo + 1;
    if (size > MAX_INTEGER_BINS) {
      throw new RangeError(`histogram: integer range ${lo}..${hi} needs too many bins (${size})`);
    }
    const counts = new Float64Array(size);
    for (let i = 0; i < image.length; i++) counts[image[i] - lo] += 1;
    const centers = new Float64Array(size);
    for (let i = 0; i < size; i++) centers[i] = lo + i;
    result = { counts, centers };
  } else {
    const { counts, edges } = histogram(image, { bins: nbins, dataRange });
    const r = image instanceof Float32Array ? Math.fround : (v: number) => v;
    const centers = new Float64Array(nbins);
    for (let i = 0; i < nbins; i++) centers[i] = r(edges[i] + edges[i + 1]) / 2;
    result = { counts, centers };
  }
  if (normalize) {
    let total = 0;
    for (const c of result.counts) total += c;
    for (let i = 0; i < result.counts.length; i++) result.counts[i] /= total;
  }
  return result;
}
