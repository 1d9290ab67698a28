/**
 * Hot pixels of a bias (or dark) frame, and their correction (nima `hotpixels` and
 * `correct_hotpixel`, used by `bima bias`).
 */
import type { TypedArray } from "../array/dtype.js";
import { npSum } from "../kernels/stats/pairwise.js";
import { formatFloat } from "../table/python-repr.js";
import { maskWhere, type PlaneInput, planeData, planeShape } from "./calculate-bg.js";

export interface Hotpixel {
  y: number;
  x: number;
  val: number;
}

export interface HotpixelsOptions {
  /** Pixels above mean + nSd · sd are hot (default 20). */
  nSd?: number;
}

/**
 * Pixels above mean + nSd·sd, where mean and sd are recomputed without the pixels found so
 * far until their number stops changing. Rows come in raster order (np.where).
 *
 * The sums are numpy's: the masked mean/std of numpy.ma sum the array with masked values
 * filled by 0 and divide by the unmasked count.
 */
export function hotpixels(bias: PlaneInput, { nSd = 20 }: HotpixelsOptions = {}): Hotpixel[] {
  const [, nx] = planeShape(bias, "hotpixels");
  if (typeof nSd !== "number" || !Number.isFinite(nSd)) {
    throw new RangeError(`hotpixels: nSd must be a finite number, got ${nSd}`);
  }
  const data = planeData(bias);
  const none = new Uint8Array(data.length);
  const [ave, sd] = maskedMeanStd(data, none);
  let mask = above(data, ave + nSd * sd);
  let count = countOf(mask);
  for (;;) {
    const [mAve, mSd] = maskedMeanStd(data, mask);
    mask = above(data, mAve + nSd * mSd);
    const next = countOf(mask);
    if (next === count) break;
    count = next;
  }
  const rows: Hotpixel[] = [];
  for (let i = 0; i < mask.length; i++) {
    if (mask[i]) rows.push({ y: Math.floor(i / nx), x: i % nx, val: data[i] });
  }
  return rows;
}

/** The rows as `bima bias` writes them: `to_csv(index=False)`, columns y,x,val. */
export function hotpixelsToCsv(rows: readonly Hotpixel[], { floatValues = true } = {}): string {
  const lines = ["y,x,val"];
  for (const { y, x, val } of rows) {
    lines.push(`${y},${x},${floatValues ? formatFloat(val) : String(val)}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * A copy of `plane` with each pixel (y[i], x[i]) replaced by the median of its 4
 * neighbours (mean of the middle two), cast to the plane's dtype. As numpy indexing, a
 * neighbour at −1 wraps to the last row/column; one past the edge is an error.
 */
export function correctHotpixel(
  plane: PlaneInput,
  y: number | readonly number[],
  x: number | readonly number[],
): TypedArray {
  const [ny, nx] = planeShape(plane, "correctHotpixel");
  const ys = typeof y === "number" ? [y] : y;
  const xs = typeof x === "number" ? [x] : x;
  if (ys.length !== xs.length) {
    throw new RangeError(`correctHotpixel: y has ${ys.length} values but x has ${xs.length}`);
  }
  const src = planeData(plane);
  const out = src.slice();
  const at = (yy: number, xx: number): number => {
    if (
      !Number.isInteger(yy) ||
      !Number.isInteger(xx) ||
      yy >= ny ||
      xx >= nx ||
      yy < -ny ||
      xx < -nx
    ) {
      throw new RangeError(
        `correctHotpixel: neighbour (${yy}, ${xx}) is outside the ${ny}×${nx} plane`,
      );
    }
    return src[(yy < 0 ? yy + ny : yy) * nx + (xx < 0 ? xx + nx : xx)];
  };
  for (let i = 0; i < ys.length; i++) {
    const [yy, xx] = [ys[i], xs[i]];
    const around = [at(yy - 1, xx), at(yy + 1, xx), at(yy, xx - 1), at(yy, xx + 1)];
    around.sort((a, b) => a - b);
    const value = (around[1] + around[2]) / 2;
    out[(yy < 0 ? yy + ny : yy) * nx + (xx < 0 ? xx + nx : xx)] = value;
  }
  return out;
}

/** numpy.ma mean and std of `data` where `mask` is 0. */
function maskedMeanStd(data: TypedArray, mask: Uint8Array): [number, number] {
  const n = data.length;
  const filled = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) {
      filled[i] = data[i];
      count++;
    }
  }
  const mu = npSum(filled) / count;
  for (let i = 0; i < n; i++) {
    const d = mask[i] ? 0 : data[i] - mu;
    filled[i] = d * d;
  }
  return [mu, Math.sqrt(npSum(filled) / count)];
}

function above(data: TypedArray, limit: number): Uint8Array {
  return maskWhere(data, (v) => v > limit);
}

function countOf(mask: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) n += mask[i];
  return n;
}
