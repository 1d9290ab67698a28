/**
 * Typed handles of the nima kernels, registered by nima/ itself (the registry below knows
 * nothing of nima). Loaded on first use in whichever thread runs them.
 */
import { defineKernel } from "../kernels/define.js";
import type { BgKernelParams } from "./kernels-bg.js";
import type { BgTiledParams } from "./kernels-bg-tiles.js";
import type { MeasurePlaneParams, SegmentPlaneParams } from "./kernels-segment.js";

const bg = () => import("./kernels-bg.js");
const segment = () => import("./kernels-segment.js");

/** calculate_bg's background median: one float64 per plane (`coreDims: {}`). */
export const bgKernel = defineKernel<BgKernelParams>("nima.bg", { outDtype: "float64", load: bg });

/** calculate_bg's background median of one plane stored in tiles (bg-tiles.ts), in a worker. */
export const bgTiledKernel = defineKernel<BgTiledParams>("nima.bg_tiled", {
  outDtype: "float64",
  load: () => import("./kernels-bg-tiles.js"),
});

/** [bg, sd, q25, q50, q75, count] per plane (`coreDims: {stat: 6}`). */
export const bgStatsKernel = defineKernel<BgKernelParams>("nima.bg_stats", {
  outDtype: "float64",
  load: bg,
});

/** nima.segment on one geometric-mean plane: int32 labels. */
export const segmentKernel = defineKernel<SegmentPlaneParams>("nima.segment", {
  outDtype: "int32",
  load: segment,
});

/** Per-label measurements of one plane (`coreDims: {label, prop}`), float64. */
export const measurePlaneKernel = defineKernel<MeasurePlaneParams>("nima.measure_plane", {
  outDtype: "float64",
  load: segment,
});
