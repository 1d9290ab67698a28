/** nima.median: the 5-pixel cross median that removes hot pixels and shot noise. */
import type { DataArray } from "../array/data-array.js";
import { medianFilterKernel } from "../kernels/rank/specs.js";

/**
 * scipy.ndimage.median_filter with footprint skimage `disk(1)` (the 3×3 cross), mode
 * "reflect", on every YX plane; the dtype is kept (uint16 in, uint16 out), as nima.median.
 */
export function median(im: DataArray): DataArray {
  return im.applyPlane(medianFilterKernel, { footprint: { disk: 1 }, mode: "reflect" });
}
