/** nima.ratio: median-filtered ratio images between two channels. */
import type { DataArray } from "../array/data-array.js";
import { ShapeError } from "../array/errors.js";
import { medianFilterKernel } from "../kernels/rank/specs.js";
import { channelPlanes, checkChannels, checkImage, squeezeZ } from "./segment.js";

export interface RatioOptions {
  /** [numerator, denominator] channel names. Default ["C", "R"]. */
  channels?: readonly [string, string];
  /** Box sizes of successive median filters (ndimage `size=`, mode reflect). Default [7, 3]. */
  radii?: readonly number[];
  /** Multiplies the result (e.g. `labels.gt(0)`); dims must be among the ratio's. */
  mask?: DataArray;
}

/**
 * `num / den` with 0 wherever the quotient is not finite (x/0, 0/0), median-filtered plane
 * by plane with boxes of each size in `radii` in turn (scipy.ndimage.median_filter(r, size),
 * mode reflect), then multiplied by `mask`. Returns a lazy (T, [Z,] Y, X) array (Z dropped
 * when it has size 1), float64 for integer or float64 images.
 */
export function ratio(im: DataArray, options: RatioOptions = {}): DataArray {
  const fn = "nima.ratio";
  const { channels = ["C", "R"], radii = [7, 3], mask } = options;
  checkImage(fn, im);
  checkChannels(fn, "channels", im, channels, 2);
  if (channels.length !== 2) {
    throw new RangeError(
      `${fn}: channels must be [numerator, denominator], got ${JSON.stringify(channels)}`,
    );
  }
  for (const size of radii) {
    if (!Number.isInteger(size) || size < 1) {
      throw new RangeError(`${fn}: radii must be positive integers (box sizes), got ${size}`);
    }
  }
  const quotient = channelPlanes(im, channels[0]).div(channelPlanes(im, channels[1]));
  // |q| < ∞ is false exactly for ±Infinity and NaN (DataArray.isfinite casts its input to
  // bool first, which makes every value finite).
  let result = quotient.where(quotient.abs().lt(Number.POSITIVE_INFINITY), 0);
  for (const size of radii) {
    result = result.applyPlane(medianFilterKernel, { size, mode: "reflect" });
  }
  if (mask === undefined) return result;
  const m = squeezeZ(mask);
  const extra = m.dims.filter((d) => !result.dims.includes(d));
  const mismatch = m.dims.filter(
    (d) => result.dims.includes(d) && m.sizes[d] !== 1 && m.sizes[d] !== result.sizes[d],
  );
  if (extra.length > 0 || mismatch.length > 0) {
    throw new ShapeError(
      `${fn}: mask (${describe(m)}) does not fit the ratio image (${describe(result)})`,
    );
  }
  return result.mul(m);
}

function describe(a: DataArray): string {
  return a.dims.map((d) => `${d}: ${a.sizes[d]}`).join(", ");
}
