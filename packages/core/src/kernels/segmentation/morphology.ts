/**
 * Grey and binary morphology on one plane with scikit-image 0.26 semantics (default
 * footprint: the 3×3 cross, `ndi.generate_binary_structure(2, 1)`).
 *
 * Grey (`skimage.morphology.erosion/dilation/opening/closing`): border mode 'reflect' by
 * default; an even footprint side is padded with a zero at its *start*, so its centre is
 * cell floor((n−1)/2). erosion = min of src[p + o], dilation = max of src[p + o] (not
 * mirrored), opening = mirrored dilation of the erosion, closing = erosion of the mirrored
 * dilation. nima's `morphology.closing(mask)` on a bool mask is this closing.
 *
 * Binary (`skimage.morphology.binary_*`): an even side is padded at its *end* (centre
 * floor(n/2)); erosion treats pixels beyond the plane as 1 and dilation as 0 (so the border
 * never matters); dilation mirrors the footprint as ndimage does.
 */
import type { TypedArray } from "../../array/dtype.js";
import { checkPlane } from "../args.js";
import { BASE_BORDER_MODES, type BaseBorderMode, parseBorderMode } from "../border.js";
import { checkFootprint, crossFootprint, type Footprint } from "../footprint.js";
import { extremumFilter, type Window } from "./minmax.js";

export interface GreyMorphologyOptions {
  /** Default: the 3×3 cross. */
  footprint?: Footprint;
  /** Default 'reflect', as scikit-image ≥ 0.20. */
  mode?: BaseBorderMode;
  /** Value beyond the plane for mode 'constant' (default 0). */
  cval?: number;
}

export interface BinaryMorphologyOptions {
  /** Default: the 3×3 cross. */
  footprint?: Footprint;
  /** Value beyond the plane: default 1 for erosion, 0 for dilation (neither matters). */
  borderValue?: 0 | 1 | boolean;
}

export function erosion<T extends TypedArray>(
  image: T,
  ny: number,
  nx: number,
  options: GreyMorphologyOptions = {},
  out?: T,
): T {
  const { window, mode, cval } = greySetup("erosion", image, ny, nx, options);
  return extremumFilter(image, ny, nx, window, false, mode, cval, out ?? like(image)) as T;
}

export function dilation<T extends TypedArray>(
  image: T,
  ny: number,
  nx: number,
  options: GreyMorphologyOptions = {},
  out?: T,
): T {
  const { window, mode, cval } = greySetup("dilation", image, ny, nx, options);
  return extremumFilter(image, ny, nx, window, true, mode, cval, out ?? like(image)) as T;
}

export function opening<T extends TypedArray>(
  image: T,
  ny: number,
  nx: number,
  options: GreyMorphologyOptions = {},
  out?: T,
): T {
  const { window, mode, cval } = greySetup("opening", image, ny, nx, options);
  const eroded = extremumFilter(image, ny, nx, window, false, mode, cval, like(image));
  const mirrored = { ...window, mirror: true };
  return extremumFilter(eroded, ny, nx, mirrored, true, mode, cval, out ?? like(image)) as T;
}

export function closing<T extends TypedArray>(
  image: T,
  ny: number,
  nx: number,
  options: GreyMorphologyOptions = {},
  out?: T,
): T {
  const { window, mode, cval } = greySetup("closing", image, ny, nx, options);
  const mirrored = { ...window, mirror: true };
  const dilated = extremumFilter(image, ny, nx, mirrored, true, mode, cval, like(image));
  return extremumFilter(dilated, ny, nx, window, false, mode, cval, out ?? like(image)) as T;
}

export function binaryErosion(
  image: TypedArray,
  ny: number,
  nx: number,
  options: BinaryMorphologyOptions = {},
  out?: Uint8Array,
): Uint8Array {
  const window = binarySetup("binaryErosion", image, ny, nx, options);
  const border = options.borderValue === undefined ? 1 : Number(options.borderValue);
  const mask = toMask(image);
  return extremumFilter(
    mask,
    ny,
    nx,
    window,
    false,
    "constant",
    border,
    out ?? new Uint8Array(mask.length),
  ) as Uint8Array;
}

export function binaryDilation(
  image: TypedArray,
  ny: number,
  nx: number,
  options: BinaryMorphologyOptions = {},
  out?: Uint8Array,
): Uint8Array {
  const window = binarySetup("binaryDilation", image, ny, nx, options);
  const border = options.borderValue === undefined ? 0 : Number(options.borderValue);
  const mask = toMask(image);
  const mirrored = { ...window, mirror: true };
  return extremumFilter(
    mask,
    ny,
    nx,
    mirrored,
    true,
    "constant",
    border,
    out ?? new Uint8Array(mask.length),
  ) as Uint8Array;
}

export function binaryOpening(
  image: TypedArray,
  ny: number,
  nx: number,
  options: BinaryMorphologyOptions = {},
  out?: Uint8Array,
): Uint8Array {
  return binaryDilation(binaryErosion(image, ny, nx, options), ny, nx, options, out);
}

export function binaryClosing(
  image: TypedArray,
  ny: number,
  nx: number,
  options: BinaryMorphologyOptions = {},
  out?: Uint8Array,
): Uint8Array {
  return binaryErosion(binaryDilation(image, ny, nx, options), ny, nx, options, out);
}

function greySetup(
  fn: string,
  image: TypedArray,
  ny: number,
  nx: number,
  options: GreyMorphologyOptions,
): { window: Window; mode: BaseBorderMode; cval: number } {
  checkPlane(fn, image, ny, nx);
  const footprint = checkFootprint(options.footprint ?? crossFootprint(), `${fn}: footprint`);
  // scikit-image's modes, without scipy's grid-* aliases.
  const mode = parseBorderMode(options.mode ?? "reflect", fn, BASE_BORDER_MODES);
  const cval = options.cval ?? 0;
  // skimage pads an even side with a zero at the start: centre floor((n - 1) / 2).
  const window = {
    footprint,
    cy: Math.floor((footprint.shape[0] - 1) / 2),
    cx: Math.floor((footprint.shape[1] - 1) / 2),
  };
  return { window, mode, cval };
}

function binarySetup(
  fn: string,
  image: TypedArray,
  ny: number,
  nx: number,
  options: BinaryMorphologyOptions,
): Window {
  checkPlane(fn, image, ny, nx);
  const footprint = checkFootprint(options.footprint ?? crossFootprint(), `${fn}: footprint`);
  // skimage's binary functions pad an even side at the end: centre floor(n / 2).
  return {
    footprint,
    cy: Math.floor(footprint.shape[0] / 2),
    cx: Math.floor(footprint.shape[1] / 2),
  };
}

/** A 0/1 copy of `image` (nonzero = 1). */
export function toMask(image: ArrayLike<number>): Uint8Array {
  const mask = new Uint8Array(image.length);
  for (let i = 0; i < image.length; i++) mask[i] = image[i] ? 1 : 0;
  return mask;
}

/** A zeroed array of the same kind and length as `a`. */
export function like<T extends TypedArray>(a: T): T {
  const Ctor = a.constructor as new (n: number) => T;
  return new Ctor(a.length);
}

/** Re-exported for segmentation/randomWalker.ts, which imports it from here. */
export { checkPlane } from "../args.js";
