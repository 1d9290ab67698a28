/**
 * Typed handles of the global-threshold kernels: one float64 per YX plane (mapPlanes with
 * `coreDims: {}`), scikit-image 0.26's threshold_li / threshold_yen / threshold_otsu.
 */
import { defineKernel } from "../define.js";
import type { ThresholdLiOptions } from "./li.js";

const load = () => import("./kernels.js");

function nbins(kernel: string) {
  return (p: { nbins?: number }) => {
    if (p.nbins !== undefined && !(Number.isInteger(p.nbins) && p.nbins > 0)) {
      throw new RangeError(`${kernel}: nbins must be a positive integer, got ${p.nbins}`);
    }
  };
}

export const thresholdLiKernel = defineKernel<
  Omit<ThresholdLiOptions, "initialGuess"> & {
    initialGuess?: number;
  }
>("threshold_li", { outDtype: "float64", load });

export const thresholdYenKernel = defineKernel<{ nbins?: number }>("threshold_yen", {
  outDtype: "float64",
  check: nbins("threshold_yen"),
  load,
});

export const thresholdOtsuKernel = defineKernel<{ nbins?: number }>("threshold_otsu", {
  outDtype: "float64",
  check: nbins("threshold_otsu"),
  load,
});
