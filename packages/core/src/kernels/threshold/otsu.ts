/**
 * `skimage.filters.threshold_otsu(image, nbins=256)` (scikit-image 0.26): maximise the
 * between-class variance over the image histogram. The arithmetic follows numpy's types:
 * float32 counts and cumulative weights, float64 class means (float32 for float32 images).
 */
import type { TypedArray } from "../../array/dtype.js";
import { argmax, type ThresholdHistogram, thresholdHistogram } from "./histogram-input.js";

export function thresholdOtsu(image: TypedArray, { nbins = 256 } = {}): number {
  if (image.length === 0) throw new RangeError("threshold_otsu: empty image");
  const first = image[0];
  let constant = true;
  for (let i = 1; i < image.length; i++) {
    if (image[i] !== first) {
      constant = false;
      break;
    }
  }
  if (constant) return first;
  return otsuOfHistogram(thresholdHistogram(image, nbins, "threshold_otsu"));
}

/**
 * Otsu's threshold from an image histogram (skimage's `hist=` argument): what a tiled plane
 * uses, its histogram counted tile by tile.
 */
export function otsuOfHistogram({ counts, centers, float32 }: ThresholdHistogram): number {
  const f = Math.fround;
  const r = float32 ? f : (v: number) => v;
  const k = counts.length;
  const weight1 = new Float64Array(k);
  const weight2 = new Float64Array(k);
  const mean1 = new Float64Array(k);
  const mean2 = new Float64Array(k);
  let w = 0;
  let s = 0;
  for (let i = 0; i < k; i++) {
    w = f(w + counts[i]);
    s = r(s + r(counts[i] * centers[i]));
    weight1[i] = w;
    mean1[i] = r(s / w);
  }
  w = 0;
  s = 0;
  for (let i = k - 1; i >= 0; i--) {
    w = f(w + counts[i]);
    s = r(s + r(counts[i] * centers[i]));
    weight2[i] = w;
    mean2[i] = r(s / w);
  }
  const variance = new Float64Array(k - 1);
  for (let i = 0; i < k - 1; i++) {
    const d = r(mean1[i] - mean2[i + 1]);
    variance[i] = r(f(weight1[i] * weight2[i + 1]) * r(d * d));
  }
  return centers[argmax(variance)];
}
