/** Registry kernels for the global thresholds: one float64 per YX plane of the block. */
import { planeScalarKernel } from "../plane.js";
import type { Kernel } from "../registry.js";
import { thresholdLi } from "./li.js";
import { thresholdOtsu } from "./otsu.js";
import { thresholdLiKernel, thresholdOtsuKernel, thresholdYenKernel } from "./specs.js";
import { thresholdYen } from "./yen.js";

export const kernels: Record<string, Kernel> = {
  threshold_li: planeScalarKernel(thresholdLiKernel, (src, _ny, _nx, p) => thresholdLi(src, p)),
  threshold_yen: planeScalarKernel(thresholdYenKernel, (src, _ny, _nx, p) => thresholdYen(src, p)),
  threshold_otsu: planeScalarKernel(thresholdOtsuKernel, (src, _ny, _nx, p) =>
    thresholdOtsu(src, p),
  ),
};
