/**
 * `morphology`: scikit-image / scipy.ndimage binary and grey morphology, small-object removal
 * and footprints. Eager on a plane, lazy per plane on a DataArray.
 *
 * @example
 * import { morphology } from "@nima-ts/core";
 * const opened = morphology.binaryOpening(mask, { footprint: morphology.disk(2) });
 */

import type { TypedArray } from "../array/dtype.js";
import type { KernelHandle } from "../kernels/define.js";
import { diskFootprint, type Footprint, onesFootprint } from "../kernels/footprint.js";
import type { Kernel } from "../kernels/registry.js";
import { kernels as segKernels } from "../kernels/segmentation/kernels.js";
import {
  type BinaryMorphologyParams,
  binaryClosingKernel,
  binaryDilationKernel,
  binaryErosionKernel,
  binaryOpeningKernel,
  closingKernel,
  dilationKernel,
  erosionKernel,
  type GreyMorphologyParams,
  openingKernel,
  removeSmallObjectsKernel,
} from "../kernels/segmentation/specs.js";
import { planeFunction } from "./plane.js";

export type { Footprint } from "../kernels/footprint.js";

/** Typed kernel handles (params take footprints as rows of 0/1). */
export const handles = {
  erosion: erosionKernel,
  dilation: dilationKernel,
  opening: openingKernel,
  closing: closingKernel,
  binaryErosion: binaryErosionKernel,
  binaryDilation: binaryDilationKernel,
  binaryOpening: binaryOpeningKernel,
  binaryClosing: binaryClosingKernel,
  removeSmallObjects: removeSmallObjectsKernel,
} as const;

/**
 * `skimage.morphology.disk(radius)`: the cells with y² + x² <= r², a (2r+1)² footprint.
 *
 * @example
 * const fp = morphology.disk(1); // the 3×3 cross
 */
export function disk(radius: number): Footprint {
  return diskFootprint(radius);
}

/**
 * `skimage.morphology.footprint_rectangle((width, width))`: an all-ones square footprint.
 *
 * @example
 * const fp = morphology.square(3);
 */
export function square(width: number): Footprint {
  return onesFootprint(width, width);
}

/** Footprint as the kernels' JSON rows of 0/1. */
function rows(fp: Footprint, fn: string): number[][] {
  const [ny, nx] = fp.shape ?? [];
  if (!fp?.data || fp.data.length !== ny * nx) {
    throw new RangeError(`${fn}: footprint must be {data, shape: [ny, nx]} (see morphology.disk)`);
  }
  return Array.from({ length: ny }, (_, y) =>
    Array.from(fp.data.subarray(y * nx, (y + 1) * nx), (v) => (v ? 1 : 0)),
  );
}

export interface GreyOptions extends Omit<GreyMorphologyParams, "footprint"> {
  /** Default: the 3×3 cross (scikit-image's default). */
  footprint?: Footprint;
}
export interface BinaryOptions extends Omit<BinaryMorphologyParams, "footprint"> {
  /** Default: the 3×3 cross (scipy's `generate_binary_structure(2, 1)`). */
  footprint?: Footprint;
}

function withRows<O extends { footprint?: Footprint }>(fn: string) {
  return ({ footprint, ...rest }: O) =>
    footprint === undefined ? rest : { ...rest, footprint: rows(footprint, fn) };
}

const grey = (fn: string, handle: KernelHandle<GreyMorphologyParams>, kernel: Kernel) =>
  planeFunction<GreyMorphologyParams, TypedArray, GreyOptions>(fn, handle, kernel, withRows(fn));
const binary = (fn: string, handle: KernelHandle<BinaryMorphologyParams>, kernel: Kernel) =>
  planeFunction<BinaryMorphologyParams, Uint8Array, BinaryOptions>(
    fn,
    handle,
    kernel,
    withRows(fn),
  );

/**
 * `skimage.morphology.erosion`: the minimum over the footprint; output dtype = input dtype.
 *
 * @example
 * const e = morphology.erosion(plane, { footprint: morphology.square(3) });
 */
export const erosion = grey("morphology.erosion", erosionKernel, segKernels.erosion);

/**
 * `skimage.morphology.dilation`: the maximum over the footprint.
 *
 * @example
 * const d = morphology.dilation(plane);
 */
export const dilation = grey("morphology.dilation", dilationKernel, segKernels.dilation);

/**
 * `skimage.morphology.opening`: erosion then dilation.
 *
 * @example
 * const o = morphology.opening(plane, { footprint: morphology.disk(2) });
 */
export const opening = grey("morphology.opening", openingKernel, segKernels.opening);

/**
 * `skimage.morphology.closing`: dilation then erosion.
 *
 * @example
 * const c = morphology.closing(plane);
 */
export const closing = grey("morphology.closing", closingKernel, segKernels.closing);

/**
 * `scipy.ndimage.binary_erosion` (`borderValue` 0); a bool mask out.
 *
 * @example
 * const e = morphology.binaryErosion(mask);
 */
export const binaryErosion = binary(
  "morphology.binaryErosion",
  binaryErosionKernel,
  segKernels.binary_erosion,
);

/**
 * `scipy.ndimage.binary_dilation`; a bool mask out.
 *
 * @example
 * const d = morphology.binaryDilation(mask, { footprint: morphology.square(3) });
 */
export const binaryDilation = binary(
  "morphology.binaryDilation",
  binaryDilationKernel,
  segKernels.binary_dilation,
);

/**
 * `scipy.ndimage.binary_opening`; a bool mask out.
 *
 * @example
 * const o = morphology.binaryOpening(mask);
 */
export const binaryOpening = binary(
  "morphology.binaryOpening",
  binaryOpeningKernel,
  segKernels.binary_opening,
);

/**
 * `scipy.ndimage.binary_closing`; a bool mask out.
 *
 * @example
 * const c = morphology.binaryClosing(mask);
 */
export const binaryClosing = binary(
  "morphology.binaryClosing",
  binaryClosingKernel,
  segKernels.binary_closing,
);

/**
 * `skimage.morphology.remove_small_objects(mask, max_size=...)` (0.26): drops connected
 * components of at most `maxSize` pixels; a bool mask out.
 *
 * @example
 * const kept = morphology.removeSmallObjects(mask, { maxSize: 50 });
 */
export const removeSmallObjects = planeFunction<RemoveSmallObjectsOptions, Uint8Array>(
  "morphology.removeSmallObjects",
  removeSmallObjectsKernel,
  segKernels.remove_small_objects,
);

export interface RemoveSmallObjectsOptions {
  /** Components with at most this many pixels are removed. */
  maxSize: number;
  /** 1 (4-neighbours) or 2 (8-neighbours, default 1 as scikit-image). */
  connectivity?: 1 | 2;
}
