/**
 * nima's `segmentation.calculate_bg` on one YX plane: a background mask by the chosen
 * method (calculate-bg-kinds.ts), then the statistics of the masked pixels — numpy's
 * `percentile(.., [25, 50, 75])` (linear) and scipy's `norm.fit` (mean and population sd).
 */
import type { TypedArray } from "../array/dtype.js";
import { normFit } from "../kernels/stats/normfit.js";
import { percentile } from "../kernels/stats/percentile.js";
import { formatFloat } from "../table/python-repr.js";
import {
  BgParams,
  type BgParamsInit,
  type BgParamsJson,
  checkBgParams,
  defaultAdaptiveRadius,
} from "./bg-params.js";
import { type BgFigure, bgFigure } from "./calculate-bg-figures.js";
import { BG_MASKS, type BgLim, type ResolvedBgParams } from "./calculate-bg-kinds.js";

/** A YX plane: row-major values and their shape [Y, X] (leading sizes of 1 allowed). */
/** One YX plane: a block `{data, shape}` or a computed DataArray (its `values`). */
export type PlaneInput =
  | { data: TypedArray; shape: readonly number[] }
  | { values: TypedArray; shape: readonly number[] };

export function planeData(plane: PlaneInput): TypedArray {
  return "data" in plane ? plane.data : plane.values;
}

export interface BgResult {
  /** norm.fit mean of the background pixels. */
  bg: number;
  /** norm.fit (population) standard deviation of the background pixels. */
  sd: number;
  /** 25th, 50th and 75th percentiles; nima.bg subtracts the median, iqr[1]. */
  iqr: [number, number, number];
  /** The background mask (1 = background), row-major like the plane. */
  mask: Uint8Array;
  /** Number of background pixels. */
  maskCount: number;
  /** The block size used by adaptive / li_adaptive (resolved even for other kinds). */
  adaptiveRadius: number;
  /** nima's figure title: method line, then the iqr tuple. */
  title: string;
  /** arcsinh / entropy: the image thresholded and its threshold. */
  lim?: BgLim;
  /** Plain figure data (only with `{ figures: true }`). */
  figures?: BgFigure;
}

export interface CalculateBgOptions {
  /** Also build the figure data (mask histogram, lim sweep); default false. */
  figures?: boolean;
}

/** [ny, nx] of a plane, checking its size. */
export function planeShape(plane: PlaneInput, fn: string): [number, number] {
  const { shape } = plane;
  const data = planeData(plane);
  if (shape.length < 2 || shape.slice(0, -2).some((s) => s !== 1)) {
    throw new RangeError(`${fn}: needs one YX plane, got shape [${shape.join(", ")}]`);
  }
  const ny = shape[shape.length - 2];
  const nx = shape[shape.length - 1];
  if (data.length !== ny * nx) {
    throw new RangeError(`${fn}: a ${ny}×${nx} plane needs ${ny * nx} values, got ${data.length}`);
  }
  if (ny === 0 || nx === 0) throw new RangeError(`${fn}: the plane is empty (${ny}×${nx})`);
  return [ny, nx];
}

/**
 * Background of one plane (nima `calculate_bg`). `params` defaults to `new BgParams()`
 * (kind "arcsinh"). As in nima, a BgParams without adaptiveRadius gets int(X / 2) made odd
 * written into it, so later planes reuse it.
 */
export function calculateBg(
  plane: PlaneInput,
  params?: BgParams | BgParamsInit,
  options: CalculateBgOptions = {},
): BgResult {
  const [ny, nx] = planeShape(plane, "calculateBg");
  const p = BgParams.from(params);
  checkBgParams(p);
  p.resolveAdaptiveRadius(nx);
  return calculateBgResolved(planeData(plane), ny, nx, p.toJSON() as ResolvedBgParams, options);
}

/** calculateBg on raw arguments with validated, resolved parameters (the kernels' entry). */
export function calculateBgResolved(
  data: TypedArray,
  ny: number,
  nx: number,
  params: BgParamsJson,
  options: CalculateBgOptions = {},
): BgResult {
  checkBgParams(params);
  const resolved: ResolvedBgParams = {
    ...params,
    adaptiveRadius: params.adaptiveRadius ?? defaultAdaptiveRadius(nx),
  };
  const { mask, title: method, lim } = BG_MASKS[resolved.kind](data, ny, nx, resolved);
  const values = maskedValues(data, mask);
  if (values.length === 0) {
    throw new RangeError(
      `calculateBg: the ${resolved.kind} mask selects no background pixel; no background to estimate`,
    );
  }
  const [q25, q50, q75] = percentile(values, [25, 50, 75]);
  const iqr: [number, number, number] = [q25, q50, q75];
  // scipy's norm.fit refuses non-finite data ("The data contains non-finite values.").
  const { loc: bg, scale: sd } = normFit(values);
  const title = `${method}\n(${iqr.map(formatFloat).join(", ")})`;
  const result: BgResult = {
    bg,
    sd,
    iqr,
    mask,
    maskCount: values.length,
    adaptiveRadius: resolved.adaptiveRadius,
    title,
  };
  if (lim) result.lim = lim;
  if (options.figures) result.figures = bgFigure(data, ny, nx, mask, title, lim);
  return result;
}

/** A 0/1 mask of `values` where `keep` holds (a plain loop: typed-array `from` with a
 * mapping function is several times slower in V8). */
export function maskWhere(values: ArrayLike<number>, keep: (v: number) => boolean): Uint8Array {
  const mask = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) mask[i] = keep(values[i]) ? 1 : 0;
  return mask;
}

/** `im[m]`: the pixels under the mask, in the plane's dtype. */
export function maskedValues(data: TypedArray, mask: Uint8Array): TypedArray {
  let count = 0;
  for (let i = 0; i < mask.length; i++) count += mask[i];
  const out = new (data.constructor as new (n: number) => TypedArray)(count);
  let k = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i]) out[k++] = data[i];
  return out;
}
