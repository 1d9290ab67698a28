/**
 * `skimage.segmentation.clear_border` (identical in 0.19 and 0.26): relabel with
 * `measure.label` (8-connectivity, equal values join), then set every component that has a
 * pixel in the frame of width `bufferSize + 1` to `bgval`. As in scikit-image the
 * background (0) counts as a component too: with a nonzero `bgval` it is also set whenever
 * it reaches the frame.
 */
import type { TypedArray } from "../../array/dtype.js";
import { checkPlane } from "../args.js";
import { labelImage } from "./label.js";
import { like } from "./morphology.js";

export interface ClearBorderOptions {
  /** Extra frame width beyond the 1-pixel border (default 0). */
  bufferSize?: number;
  /** Value written over cleared objects (default 0). */
  bgval?: number;
}

export function clearBorder<T extends TypedArray>(
  labels: T,
  ny: number,
  nx: number,
  options: ClearBorderOptions = {},
  out?: T,
): T {
  checkPlane("clearBorder", labels, ny, nx);
  const { bufferSize, bgval } = clearBorderOptions(options, ny, nx);
  const result = out ?? like(labels);
  if (result !== labels) result.set(labels);
  const { labels: components, count } = labelImage(labels, ny, nx, { connectivity: 2 });
  const touches = new Uint8Array(count + 1);
  const ext = bufferSize + 1;
  for (let y = 0; y < ny; y++) {
    const row = y * nx;
    if (y < ext || y >= ny - ext) {
      for (let x = 0; x < nx; x++) touches[components[row + x]] = 1;
    } else {
      for (let x = 0; x < Math.min(ext, nx); x++) touches[components[row + x]] = 1;
      for (let x = Math.max(nx - ext, 0); x < nx; x++) touches[components[row + x]] = 1;
    }
  }
  for (let i = 0; i < components.length; i++) if (touches[components[i]]) result[i] = bgval;
  return result;
}

/** The options with their defaults, checked against a ny × nx plane (tiled/ shares them). */
export function clearBorderOptions(
  options: ClearBorderOptions,
  ny: number,
  nx: number,
): { bufferSize: number; bgval: number } {
  const bufferSize = options.bufferSize ?? 0;
  const bgval = options.bgval ?? 0;
  if (!Number.isInteger(bufferSize) || bufferSize < 0) {
    throw new RangeError(
      `clearBorder: bufferSize must be a non-negative integer, got ${bufferSize}`,
    );
  }
  if (bufferSize >= ny || bufferSize >= nx) {
    throw new RangeError(
      `clearBorder: bufferSize (${bufferSize}) may not be greater than the plane size ${ny}×${nx}`,
    );
  }
  return { bufferSize, bgval };
}
