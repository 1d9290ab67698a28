/**
 * Per-plane segmentation kernels for the scheduler: each runs on every YX plane of a block
 * [..., Y, X]. Params are JSON; a footprint is given as rows of 0/1, e.g. [[0,1,0],[1,1,1],
 * [0,1,0]] (default: that cross).
 *
 * | kernel | output | params |
 * |---|---|---|
 * | `label` | int32 | `{connectivity?: 1 \| 2}` (ndimage.label, default 1) |
 * | `label_image` | int32 | `{connectivity?: 1 \| 2, background?: number}` (skimage.measure.label, default 2) |
 * | `remove_small_objects` | bool | `{maxSize: number, connectivity?: 1 \| 2}` (drops count <= maxSize) |
 * | `erosion` `dilation` `opening` `closing` | input dtype | `{footprint?, mode?: "reflect" \| …, cval?}` |
 * | `binary_erosion` `binary_dilation` `binary_opening` `binary_closing` | bool | `{footprint?, borderValue?: 0 \| 1}` |
 * | `clear_border` | input dtype | `{bufferSize?: number, bgval?: number}` |
 * | `distance_transform_edt` | float64 | `{}` |
 * | `nima.watershed` | int32 | `{}` (nima's split of touching cells, see splitCells.ts) |
 */
import type { TypedArray } from "../../array/dtype.js";
import type { KernelHandle } from "../define.js";
import { type Footprint, footprintFromRows } from "../footprint.js";
import { planeKernel } from "../plane.js";
import type { Kernel } from "../registry.js";
import { clearBorder } from "./clearBorder.js";
import { distanceTransformEdt } from "./edt.js";
import { label, labelImage } from "./label.js";
import {
  binaryClosing,
  binaryDilation,
  binaryErosion,
  binaryOpening,
  closing,
  dilation,
  erosion,
  opening,
} from "./morphology.js";
import { removeSmallObjects } from "./removeSmallObjects.js";
import {
  type BinaryMorphologyParams,
  binaryClosingKernel,
  binaryDilationKernel,
  binaryErosionKernel,
  binaryOpeningKernel,
  clearBorderKernel,
  closingKernel,
  dilationKernel,
  distanceTransformEdtKernel,
  erosionKernel,
  type FootprintRowsParams,
  type GreyMorphologyParams,
  labelImageKernel,
  labelKernel,
  nimaWatershedKernel,
  openingKernel,
  removeSmallObjectsKernel,
} from "./specs.js";
import { splitCells } from "./splitCells.js";

const footprintOf = (p: FootprintRowsParams): Footprint | undefined =>
  p.footprint === undefined ? undefined : footprintFromRows(p.footprint);

type GreyOp = typeof erosion;
const grey = (handle: KernelHandle<GreyMorphologyParams>, op: GreyOp): Kernel =>
  planeKernel(handle, (src, ny, nx, p, out) =>
    op(src, ny, nx, { footprint: footprintOf(p), mode: p.mode, cval: p.cval }, out),
  );

type BinaryOp = typeof binaryErosion;
const binary = (handle: KernelHandle<BinaryMorphologyParams>, op: BinaryOp): Kernel =>
  planeKernel(handle, (src, ny, nx, p, out) =>
    op(src, ny, nx, { footprint: footprintOf(p), borderValue: p.borderValue }, out as Uint8Array),
  );

export const kernels: Record<string, Kernel> = {
  label: planeKernel(labelKernel, (src, ny, nx, p, out) => {
    label(src, ny, nx, p, out as Int32Array);
  }),
  label_image: planeKernel(labelImageKernel, (src, ny, nx, p, out) => {
    labelImage(src, ny, nx, p, out as Int32Array);
  }),
  remove_small_objects: planeKernel(removeSmallObjectsKernel, (src, ny, nx, p, out) => {
    removeSmallObjects(src, ny, nx, p, out as Uint8Array);
  }),
  erosion: grey(erosionKernel, erosion),
  dilation: grey(dilationKernel, dilation),
  opening: grey(openingKernel, opening),
  closing: grey(closingKernel, closing),
  binary_erosion: binary(binaryErosionKernel, binaryErosion),
  binary_dilation: binary(binaryDilationKernel, binaryDilation),
  binary_opening: binary(binaryOpeningKernel, binaryOpening),
  binary_closing: binary(binaryClosingKernel, binaryClosing),
  clear_border: planeKernel(clearBorderKernel, (src, ny, nx, p, out) => {
    clearBorder(src, ny, nx, p, out as TypedArray);
  }),
  distance_transform_edt: planeKernel(distanceTransformEdtKernel, (src, ny, nx, _p, out) => {
    distanceTransformEdt(src, ny, nx, out as Float64Array);
  }),
  "nima.watershed": planeKernel(nimaWatershedKernel, (src, ny, nx, _p, out) => {
    out.set(splitCells(src, ny, nx).labels);
  }),
};
