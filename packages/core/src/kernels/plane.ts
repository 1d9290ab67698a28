import type { Block } from "../array/block.js";
import { emptyBlock, sizeOf } from "../array/block.js";
import type { DType, TypedArray } from "../array/dtype.js";
import { scratch } from "../array/memory.js";
import type { Kernel, KernelSpec } from "./registry.js";

/** A function of one YX plane (row-major, `ny` rows of `nx`) giving a plane of `outDtype`. */
export type PlaneFn<P> = (
  src: TypedArray,
  ny: number,
  nx: number,
  params: P,
  out: TypedArray,
) => void;

export interface PlaneKernelOptions {
  /**
   * The function writes every output value. Otherwise an output in reused memory (the engine
   * hands kernels recycled buffers, not zeroed ones) is cleared first, as fresh memory is.
   */
  writesEveryValue?: boolean;
}

/**
 * Wraps a plane function as a kernel over blocks [..., Y, X]: the function runs on every plane
 * of the block, writing straight into the output block (no per-plane temporaries). Given the
 * kernel's spec (from `defineKernel`), its params check and output dtype are the spec's.
 */
export function planeKernel<P>(
  spec: KernelSpec<P>,
  fn: PlaneFn<P>,
  options?: PlaneKernelOptions,
): Kernel;
export function planeKernel<P>(
  fn: PlaneFn<P>,
  outDtype: DType | ((inDtype: DType, params: P) => DType),
  options?: PlaneKernelOptions,
): Kernel;
export function planeKernel<P>(
  first: PlaneFn<P> | KernelSpec<P>,
  second: PlaneFn<P> | DType | ((inDtype: DType, params: P) => DType),
  options: PlaneKernelOptions = {},
): Kernel {
  if (typeof first === "function") {
    const outDtype = second as DType | ((inDtype: DType, params: P) => DType);
    return planeKernelOf(first, outDtype, options);
  }
  return planeKernelOf(second as PlaneFn<P>, first.outDtype ?? sameDtype, options, first.check);
}

function planeKernelOf<P>(
  fn: PlaneFn<P>,
  outDtype: DType | ((inDtype: DType, params: P) => DType),
  { writesEveryValue = false }: PlaneKernelOptions,
  check?: (params: P) => void,
): Kernel {
  return ([input], params, destination) => {
    const p = params as P;
    check?.(p);
    const shape = input.shape;
    if (shape.length < 2) throw new RangeError(`plane kernel needs Y and X, got shape [${shape}]`);
    const ny = shape[shape.length - 2];
    const nx = shape[shape.length - 1];
    const planeSize = ny * nx;
    const dtype = typeof outDtype === "function" ? outDtype(input.dtype, p) : outDtype;
    const band = params.rows as [number, number] | undefined;
    if (band) {
      const halo = (params.halo as number) ?? 0;
      return bandOfPlane(fn, input, p, dtype, band, halo, writesEveryValue, destination);
    }
    const reuse =
      destination && destination.dtype === dtype && destination.data.length === sizeOf(shape);
    if (reuse && !writesEveryValue) destination.data.fill(0);
    const out = reuse ? { ...destination, shape: [...shape] } : emptyBlock(dtype, [...shape]);
    const planes = planeSize === 0 ? 0 : sizeOf(shape) / planeSize;
    for (let i = 0; i < planes; i++) {
      const start = i * planeSize;
      fn(
        input.data.subarray(start, start + planeSize),
        ny,
        nx,
        p,
        out.data.subarray(start, start + planeSize),
      );
    }
    return out;
  };
}

/**
 * Output rows [r0, r1) of a one-plane block (see graph/split.ts): the function runs on the
 * input rows within `halo` of the band, so interior band edges see real neighbours and only
 * the plane's true edges get the border mode; the halo rows of the result are dropped.
 */
function bandOfPlane<P>(
  fn: PlaneFn<P>,
  input: Block,
  params: P,
  dtype: DType,
  [r0, r1]: [number, number],
  halo: number,
  writesEveryValue: boolean,
  destination?: Block,
): Block {
  const ny = input.shape[input.shape.length - 2];
  const nx = input.shape[input.shape.length - 1];
  const s0 = Math.max(0, r0 - halo);
  const s1 = Math.min(ny, r1 + halo);
  const band = scratch.take(dtype, (s1 - s0) * nx);
  if (!writesEveryValue) band.fill(0);
  fn(input.data.subarray(s0 * nx, s1 * nx), s1 - s0, nx, params, band);
  const shape = [...input.shape.slice(0, -2), r1 - r0, nx];
  const n = (r1 - r0) * nx;
  const out =
    destination && destination.dtype === dtype && destination.data.length === n
      ? { ...destination, shape }
      : emptyBlock(dtype, shape);
  out.data.set(band.subarray((r0 - s0) * nx, (r1 - s0) * nx));
  scratch.give(band);
  return out;
}

/** Wraps a plane function as a kernel whose output has the input's dtype. */
export const sameDtype = (d: DType): DType => d;

/**
 * Wraps a function of one YX plane giving one number as a kernel over blocks [..., Y, X]:
 * the result is float64 of the leading shape (mapPlanes with `coreDims: {}`).
 */
export function planeScalarKernel<P>(
  spec: KernelSpec<P>,
  fn: (src: TypedArray, ny: number, nx: number, params: P) => number,
): Kernel {
  return ([input], params) => {
    const p = params as P;
    spec.check?.(p);
    const shape = input.shape;
    if (shape.length < 2) throw new RangeError(`${spec.name} needs Y and X, got shape [${shape}]`);
    const ny = shape[shape.length - 2];
    const nx = shape[shape.length - 1];
    const planeSize = ny * nx;
    const out = emptyBlock("float64", shape.slice(0, -2));
    for (let i = 0; i < out.data.length; i++) {
      out.data[i] = fn(input.data.subarray(i * planeSize, (i + 1) * planeSize), ny, nx, p);
    }
    return out;
  };
}
