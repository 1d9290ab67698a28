/**
 * Image I/O: TIFF / ImageJ hyperstack / OME-TIFF (geotiff.js) and zarr v2/v3 / OME-Zarr
 * (zarrita) as TCZYX plane sources, a streaming zarr v3 writer, and a small TIFF writer.
 */
export {
  ImageFormatError,
  ImageIOError,
  ImageLimitError,
  ImageNotFoundError,
  UnsupportedImageError,
} from "./errors.js";
export { closeCachedSources, READ_PLANE, type ReadPlaneParams } from "./kernels.js";
export { defaultMaxBytes } from "./limits.js";
export { NpyFormatError, parseNpy, serializeNpy } from "./npy.js";
export {
  detectFormat,
  type ImageFormat,
  type OpenedImage,
  type OpenImageOptions,
  openImage,
  type ReopenParams,
} from "./open.js";
export {
  type ByteSource,
  IMAGE_DIMS,
  type ImageDim,
  type ImageInfo,
  type PhysicalSize,
  type PlaneSource,
  type ReadPlaneOptions,
} from "./source.js";
export { type OpenTiffOptions, openTiff } from "./tiff.js";
export { encodeTiff, imagejDescription, type TiffWriteOptions } from "./tiff-writer.js";
export { type BadPixels, checkChannelNames, findBadPixels } from "./validate.js";
export { type OpenZarrOptions, openZarr } from "./zarr.js";
export { NIMA_ATTRS_KEY } from "./zarr-axes.js";
export { checkStoreKey } from "./zarr-guard.js";
export {
  type MultiscaleImage,
  type MultiscaleLevel,
  type OpenMultiscaleOptions,
  openMultiscale,
  type Tile,
} from "./zarr-multiscale.js";
export { isStore, type ZarrLocation, type ZarrStore } from "./zarr-store.js";
export { createZarrWriter, type ZarrWriter, type ZarrWriterOptions } from "./zarr-writer.js";
