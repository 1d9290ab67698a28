/** The nima pipeline API (camelCase of the Python names, same defaults and semantics). */

// nima's split of touching cells (EDT, peaks, watershed) on one mask plane.
export {
  NIMA_WATERSHED_FACTOR,
  type SplitCellsResult,
  splitCells,
} from "../kernels/segmentation/splitCells.js";
export { type BgFigures, type BgOptions, type BgOutput, bg, bgStats, bgsToCsv } from "./bg.js";
export {
  BG_KINDS,
  type BgKind,
  BgParams,
  BgParamsError,
  type BgParamsInit,
  type BgParamsJson,
} from "./bg-params.js";
export {
  type BgResult,
  type CalculateBgOptions,
  calculateBg,
  type PlaneInput,
} from "./calculate-bg.js";
export type { BgFigure, BgLimFigure, HistogramData } from "./calculate-bg-figures.js";
export {
  type BgMaxOptions,
  bgMax,
  calculateBgIteratively,
  type IterativeBgOptions,
  type IterativeBgResult,
  prob,
} from "./calculate-bg-iter.js";
export type { BgLim } from "./calculate-bg-kinds.js";
export * as generat from "./generat/index.js";
export {
  correctHotpixel,
  type Hotpixel,
  type HotpixelsOptions,
  hotpixels,
  hotpixelsToCsv,
} from "./hotpixels.js";
export { type MeasureOptions, measure } from "./measure.js";
export { median } from "./median.js";
export { type RatioOptions, ratio } from "./ratio.js";
export {
  geometricMean,
  type SegmentOptions,
  segment,
  THRESHOLD_METHODS,
  type ThresholdMethod,
} from "./segment.js";
export { type ShadingOptions, shading } from "./shading.js";
