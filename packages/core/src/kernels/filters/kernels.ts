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
import type { DType, TypedArray } from "../../array/dtype.js";
import { planeKernel } from "../plane.js";
import type { Kernel } from "../registry.js";
import { type ThresholdLocalOptions, thresholdLocal } from "../threshold/local.js";
import { entropy } from "./entropy.js";
import { type GaussianFilterOptions, gaussianFilter } from "./gaussian.js";
import type { FloatPlane } from "./plane-args.js";
import { type UniformFilterOptions, uniformFilter } from "./uniform.js";
import { type WienerOptions, wiener } from "./wiener.js";

const floatOf = (d: DType): DType => (d === "float32" ? "float32" : "float64");

function required<P extends object>(params: P, key: keyof P & string, kernel: string): void {
  if (params === null || typeof params !== "object" || params[key] === undefined) {
    throw new RangeError(`${kernel}: params.${key} is required`);
  }
}

/** These filters write every output value. */
const FULL = { writesEveryValue: true };

export const kernels: Record<string, Kernel> = {
  gaussian_filter: planeKernel<GaussianFilterOptions>(
    (src, ny, nx, p, out) => {
      required(p, "sigma", "gaussian_filter");
      gaussianFilter(src, ny, nx, p, out as FloatPlane);
    },
    floatOf,
    FULL,
  ),
  uniform_filter: planeKernel<UniformFilterOptions>(
    (src, ny, nx, p, out) => {
      required(p, "size", "uniform_filter");
      uniformFilter(src, ny, nx, p, out as FloatPlane);
    },
    floatOf,
    FULL,
  ),
  threshold_local: planeKernel<ThresholdLocalOptions>(
    (src, ny, nx, p, out) => {
      required(p, "blockSize", "threshold_local");
      if (p.method === "generic") {
        throw new RangeError('threshold_local: method "generic" needs a function (not JSON)');
      }
      thresholdLocal(src, ny, nx, p, out as FloatPlane);
    },
    floatOf,
    FULL,
  ),
  wiener: planeKernel<WienerOptions>(
    (src, ny, nx, p, out) => {
      wiener(src, ny, nx, p ?? {}, out as Float64Array);
    },
    "float64",
    FULL,
  ),
  entropy: planeKernel<{ radius: number }>(
    (src: TypedArray, ny, nx, p, out) => {
      required(p, "radius", "entropy");
      if (!(src instanceof Uint8Array || src instanceof Uint16Array)) {
        throw new TypeError("entropy: input must be uint8 or uint16 (convert with imgAsUbyte)");
      }
      entropy(src, ny, nx, p.radius, out as Float64Array);
    },
    "float64",
    FULL,
  ),
};
