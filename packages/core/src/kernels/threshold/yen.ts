/**
 * `skimage.filters.threshold_yen(image, nbins=256)` as scikit-image 0.26 computes it: the
 * whole criterion in float32 —
 *   pmf = counts / Σcounts, P1 = cumsum(pmf), P1² = cumsum(pmf²), P2² = reverse cumsum(pmf²),
 *   crit = log((P1²[:-1]·P2²[1:])⁻¹ · (P1[:-1]·(1 − P1[:-1]))²)
 * with numpy's float32 log (stats/npmath), returning the bin centre of the first maximum (the
 * log is only taken near the largest argument: argmaxOfLog).
 * Integer images use one bin per integer value (nbins ignored).
 */
import type { TypedArray } from "../../array/dtype.js";
import { npLogF32 } from "../stats/npmath.js";
import { npSumF32 } from "../stats/pairwise.js";
import { argmax, type ThresholdHistogram, thresholdHistogram } from "./histogram-input.js";

export function thresholdYen(image: TypedArray, { nbins = 256 } = {}): number {
  return yenOfHistogram(thresholdHistogram(image, nbins, "threshold_yen"));
}

/** Yen's threshold from an image histogram (skimage's `hist=`; tiled planes use it). */
export function yenOfHistogram({ counts, centers }: ThresholdHistogram): number {
  if (centers.length === 1) return centers[0];
  const f = Math.fround;
  const k = counts.length;
  const total = npSumF32(counts);
  const pmf = new Float32Array(k);
  for (let i = 0; i < k; i++) pmf[i] = counts[i] / total;
  const p1 = new Float32Array(k);
  const p1Sq = new Float32Array(k);
  const p2Sq = new Float32Array(k);
  let c = 0;
  let cSq = 0;
  for (let i = 0; i < k; i++) {
    c = f(c + pmf[i]);
    cSq = f(cSq + f(pmf[i] * pmf[i]));
    p1[i] = c;
    p1Sq[i] = cSq;
  }
  cSq = 0;
  for (let i = k - 1; i >= 0; i--) {
    cSq = f(cSq + f(pmf[i] * pmf[i]));
    p2Sq[i] = cSq;
  }
  const beforeLog = new Float32Array(k - 1);
  for (let i = 0; i < k - 1; i++) {
    const inverse = f(1 / f(p1Sq[i] * p2Sq[i + 1]));
    const b = f(p1[i] * f(1 - p1[i]));
    beforeLog[i] = f(inverse * f(b * b));
  }
  return centers[argmaxOfLog(beforeLog)];
}

/** Values more than this fraction below the largest can't have the largest float32 log. */
const LOG_CANDIDATE_MARGIN = 2 ** -6;

/**
 * np.argmax(np.log(x)) for float32 x, taking numpy's float32 log (a few ulps from the true
 * one, at most ~1e-5 absolute) only near the largest x: an x below xmax·(1 − 2⁻⁶) has a true
 * log at least 0.015 smaller, so its computed log can't tie or win. A NaN or negative x
 * (log NaN, which argmax returns first) takes the full evaluation.
 */
export function argmaxOfLog(x: Float32Array): number {
  let xmax = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (!(v >= 0)) return argmax(Float32Array.from(x, (u) => npLogF32(u)));
    if (v > xmax) xmax = v;
  }
  const floor = xmax * (1 - LOG_CANDIDATE_MARGIN);
  let best = 0;
  let bestLog = Number.NaN;
  for (let i = 0; i < x.length; i++) {
    if (!(x[i] >= floor)) continue;
    const log = npLogF32(x[i]);
    if (bestLog !== bestLog || log > bestLog) {
      best = i;
      bestLog = log;
    }
  }
  return best;
}
