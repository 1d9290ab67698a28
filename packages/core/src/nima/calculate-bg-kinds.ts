/**
 * The six background masks of nima 0.11.9 (`segmentation._bg_<kind>`), on one YX plane.
 * Each returns the boolean mask `m` of pixels taken as background (1 = background), the
 * title nima puts on its figure and, for arcsinh and entropy, the `lim` image thresholded.
 *
 * numpy 1.24 types are kept where they decide a comparison: `np.arcsinh` of uint16 is
 * float32 and `lim < thr` then compares in float32 (the float64 threshold is rounded to
 * float32, legacy value-based casting); integer images compare with float thresholds in
 * float64; float32 images in float32.
 */

import type { TypedArray } from "../array/dtype.js";
import { imgAsUbyte } from "../kernels/filters/convert.js";
import { entropy } from "../kernels/filters/entropy.js";
import { diskFootprint } from "../kernels/footprint.js";
import { percentileFilter } from "../kernels/rank/rank-filter.js";
import { binaryErosion } from "../kernels/segmentation/morphology.js";
import { arcsinh, roundToFloat16 } from "../kernels/stats/arcsinh.js";
import { thresholdLi } from "../kernels/threshold/li.js";
import { thresholdLocal } from "../kernels/threshold/local.js";
import { thresholdYen } from "../kernels/threshold/yen.js";
import { formatFloat } from "../table/python-repr.js";
import type { BgKind, BgParamsJson } from "./bg-params.js";

/** BgParams with the adaptive radius resolved. */
export type ResolvedBgParams = BgParamsJson & { adaptiveRadius: number };

/** The `lim` image of arcsinh / entropy and the threshold applied to it. */
export interface BgLim {
  /** float32 for arcsinh of integer planes (numpy's type), float64 otherwise. */
  image: Float32Array | Float64Array;
  min: number;
  max: number;
  /** (1 − perc)·min + perc·max, in float64; `mask = lim < threshold`. */
  threshold: number;
}

export interface BgMask {
  mask: Uint8Array;
  title: string;
  lim?: BgLim;
}

type MaskFn = (data: TypedArray, ny: number, nx: number, p: ResolvedBgParams) => BgMask;

export const BG_MASKS: Record<BgKind, MaskFn> = {
  arcsinh: arcsinhMask,
  entropy: entropyMask,
  adaptive: adaptiveMask,
  li_adaptive: liAdaptiveMask,
  li_li: liLiMask,
  inverse_yen: inverseYenMask,
};

/** The value a numpy comparison of `data` with a float scalar actually uses. */
export function comparable(data: TypedArray, value: number): number {
  return data instanceof Float32Array ? Math.fround(value) : value;
}

function arcsinhMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): BgMask {
  const perc = p.perc / 100;
  // np.arcsinh keeps numpy's result type (uint16 → float32, uint8 → float16 held in float32).
  const asinh = arcsinh(data);
  const image = percentileFilter(asinh, ny, nx, {
    size: p.radius,
    percentile: p.arcsinhPerc,
  }) as Float32Array | Float64Array;
  const [min, max] = extremes(image);
  // Python float × np.float32 scalar is float64 in numpy 1.24.
  const threshold = (1 - perc) * min + perc * max;
  const limit = arcsinhLimit(data, image, threshold);
  const mask = new Uint8Array(image.length);
  for (let i = 0; i < image.length; i++) mask[i] = image[i] < limit ? 1 : 0;
  return { mask, title: bgTitle(p), lim: { image, min, max, threshold } };
}

/** `lim < thr` runs in lim's dtype: float32, or float16 for uint8 planes. */
export function arcsinhLimit(data: TypedArray, lim: TypedArray, threshold: number): number {
  return lim instanceof Float64Array
    ? threshold
    : data instanceof Uint8Array
      ? roundToFloat16(threshold)
      : Math.fround(threshold);
}

/** nima's figure title line of each method. */
export function bgTitle(p: ResolvedBgParams): string {
  const perc = formatFloat(p.perc / 100);
  switch (p.kind) {
    case "arcsinh":
      return `${p.kind} radius=${p.radius}, perc=${perc}, arcsinh_perc=${p.arcsinhPerc}`;
    case "entropy":
      return `${p.kind} radius=${p.radius}, perc=${perc}`;
    case "adaptive":
    case "li_adaptive":
      return `${p.kind} adaptive_radius=${p.adaptiveRadius}`;
    default:
      return `${p.kind} `;
  }
}

function entropyMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): BgMask {
  const perc = p.perc / 100;
  // img_as_ubyte raises "Images of type float must be between -1 and 1." for other floats.
  let im8 = imgAsUbyte(data);
  if (data instanceof Float64Array) {
    // nima: entropy(im8 / im8.max()), a float image that rank.entropy turns back to uint8.
    let peak = 0;
    for (let i = 0; i < im8.length; i++) if (im8[i] > peak) peak = im8[i];
    im8 = imgAsUbyte(Float64Array.from(im8, (v) => v / peak));
  }
  const image = entropy(im8, ny, nx, p.radius);
  const [min, max] = extremes(image);
  const threshold = (1 - perc) * min + perc * max;
  const mask = new Uint8Array(image.length);
  for (let i = 0; i < image.length; i++) mask[i] = image[i] < threshold ? 1 : 0;
  return { mask, title: bgTitle(p), lim: { image, min, max, threshold } };
}

function adaptiveMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): BgMask {
  const local = thresholdLocal(data, ny, nx, { blockSize: p.adaptiveRadius });
  const mask = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) mask[i] = data[i] > local[i] ? 0 : 1;
  return { mask, title: bgTitle(p) };
}

function liAdaptiveMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): BgMask {
  const li = liMask(data, ny, nx, p);
  let imm = masked(data, li);
  if (p.clip) imm = clipBelow(imm, minOf(data));
  const local = thresholdLocal(imm, ny, nx, { blockSize: p.adaptiveRadius });
  // m = ~(imm > local) * m
  for (let i = 0; i < li.length; i++) if (imm[i] > local[i]) li[i] = 0;
  return { mask: li, title: bgTitle(p) };
}

function liLiMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): BgMask {
  const li = liMask(data, ny, nx, p);
  // The Li mask zeroes the foreground; clipping to the image minimum keeps those zeros from
  // dragging the second threshold down (nima's comment).
  const second = thresholdLi(clipBelow(masked(data, li), minOf(data)));
  const limit = comparable(data, second);
  const mask = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) mask[i] = data[i] < limit ? 1 : 0;
  return { mask, title: bgTitle(p) };
}

function inverseYenMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): BgMask {
  // 1 / im: float64 for integer and float64 planes (inf where 0), float32 for float32.
  const inverse =
    data instanceof Float32Array ? new Float32Array(data.length) : new Float64Array(data.length);
  for (let i = 0; i < data.length; i++) inverse[i] = 1 / data[i];
  const local = thresholdLocal(inverse, ny, nx, { blockSize: 3 });
  const limit = comparable(local, thresholdYen(local));
  const mask = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) mask[i] = local[i] > limit ? 1 : 0;
  return { mask, title: bgTitle(p) };
}

/** `im < threshold_li(im)`, eroded by disk(erosionDisk) when set (skimage binary_erosion). */
function liMask(data: TypedArray, ny: number, nx: number, p: ResolvedBgParams): Uint8Array {
  const limit = comparable(data, thresholdLi(data));
  let mask: Uint8Array = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) mask[i] = data[i] < limit ? 1 : 0;
  if (p.erosionDisk > 0) {
    const footprint = diskFootprint(p.erosionDisk);
    mask = binaryErosion(mask, ny, nx, { footprint });
  }
  return mask;
}

/** `im * m` in im's dtype. */
function masked(data: TypedArray, mask: Uint8Array): TypedArray {
  const out = new (data.constructor as new (n: number) => TypedArray)(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i] * mask[i];
  return out;
}

/** `np.clip(a, lo, None)` in place (NaN stays NaN). */
function clipBelow(a: TypedArray, lo: number): TypedArray {
  for (let i = 0; i < a.length; i++) if (a[i] < lo) a[i] = lo;
  return a;
}

/** np.min (NaN if any value is NaN). */
function minOf(data: TypedArray): number {
  let lo = Number.POSITIVE_INFINITY;
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (v !== v) return Number.NaN;
    if (v < lo) lo = v;
  }
  return lo;
}

/** [np.min, np.max], NaN if any value is NaN. */
function extremes(image: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < image.length; i++) {
    const v = image[i];
    if (v !== v) return [Number.NaN, Number.NaN];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
