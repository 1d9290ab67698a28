/**
 * @nima-ts/core: lazy labelled arrays (TCZYX), a worker-pool scheduler, image kernels, I/O
 * and the nima pipeline API.
 */

import "./builtin-kernels.js";

export * from "./api/index.js";
export type { Block } from "./array/block.js";
export { Coarsen } from "./array/coarsen.js";
export type { ComputeOptions } from "./array/compute.js";
export { DataArray, type FromOptions, type Other } from "./array/data-array.js";
export {
  allocate,
  canShareMemory,
  DTYPES,
  type DType,
  type TypedArray,
} from "./array/dtype.js";
export { CoordinateError, DimensionError, NotComputedError, ShapeError } from "./array/errors.js";
export type { Coords, CoordValue, Indexer, Slice } from "./array/indexing.js";
export type { MapPlanesOptions } from "./array/map-planes.js";
export { type MemoryCounters, memoryCounters, toShared } from "./array/memory.js";
export type { PlaneIndex, PlanePixels, PlaneSource } from "./array/plane-source.js";
export { type RandomOptions, randomUniform } from "./array/random.js";
export * from "./display/index.js";
export type { ChunkSpec } from "./graph/chunks.js";
export {
  ImageFormatError,
  ImageIOError,
  ImageLimitError,
  ImageNotFoundError,
  UnsupportedImageError,
} from "./io/errors.js";
export { defaultMaxBytes } from "./io/limits.js";
export { parseNpy, serializeNpy } from "./io/npy.js";
export { type OpenImageOptions, openImage } from "./io/open.js";
export { type ReadImageOptions, readImage } from "./io/read-image.js";
// The readers' contract (open once, read plane (t, c, z)); viewers take a PlaneSource.
export type { ImageInfo, PlaneSource as ImageReader } from "./io/source.js";
export { encodeTiff, imagejDescription, type TiffWriteOptions } from "./io/tiff-writer.js";
export type { ToZarrOptions } from "./io/to-zarr.js";
export { type BadPixels, checkChannelNames, findBadPixels } from "./io/validate.js";
export {
  type MultiscaleImage,
  type MultiscaleLevel,
  type OpenMultiscaleOptions,
  openMultiscale,
  type Tile,
} from "./io/zarr-multiscale.js";
export type { ZarrLocation, ZarrStore } from "./io/zarr-store.js";
export { createZarrWriter, type ZarrWriter, type ZarrWriterOptions } from "./io/zarr-writer.js";
export { type DefineKernelOptions, defineKernel, type KernelHandle } from "./kernels/define.js";
export { planeKernel, planeScalarKernel } from "./kernels/plane.js";
export {
  type Kernel,
  type KernelModule,
  type KernelSpec,
  kernelNames,
  registerKernel,
  registerKernelModule,
  UnknownKernelError,
} from "./kernels/registry.js";
export { setWasmEnabled } from "./kernels/wasm-switch.js";
export * as nima from "./nima/index.js";
export { KernelError } from "./scheduler/execute.js";
export { InlineExecutor } from "./scheduler/inline.js";
export { closeSharedPools, type PoolOptions, sharedPool, WorkerPool } from "./scheduler/pool.js";
export { DEFAULT_MEMORY_BUDGET, type Executor, type Progress, TaskError } from "./scheduler/run.js";
export { WorkerStartError } from "./scheduler/spawn.js";
export {
  type Column,
  ColumnBlock,
  formatFloat,
  type Row,
  Table,
  type TableOptions,
  TableSchema,
} from "./table/index.js";
export * as tiled from "./tiled/index.js";
