/**
 * `skimage.filters.threshold_li` (Li's iterative minimum cross entropy) with scikit-image
 * 0.26 semantics:
 *  - NaNs are dropped; an empty image gives NaN; a constant image returns its value; then
 *    infinities are dropped (none left: 0) and the minimum is subtracted;
 *  - tolerance defaults to 0.5 for integer images, else half the smallest gap between
 *    distinct values; the first guess is the mean (or `initialGuess`, a number in the image
 *    range cast to the image dtype, or a function of the shifted values);
 *  - t ← (mb − mf)/(ln mb − ln mf) until |Δt| ≤ tolerance, where integer images iterate on a
 *    one-bin-per-value histogram (np.average of the centres) and float images on the pixels
 *    (np.mean); the loop stops early when the background mean is 0 (0.26's fix of log(0)).
 * Means are numpy's pairwise sums and logs numpy's own (stats/npmath), so the result is
 * numpy's bit for bit on float64 and integer images. Float32 images are computed in float64.
 * Speed without changing a bit: integer images are histogrammed straight from the typed array
 * (8- and 16-bit ones in the pass that finds their range; their mean is an exact integer
 * sum), float pixels are gathered per iteration into preallocated buffers in image order
 * (so numpy's pairwise sums are unchanged), and the tolerance's smallest gap avoids a
 * comparison sort (smallest-gap.ts).
 */
import type { TypedArray } from "../../array/dtype.js";
import { isIntegerArray } from "../stats/histogram.js";
import { npLog } from "../stats/npmath.js";
import { npSum } from "../stats/pairwise.js";
import { type IntegerHistogram, smallIntegerHistogram } from "./histogram-input.js";
import { smallestGap } from "./smallest-gap.js";

export interface ThresholdLiOptions {
  /** Stop when the threshold moves by at most this (0 or absent: the default). */
  tolerance?: number;
  /** A starting threshold within the image range, or a function of the shifted values. */
  initialGuess?: number | ((values: Float64Array) => number);
}

/** Casts a number like `dtype.type(value)` for the integer dtypes. */
export function castToDtype(image: TypedArray, value: number): number {
  if (image instanceof Float64Array || image instanceof Float32Array) {
    return image instanceof Float32Array ? Math.fround(value) : value;
  }
  const one = new (image.constructor as new (n: number) => TypedArray)(1);
  one[0] = Math.trunc(value);
  return one[0];
}

export function thresholdLi(image: TypedArray, options: ThresholdLiOptions = {}): number {
  const integer = isIntegerArray(image);
  const small = smallIntegerHistogram(image);
  const scan = small ? scanOfHistogram(image, small) : scanImage(image);
  // numpy: drop NaNs (empty → NaN); a constant image (infinities too) returns its value;
  // then drop infinities (none left → 0).
  if (scan.count === 0) return Number.NaN;
  if (scan.constant) return scan.first;
  if (scan.finite === 0) return 0;
  const { finite: n, finiteMin: imageMin, finiteMax: imageMax } = scan;
  const shiftedMax = imageMax - imageMin;
  // The shifted finite values, in image order; integer images only need them for a guess
  // function or a sum too large to be exact.
  const needValues =
    !integer || typeof options.initialGuess === "function" || n * shiftedMax > 2 ** 53;
  const values = needValues ? shiftedFinite(image, n, imageMin) : new Float64Array(0);

  let tolerance = options.tolerance || 0; // numpy: `tolerance or default`
  if (!tolerance) tolerance = integer ? 0.5 : smallestGap(values) / 2;

  const hist = !integer
    ? new Float64Array(0)
    : (small?.counts ?? integerHistogram(image, imageMin, shiftedMax + 1));
  let tNext: number;
  const guess = options.initialGuess;
  if (guess === undefined) {
    // Integer sums below 2**53 are exact in any order, so equal to numpy's pairwise sum.
    tNext = (needValues ? npSum(values) : exactWeightedSum(hist)) / n;
  } else if (typeof guess === "function") tNext = guess(values);
  else if (typeof guess === "number") {
    tNext = guess - imageMin;
    if (!(tNext > 0 && tNext < shiftedMax)) {
      throw new RangeError(
        `threshold_li: the initial guess must be within the range of the image. Got ${guess} ` +
          `for image min ${imageMin} and max ${imageMax}.`,
      );
    }
    tNext = castToDtype(image, tNext);
  } else {
    throw new TypeError("threshold_li: initialGuess must be a number or a function");
  }

  const t = integer
    ? iterateOnHistogram(hist, tNext, tolerance)
    : iterateOnPixels(values, tNext, tolerance);
  return t + imageMin;
}

interface ImageScan {
  /** Non-NaN values, and the first of them. */
  count: number;
  first: number;
  /** Every non-NaN value equals the first (±0 and infinities included, as numpy's ==). */
  constant: boolean;
  finite: number;
  finiteMin: number;
  finiteMax: number;
}

/**
 * One branch-free min/max pass when the image has neither NaN (Math.min propagates it) nor
 * infinities; otherwise the full scan. The full scan keeps the first of equal extremes, which
 * only shows for zeros (Math.min prefers −0), so a zero extreme takes the first zero's sign.
 */
function scanImage(image: TypedArray): ImageScan {
  const n = image.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const v = image[i];
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!(Number.isFinite(lo) && Number.isFinite(hi))) return scanSlowly(image);
  if (lo === 0 || hi === 0) {
    const zero = firstZero(image);
    if (lo === 0) lo = zero;
    if (hi === 0) hi = zero;
  }
  return {
    count: n,
    first: image[0],
    constant: lo === hi,
    finite: n,
    finiteMin: lo,
    finiteMax: hi,
  };
}

function firstZero(image: TypedArray): number {
  for (let i = 0; i < image.length; i++) if (image[i] === 0) return image[i];
  return 0;
}

function scanSlowly(image: TypedArray): ImageScan {
  let count = 0;
  let first = Number.NaN;
  let constant = true;
  let finite = 0;
  let finiteMin = Number.POSITIVE_INFINITY;
  let finiteMax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < image.length; i++) {
    const v = image[i];
    if (v !== v) continue;
    if (count === 0) first = v;
    else if (v !== first) constant = false;
    count++;
    if (v - v === 0) {
      finite++;
      if (v < finiteMin) finiteMin = v;
      if (v > finiteMax) finiteMax = v;
    }
  }
  return { count, first, constant, finite, finiteMin, finiteMax };
}

/** The scan of an 8- or 16-bit image, read off its histogram (no NaN or infinity there). */
function scanOfHistogram(image: TypedArray, { min, max }: IntegerHistogram): ImageScan {
  const n = image.length;
  return {
    count: n,
    first: image[0],
    constant: min === max,
    finite: n,
    finiteMin: min,
    finiteMax: max,
  };
}

/** The finite values minus the minimum, in float64 (numpy's `image -= image_min`). */
function shiftedFinite(image: TypedArray, n: number, imageMin: number): Float64Array {
  const values = new Float64Array(n);
  if (n === image.length) {
    for (let i = 0; i < n; i++) values[i] = image[i] - imageMin;
    return values;
  }
  let k = 0;
  for (let i = 0; i < image.length; i++) {
    const v = image[i];
    if (v - v === 0) values[k++] = v - imageMin;
  }
  return values;
}

/** One bin per integer value from the minimum (skimage's histogram, source_range='image'). */
function integerHistogram(image: TypedArray, imageMin: number, bins: number): Float64Array {
  const hist = new Float64Array(bins);
  for (let i = 0; i < image.length; i++) hist[image[i] - imageMin] += 1;
  return hist;
}

/** Σ i·hist[i], exact while the total stays below 2**53. */
export function exactWeightedSum(hist: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < hist.length; i++) sum += i * hist[i];
  return sum;
}

/** Integer images: np.average of the bin centres (0..bins−1) weighted by the counts. */
export function iterateOnHistogram(hist: Float64Array, tNext: number, tolerance: number): number {
  const bins = hist.length;
  const products = new Float64Array(bins);
  let tCurr = -2 * tolerance;
  while (Math.abs(tNext - tCurr) > tolerance) {
    tCurr = tNext;
    const split = Math.min(bins, Math.floor(tCurr) + 1); // first centre > tCurr
    if (!(tCurr >= 0)) throw new RangeError("threshold_li: threshold left the image range");
    const meanFore = weightedMean(hist, split, bins, products);
    const meanBack = weightedMean(hist, 0, split, products);
    if (meanBack === 0) break;
    tNext = (meanBack - meanFore) / (npLog(meanBack) - npLog(meanFore));
  }
  return tNext;
}

/** np.average(centers[lo:hi], weights=hist[lo:hi]) with pairwise sums (centres = indices). */
function weightedMean(hist: Float64Array, lo: number, hi: number, products: Float64Array): number {
  for (let i = lo; i < hi; i++) products[i - lo] = i * hist[i];
  const weight = npSum(hist, lo, hi - lo);
  if (weight === 0) throw new RangeError("threshold_li: weights sum to zero, can't be normalized");
  return npSum(products, 0, hi - lo) / weight;
}

/**
 * Float images: np.mean(image[image > t]) and of the rest. Each selection is gathered in
 * image order into its own preallocated buffer, as numpy's boolean indexing copies it.
 * (Plain functions, not closures: V8 optimises these loops once, not per call.)
 */
function iterateOnPixels(values: Float64Array, tNext: number, tolerance: number): number {
  const n = values.length;
  const fore = new Float64Array(n);
  const back = new Float64Array(n);
  let tCurr = -2 * tolerance;
  while (Math.abs(tNext - tCurr) > tolerance) {
    tCurr = tNext;
    let nFore = 0;
    let nBack = 0;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (v > tCurr) fore[nFore++] = v;
      else back[nBack++] = v;
    }
    const meanFore = npSum(fore, 0, nFore) / nFore;
    const meanBack = npSum(back, 0, nBack) / nBack;
    if (meanBack === 0) break;
    tNext = (meanBack - meanFore) / (npLog(meanBack) - npLog(meanFore));
  }
  return tNext;
}
