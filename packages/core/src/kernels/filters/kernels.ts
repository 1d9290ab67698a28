/**
 * Registry kernels for the filters, each over blocks [..., Y, X] plane by plane
 * (`planeKernel`). Params are JSON:
 *
 *   gaussian_filter  { sigma: number | [sy, sx], truncate?: 4.0, radius?: number | [ry, rx],
 *                      mode?: "reflect", cval?: 0 }
 *   uniform_filter   { size: number | [sy, sx], mode?: "reflect", cval?: 0 }
 *   threshold_local  { blockSize: odd number | [by, bx], method?: "gaussian" | "mean" | "median",
 *                      offset?: 0, mode?: "reflect", param?: sigma | [sy, sx], cval?: 0 }
 *   wiener           { mySize?: [3, 3], noise?: number }
 *   entropy          { radius: number }  (disk footprint; input uint8 or uint16)
 *
 * Modes: reflect, mirror, nearest, wrap, constant (and scipy's grid-* aliases). Outputs are
 * float64, or float32 for float32 input (gaussian_filter, uniform_filter, threshold_local);
 * wiener and entropy always give float64.
 */
import type { TypedArray } from "../../array/dtype.js";
import { planeKernel } from "../plane.js";
import type { Kernel } from "../registry.js";
import { thresholdLocal } from "../threshold/local.js";
import { entropy } from "./entropy.js";
import { gaussianFilter } from "./gaussian.js";
import type { FloatPlane } from "./plane-args.js";
import {
  entropyKernel,
  gaussianFilterKernel,
  required,
  thresholdLocalKernel,
  uniformFilterKernel,
  wienerKernel,
} from "./specs.js";
import { uniformFilter } from "./uniform.js";
import { wiener } from "./wiener.js";

/** These filters write every output value. */
const FULL = { writesEveryValue: true };

export const kernels: Record<string, Kernel> = {
  gaussian_filter: planeKernel(
    gaussianFilterKernel,
    (src, ny, nx, p, out) => {
      gaussianFilter(src, ny, nx, p, out as FloatPlane);
    },
    FULL,
  ),
  uniform_filter: planeKernel(
    uniformFilterKernel,
    (src, ny, nx, p, out) => {
      uniformFilter(src, ny, nx, p, out as FloatPlane);
    },
    FULL,
  ),
  threshold_local: planeKernel(
    thresholdLocalKernel,
    (src, ny, nx, p, out) => {
      thresholdLocal(src, ny, nx, p, out as FloatPlane);
    },
    FULL,
  ),
  wiener: planeKernel(
    wienerKernel,
    (src, ny, nx, p, out) => {
      wiener(src, ny, nx, p ?? {}, out as Float64Array);
    },
    FULL,
  ),
  entropy: planeKernel(
    entropyKernel,
    (src: TypedArray, ny, nx, p, out) => {
      required(p, "radius", "entropy");
      if (!(src instanceof Uint8Array || src instanceof Uint16Array)) {
        throw new TypeError("entropy: input must be uint8 or uint16 (convert with imgAsUbyte)");
      }
      entropy(src, ny, nx, p.radius, out as Float64Array);
    },
    FULL,
  ),
};
