/** nima.segment: cell masks and labels from the geometric mean of the channels. */
import type { DataArray } from "../array/data-array.js";
import { CoordinateError, DimensionError } from "../array/errors.js";
import { isTiled } from "../graph/overlap.js";
import { segmentKernel } from "./kernel-specs.js";
import type { SegmentPlaneParams, ThresholdMethod } from "./kernels-segment.js";
import { segmentTiles } from "./segment-tiles.js";

export type { ThresholdMethod } from "./kernels-segment.js";

/** nima's `threshold_method_choices`. */
export const THRESHOLD_METHODS: readonly ThresholdMethod[] = ["yen", "li"];

export interface SegmentOptions {
  /** Objects smaller than this (pixels, 4-connected) are dropped; 0 or null keeps all. Default 640. */
  minSize?: number | null;
  /** Channels whose geometric mean is thresholded, in this order. Default ["C", "G", "R"]. */
  channels?: readonly string[];
  /** Threshold of each plane: "yen" (default) or "li". */
  thresholdMethod?: ThresholdMethod;
  /** scipy.signal.wiener (3, 3) on the geometric mean first. */
  wiener?: boolean;
  /** Split touching cells with nima's distance-transform watershed. */
  watershed?: boolean;
  /** Drop objects touching the plane border (scikit-image clear_border). */
  clearBorder?: boolean;
  /**
   * With watershed: split with scikit-image's random_walker (mode "bf") from the watershed's
   * markers instead of flooding, as nima does; the background is then −1. Without watershed
   * it does nothing, as in nima.
   */
  randomwalk?: boolean;
}

/**
 * Labels cells plane by plane, as nima.segment: ga = (c0·c1·…)^(1/n) over `channels` in
 * float64 (a single channel is used as is); optional wiener; ga > threshold; remove objects
 * smaller than minSize; closing with the 3×3 cross; optional clear_border; ndimage.label
 * (4-connectivity, ids in raster order, per plane: an id can be a different cell at another
 * time), or the watershed split (random_walker with randomwalk). Returns a lazy int32
 * DataArray (T, [Z,] Y, X) with Z dropped when it has size 1; each plane is one fused task
 * from the image planes to the labels. On planes chunked in Y/X (larger than memory) the
 * labels are the same, from streamed passes over the tiles (see `tiled`); watershed needs
 * whole planes there.
 *
 * The product is raised with Math.pow, which can differ from numpy's SVML `pow` in the last
 * bit; a label can only change if a pixel lies within an ulp of the threshold.
 */
export function segment(im: DataArray, options: SegmentOptions = {}): DataArray {
  const fn = "nima.segment";
  const {
    minSize = 640,
    channels = ["C", "G", "R"],
    thresholdMethod = "yen",
    wiener = false,
    watershed = false,
    clearBorder = false,
    randomwalk = false,
  } = options;
  checkImage(fn, im);
  if (!THRESHOLD_METHODS.includes(thresholdMethod)) {
    throw new RangeError(
      `${fn}: thresholdMethod must be one of ${THRESHOLD_METHODS.map((m) => `"${m}"`).join(", ")}, got ${JSON.stringify(thresholdMethod)}`,
    );
  }
  if (minSize !== null && !(typeof minSize === "number" && minSize >= 0)) {
    throw new RangeError(
      `${fn}: minSize must be a number of pixels >= 0 (or null), got ${String(minSize)}`,
    );
  }
  checkChannels(fn, "channels", im, channels);
  const params: SegmentPlaneParams = {
    thresholdMethod,
    minSize,
    wiener: Boolean(wiener),
    clearBorder: Boolean(clearBorder),
    watershed: Boolean(watershed),
    randomwalk: Boolean(randomwalk),
  };
  const ga = geometricMean(im, channels);
  return isTiled(ga.lazy) ? segmentTiles(ga, params) : ga.mapPlanes(segmentKernel, params);
}

/**
 * `im.sel(C=channels).astype(float).prod("C") ** (1/n)`: the product runs in the order of
 * `channels`, as numpy's reduction does; one channel is returned unchanged, as nima does.
 */
export function geometricMean(im: DataArray, channels: readonly string[]): DataArray {
  const planes = channels.map((name) => channelPlanes(im, name));
  if (planes.length === 1) return planes[0];
  let product = planes[0].astype("float64");
  for (const plane of planes.slice(1)) product = product.mul(plane.astype("float64"));
  return product.pow(1 / planes.length);
}

// ---- channel checks and selections shared by segment, ratio and measure ----------------

/** Throws unless `im` has C, Y and X dims with Y, X last, and C coords naming its channels. */
export function checkImage(fn: string, im: DataArray): void {
  const n = im.dims.length;
  if (!im.dims.includes("C") || n < 3 || im.dims[n - 2] !== "Y" || im.dims[n - 1] !== "X") {
    throw new DimensionError(
      `${fn}: the image needs dims C, Y and X (Y, X last), got (${im.dims.join(", ")})`,
    );
  }
  if (!im.coords.C) {
    throw new CoordinateError(`${fn}: the image has no C coords to find channels by name`);
  }
}

/** Throws unless every name is one of the image's C coords. */
export function checkChannels(
  fn: string,
  option: string,
  im: DataArray,
  names: readonly string[],
  minimum = 1,
): void {
  if (!Array.isArray(names) || names.length < minimum) {
    throw new RangeError(
      `${fn}: ${option} must list at least ${minimum} channel name${minimum > 1 ? "s" : ""}, got ${JSON.stringify(names)}`,
    );
  }
  const coords = im.coords.C ?? [];
  for (const name of names) {
    if (!coords.includes(name)) {
      throw new CoordinateError(
        `${fn}: channel ${JSON.stringify(name)} in ${option} is not in the image's C coords (${coords.map((c) => JSON.stringify(c)).join(", ")})`,
      );
    }
  }
}

/** One channel as (…, Y, X) without C, and without Z when Z has size 1 (nima squeezes it). */
export function channelPlanes(im: DataArray, name: string): DataArray {
  const plane = im.sel({ C: name });
  return squeezeZ(plane);
}

export function squeezeZ(array: DataArray): DataArray {
  return array.dims.includes("Z") && array.sizes.Z === 1 ? array.squeeze("Z") : array;
}
