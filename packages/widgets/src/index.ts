/**
 * @nima-ts/widgets: the interactive views of nima-ts as Lumino widgets (any page, JupyterLab),
 * each also a `render({model, el, …})` function over a tiny model, anywidget style.
 */
export { createModel, type Model } from "./model.js";
export {
  type PlaneViewerHandle,
  type PlaneViewerParts,
  renderPlaneViewer,
} from "./plane-viewer/render.js";
export { initialPlaneViewerState, type PlaneViewerState } from "./plane-viewer/state.js";
export type { TiledViewerHandle } from "./plane-viewer/tiled.js";
export { isPlaneSource, PlaneViewer, type PlaneViewerOptions } from "./plane-viewer/widget.js";
export {
  type MeasurementsPlotParts,
  type MeasurementsPlotState,
  renderMeasurementsPlot,
} from "./plot/render.js";
export {
  labelColour,
  type MeasurementRow,
  type Measurements,
  measurementRows,
  SET2,
} from "./plot/series.js";
export { MeasurementsPlot, type MeasurementsPlotOptions } from "./plot/widget.js";
export { CanvasView, type PixelPosition } from "./render/canvas-view.js";
export { colorize, colorizeLabels } from "./render/colorize.js";
export { LUT_NAMES, type LutName, lut } from "./render/lut.js";
export { type Plane, percentiles } from "./render/plane.js";
export {
  chooseLevel,
  levelFactor,
  type TileRef,
  tileBox,
  viewportBox,
  visibleTiles,
} from "./render/tile-grid.js";
export { TileLayer } from "./render/tile-layer.js";
export {
  type PlaneIndex,
  type PlaneSource,
  type PlaneSourceOptions,
  planeSource,
  setComputeDefaults,
  singlePlaneSource,
} from "./sources/planes.js";
export {
  isTileSource,
  type MultiscaleLevel,
  multiscaleSource,
  type TileSource,
  type TileSourceOptions,
  tileSource,
} from "./sources/tiles.js";
export {
  type MaskResult,
  type PlaneSummary,
  previewMask,
  summarize,
  THRESHOLD_METHODS,
  type ThresholdMethod,
} from "./threshold/analysis.js";
export { type Analysis, inlineAnalysis, workerAnalysis } from "./threshold/analysis-client.js";
export { renderThresholdViewer, type ThresholdViewerHandle } from "./threshold/render.js";
export {
  initialThresholdState,
  type ThresholdParams,
  type ThresholdViewerState,
} from "./threshold/state.js";
export { ThresholdViewer, type ThresholdViewerOptions } from "./threshold/widget.js";
export { formatValue } from "./ui/controls.js";
