/**
 * One pyramid step: a plane halved in Y and X (sizes rounded up, so odd edges keep their
 * last row and column). "nearest" keeps the top-left pixel of each 2 × 2 block (numpy's
 * `a[::2, ::2]`); "mean" averages the block's pixels that exist (4, or 2 or 1 at odd edges),
 * summed in row-major order in float64, rounded to the nearest integer (halves up) for
 * integer dtypes. Each output pixel reads only its own block, so a tile whose origin and
 * size are even (but at the plane's edge) downsamples exactly as the same part of the whole
 * plane.
 */
import type { TypedArray } from "../array/dtype.js";

export type Downsampling = "mean" | "nearest";

export function downsample2<T extends TypedArray>(
  src: T,
  ny: number,
  nx: number,
  method: Downsampling,
): { data: T; ny: number; nx: number } {
  if (method !== "mean" && method !== "nearest") {
    throw new RangeError(
      `downsample: method must be "mean" or "nearest", got ${JSON.stringify(method)}`,
    );
  }
  const my = Math.ceil(ny / 2);
  const mx = Math.ceil(nx / 2);
  const out = new (src.constructor as new (n: number) => T)(my * mx);
  const integer = !(src instanceof Float64Array || src instanceof Float32Array);
  for (let y = 0; y < my; y++) {
    const r0 = 2 * y * nx;
    const r1 = 2 * y + 1 < ny ? r0 + nx : -1;
    for (let x = 0; x < mx; x++) {
      const c0 = 2 * x;
      if (method === "nearest") {
        out[y * mx + x] = src[r0 + c0];
        continue;
      }
      const wide = c0 + 1 < nx;
      let sum = src[r0 + c0];
      let n = 1;
      if (wide) {
        sum += src[r0 + c0 + 1];
        n++;
      }
      if (r1 >= 0) {
        sum += src[r1 + c0];
        n++;
        if (wide) {
          sum += src[r1 + c0 + 1];
          n++;
        }
      }
      const mean = sum / n;
      out[y * mx + x] = integer ? Math.round(mean) : mean;
    }
  }
  return { data: out, ny: my, nx: mx };
}
