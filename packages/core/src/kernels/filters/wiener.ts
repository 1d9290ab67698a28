/**
 * `scipy.signal.wiener(im, mysize=(3, 3), noise=None)` on one YX plane: local mean and
 * variance over a mysize window with zero padding (scipy's `correlate(..., 'same')`), noise =
 * mean local variance when not given, then
 *   out = lVar < noise ? lMean : lMean + (im − lMean)·(1 − noise/lVar).
 *
 * scipy's `correlate` chooses FFT convolution for planes larger than about 64×64 (its
 * `choose_conv_method` cost model), so scipy's local sums carry FFT rounding (~1e-12 relative)
 * while these are direct sums in window order; results agree to that level, and exactly on
 * small planes where scipy sums directly. Integer planes are squared in their own dtype before
 * summing, wrapping as numpy's `im ** 2` does.
 */
import type { TypedArray } from "../../array/dtype.js";
import { checkPlane, pair } from "../args.js";
import { npSum } from "../stats/pairwise.js";

export interface WienerOptions {
  /** Window size [sizeY, sizeX] or one size for both (default [3, 3]). */
  mySize?: number | readonly [number, number];
  /** Noise power; default the mean of the local variance. */
  noise?: number;
}

/** Square in the array's own dtype (numpy `im ** 2`). */
function squareFn(src: TypedArray): (v: number) => number {
  if (src instanceof Uint8Array) return (v) => (v * v) & 0xff;
  if (src instanceof Uint16Array) return (v) => (v * v) & 0xffff;
  if (src instanceof Int32Array) return (v) => Math.imul(v, v);
  if (src instanceof Float32Array) return (v) => Math.fround(v * v);
  return (v) => v * v;
}

/** Zero-padded window sums of `values` ('same' alignment: rows i − ky//2 .. i + (ky−1)//2). */
function windowSums(
  values: Float64Array,
  ny: number,
  nx: number,
  ky: number,
  kx: number,
): Float64Array {
  const sums = new Float64Array(ny * nx);
  const oy = ky >> 1;
  const ox = kx >> 1;
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let s = 0;
      for (let a = 0; a < ky; a++) {
        const yy = y - oy + a;
        if (yy < 0 || yy >= ny) continue;
        const row = yy * nx;
        for (let b = 0; b < kx; b++) {
          const xx = x - ox + b;
          if (xx >= 0 && xx < nx) s += values[row + xx];
        }
      }
      sums[y * nx + x] = s;
    }
  }
  return sums;
}

/**
 * The local mean and variance over a ky × kx window (zero padded), and the plane as float64.
 * Exported for the tiled wiener, which sums the variance over tiles for the default noise.
 */
export function wienerLocalStats(
  src: TypedArray,
  ny: number,
  nx: number,
  ky: number,
  kx: number,
): { values: Float64Array; lMean: Float64Array; lVar: Float64Array } {
  const count = ky * kx;
  const values = Float64Array.from(src as ArrayLike<number>);
  const squares = Float64Array.from(src as ArrayLike<number>, squareFn(src));
  const lMean = windowSums(values, ny, nx, ky, kx);
  const lVar = windowSums(squares, ny, nx, ky, kx);
  for (let i = 0; i < ny * nx; i++) {
    lMean[i] /= count;
    lVar[i] = lVar[i] / count - lMean[i] * lMean[i];
  }
  return { values, lMean, lVar };
}

export function wiener(
  src: TypedArray,
  ny: number,
  nx: number,
  options: WienerOptions = {},
  out?: Float64Array,
): Float64Array {
  const fn = "wiener";
  checkPlane(fn, src, ny, nx);
  const [ky, kx] = pair(options.mySize ?? [3, 3], "mySize", fn);
  for (const k of [ky, kx]) {
    if (!Number.isInteger(k) || k < 1) {
      throw new RangeError(`${fn}: mySize must be positive integers, got ${k}`);
    }
  }
  const n = ny * nx;
  const result = out ?? new Float64Array(n);
  if (result.length !== n)
    throw new RangeError(`${fn}: out needs ${n} values, got ${result.length}`);
  const { values, lMean, lVar } = wienerLocalStats(src, ny, nx, ky, kx);
  const noise = options.noise ?? npSum(lVar) / n;
  for (let i = 0; i < n; i++) {
    const m = lMean[i];
    const v = lVar[i];
    result[i] = v < noise ? m : (values[i] - m) * (1 - noise / v) + m;
  }
  return result;
}
