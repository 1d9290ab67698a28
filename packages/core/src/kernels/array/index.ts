/** Array kernels: the building blocks of DataArray operations. */
import type { Kernel } from "../registry.js";
import { coarsenKernel } from "./coarsen.js";
import { exprKernel } from "./expr.js";
import { reshapeKernel, takeKernel, transposeKernel } from "./layout.js";
import { overlapKernel } from "./overlap.js";
import { randomUniformKernel } from "./random.js";
import { reduceKernel } from "./reduce.js";

export const kernels: Record<string, Kernel> = {
  expr: exprKernel,
  reduce: reduceKernel,
  reshape: reshapeKernel,
  transpose: transposeKernel,
  take: takeKernel,
  coarsen: coarsenKernel,
  random_uniform: randomUniformKernel,
  overlap: overlapKernel,
};
