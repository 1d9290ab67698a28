/**
 * `util`: scikit-image's dtype conversions that the other namespaces expect of their input.
 *
 * @example
 * import { util } from "@nima-ts/core";
 * const u8 = util.imgAsUbyte(uint16Plane.data);
 */

import type { TypedArray } from "../array/dtype.js";
import { imgAsUbyte as toUbyte } from "../kernels/filters/convert.js";

/**
 * `skimage.util.img_as_ubyte`: uint8 kept, uint16 v >> 8, floats in [−1, 1] to rint(v·255)
 * clipped to [0, 255], `isBool` maps a 0/1 mask to 0/255 (scikit-image 0.19 = 0.26).
 *
 * @example
 * const e = filters.entropy(plane(util.imgAsUbyte(u16), [ny, nx]), { radius: 10 });
 */
export function imgAsUbyte(image: TypedArray, options: { isBool?: boolean } = {}): Uint8Array {
  return toUbyte(image, options);
}
