/**
 * Typed handles of the filter kernels (code in ./kernels.ts, loaded on first use). Outputs are
 * float64, or float32 for float32 input (gaussian, uniform, threshold_local); wiener and
 * entropy always give float64.
 */
import type { DType } from "../../array/dtype.js";
import { checkTileableMode, entropyHalo, gaussianHalo, wienerHalo } from "../../tiled/halo.js";
import { defineKernel } from "../define.js";
import type { ThresholdLocalOptions } from "../threshold/local.js";
import type { GaussianFilterOptions } from "./gaussian.js";
import type { UniformFilterOptions } from "./uniform.js";
import type { WienerOptions } from "./wiener.js";

const load = () => import("./kernels.js");

/** float32 stays float32, everything else becomes float64 (scipy's output=float rule here). */
export const floatOf = (d: DType): DType => (d === "float32" ? "float32" : "float64");

/** Throws naming `kernel` and the key unless `params[key]` is given. */
export function required<P extends object>(params: P, key: keyof P & string, kernel: string): void {
  if (params === null || typeof params !== "object" || params[key] === undefined) {
    throw new RangeError(`${kernel}: params.${key} is required`);
  }
}

export const gaussianFilterKernel = defineKernel<GaussianFilterOptions>("gaussian_filter", {
  outDtype: floatOf,
  check: (p) => required(p, "sigma", "gaussian_filter"),
  halo: (p) => {
    checkTileableMode("gaussian_filter", p.mode);
    return gaussianHalo(p);
  },
  load,
});

export const uniformFilterKernel = defineKernel<UniformFilterOptions>("uniform_filter", {
  outDtype: floatOf,
  check: (p) => required(p, "size", "uniform_filter"),
  load,
});

/** threshold_local's JSON params: every method but "generic" (which needs a function). */
export type ThresholdLocalParams = Omit<ThresholdLocalOptions, "method"> & {
  method?: "gaussian" | "mean" | "median";
};

export const thresholdLocalKernel = defineKernel<ThresholdLocalParams>("threshold_local", {
  outDtype: floatOf,
  check: (p) => {
    required(p, "blockSize", "threshold_local");
    if ((p.method as string) === "generic") {
      throw new RangeError('threshold_local: method "generic" needs a function (not JSON)');
    }
  },
  load,
});

export const wienerKernel = defineKernel<WienerOptions>("wiener", {
  outDtype: "float64",
  halo: (p) => {
    if (p.noise === undefined) {
      throw new RangeError(
        "wiener: the default noise is the mean local variance of the whole plane; on Y/X tiles pass noise (tiled.wienerNoise streams it)",
      );
    }
    return wienerHalo(p.mySize);
  },
  load,
});

export const entropyKernel = defineKernel<{ radius: number }>("entropy", {
  outDtype: "float64",
  check: (p) => required(p, "radius", "entropy"),
  halo: (p) => entropyHalo(p.radius),
  load,
});
