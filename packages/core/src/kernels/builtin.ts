/**
 * Declares the kernels/ modules on whichever thread imports this (the main thread and every
 * worker, through ../builtin-kernels.ts). A module loads the first time one of its kernels
 * runs. nima/ and io/ declare their own kernels.
 */
import { registerLazyKernels } from "./registry.js";
import "./filters/specs.js";
import "./rank/specs.js";
import "./segmentation/specs.js";
import "./threshold/specs.js";

// The graph's own kernels (elementwise expressions, reductions, layout, random data).
registerLazyKernels(
  ["expr", "reduce", "reshape", "transpose", "take", "coarsen", "random_uniform", "overlap"],
  () => import("./array/index.js"),
);
