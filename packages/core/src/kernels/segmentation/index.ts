/** Segmentation kernels on one YX plane (row-major typed arrays, `ny` rows × `nx` columns). */

export {
  crossFootprint,
  type Footprint,
  footprintFromRows,
  onesFootprint,
  squareFootprint,
} from "../footprint.js";
export { type ClearBorderOptions, clearBorder } from "./clearBorder.js";
export { distanceTransformEdt } from "./edt.js";
export { type BoundingBox, findObjects } from "./findObjects.js";
export { type Connectivity, type LabelResult, label, labelImage } from "./label.js";
export {
  type BinaryMorphologyOptions,
  binaryClosing,
  binaryDilation,
  binaryErosion,
  binaryOpening,
  closing,
  dilation,
  erosion,
  type GreyMorphologyOptions,
  opening,
} from "./morphology.js";
export { type Peak, type PeakLocalMaxOptions, peakLocalMax } from "./peakLocalMax.js";
export { type RemoveSmallObjectsOptions, removeSmallObjects } from "./removeSmallObjects.js";
export { NIMA_WATERSHED_FACTOR, type SplitCellsResult, splitCells } from "./splitCells.js";
export { type WatershedOptions, watershed } from "./watershed.js";
