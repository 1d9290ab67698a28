/**
 * Planes larger than memory (foundation): pure functions on planes given as tiles
 * (`TiledPlane`: a size and a window reader), with results identical to the whole-plane
 * kernels. See the README section "Planes larger than memory (foundation)".
 */
export {
  type BucketLimits,
  kthSmallest,
  smallestGap,
  type ValueRange,
  type ValueStream,
} from "./buckets.js";
export { type Downsampling, downsample2 } from "./downsample.js";
export {
  tiledEntropy,
  tiledGaussianFilter,
  tiledMedianFilter,
  tiledMorphology,
  tiledPercentileFilter,
  tiledRankFilter,
  tiledWiener,
  wienerNoise,
} from "./filters.js";
export { planeOfArray, storeArrayPlane } from "./from-array.js";
export {
  addHalos,
  entropyHalo,
  gaussianHalo,
  type Halo,
  type MorphologyOp,
  morphologyHalo,
  rankFilterHalo,
  uniformFilterHalo,
  uniformHalo,
  wienerHalo,
} from "./halo.js";
export {
  type TiledHistogramOptions,
  tiledHistogram,
  tiledThresholdHistogram,
} from "./histogram.js";
export {
  type TiledLabelOptions,
  type TiledLabels,
  tiledLabel,
  tiledLabelImage,
} from "./label.js";
export {
  cachedPlane,
  exprPlane,
  overlapPlane,
  type Persist,
  persisted,
  zipPlanes,
} from "./lazy.js";
export { type TiledLiOptions, tiledThresholdLi } from "./li.js";
export {
  haloWindow,
  type MapOverlapOptions,
  mapOverlap,
  type PlaneKernelFn,
} from "./map-overlap.js";
export { type MaskedStats, maskedStats, maskedValues } from "./masked-stats.js";
export {
  type TiledBgOptions,
  type TiledBgResult,
  tiledBg,
  tiledCalculateBg,
} from "./nima-bg.js";
export {
  type TiledMeasurement,
  type TiledMeasureOptions,
  tiledMeasure,
  tiledMeasureTables,
} from "./nima-measure.js";
export { type TiledRatioOptions, tiledRatio } from "./nima-ratio.js";
export { geometricMeanPlane, type TiledSegmentOptions, tiledSegment } from "./nima-segment.js";
export {
  clearBorderPlane,
  removeSmallObjectsPlane,
  tiledClearBorder,
  tiledRemoveSmallObjects,
} from "./objects.js";
export { streamPercentiles, tiledPercentile } from "./percentile.js";
export { zarrPersist } from "./persist-zarr.js";
export { type PyramidOptions, writeTiledPyramid } from "./pyramid.js";
export { forEachRasterRun, StreamedSum } from "./raster.js";
export { tiledFindObjects, tiledRegionprops } from "./regions.js";
export { type PlaneScan, scanPlane } from "./scan.js";
export { tiledThresholdOtsu, tiledThresholdYen } from "./threshold.js";
export {
  openTileStore,
  persistPlane,
  type StoredPlane,
  stagePlace,
  type TileStore,
  type TileStoreOptions,
  tileStorePersist,
} from "./tile-store.js";
export {
  inThread,
  type LabelRule,
  mapAhead,
  onWorkers,
  type TileComponents,
  type TileWork,
} from "./tile-work.js";
export {
  assemble,
  type Box,
  cropPlane,
  planeFromArray,
  readTiles,
  type Tile,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";
export { tiledUniformFilter } from "./uniform.js";
export { pixelStream, rasterPixelStream } from "./values.js";
