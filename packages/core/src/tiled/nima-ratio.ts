/**
 * `nima.ratio` on one tiled plane pair, equal to the whole-plane path (nima/ratio.ts):
 * num / den with 0 where the quotient is not finite (the same numpy expression, compiled by
 * the engine), median filters of each box size in turn (reflect), times the mask. Each
 * median is a halo'd window of the one before, so a window read computes only its own
 * neighbourhood (the halos add up: 3 + 1 rows for the default [7, 3]).
 */
import type { TypedArray } from "../array/dtype.js";
import { medianFilter } from "../kernels/rank/rank-filter.js";
import { rankFilterHalo } from "./halo.js";
import { abs, binary, exprPlane, overlapPlane, where } from "./lazy.js";
import type { TiledPlane } from "./tiles.js";

export interface TiledRatioOptions {
  /** Box sizes of successive median filters (ndimage `size=`, mode reflect). Default [7, 3]. */
  radii?: readonly number[];
  /** Multiplies the result (e.g. labels > 0 as 0/1), pixel by pixel. */
  mask?: TiledPlane;
}

/** The ratio image of `numerator` / `denominator` as a tiled plane read on demand. */
export function tiledRatio(
  numerator: TiledPlane,
  denominator: TiledPlane,
  options: TiledRatioOptions = {},
): TiledPlane {
  const fn = "tiledRatio";
  const { radii = [7, 3], mask } = options;
  for (const size of radii) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`${fn}: radii must be positive integers (box sizes), got ${size}`);
    }
  }
  // |q| < ∞ is false exactly for ±Infinity and NaN, as nima/ratio.ts writes it.
  let result = exprPlane([numerator, denominator], ([n, d]) => {
    const q = binary("div", n, d);
    return where(binary("lt", abs(q), Number.POSITIVE_INFINITY), q, 0);
  });
  for (const size of radii) {
    const opts = { size, mode: "reflect" } as const;
    result = overlapPlane(
      result,
      (s: TypedArray, ny, nx) => medianFilter(s, ny, nx, opts),
      rankFilterHalo(opts),
      "reflect",
    );
  }
  if (mask === undefined) return result;
  return exprPlane([result, mask], ([r, m]) => binary("mul", r, m));
}
