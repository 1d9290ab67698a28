/**
 * How the public namespaces take images: a plane in memory (`{data, shape: [ny, nx]}`) runs
 * the kernel now and gives a plane; a DataArray (any dims ending in Y, X) gives a lazy
 * DataArray computed per plane in the worker pool. Both run the same kernel code.
 */
import type { Block } from "../array/block.js";
import type { DataArray } from "../array/data-array.js";
import {
  allocate,
  type DType,
  dtypeOf,
  type TypedArray,
  typedArrayMatches,
} from "../array/dtype.js";
import { ShapeError } from "../array/errors.js";
import { type KernelHandle, specOutDtype } from "../kernels/define.js";
import type { Kernel } from "../kernels/registry.js";

/** One YX plane in memory: row-major `data` of `shape` [ny, nx]. */
export interface PlaneLike<T extends TypedArray = TypedArray> {
  readonly data: T;
  readonly shape: readonly number[];
  /** Default: the typed array's (a Uint8Array reads as uint8; give "bool" for a mask). */
  readonly dtype?: DType;
}

/** A plane a function returned: its dtype is always set. */
export interface Plane<T extends TypedArray = TypedArray> {
  data: T;
  shape: [number, number];
  dtype: DType;
}

/** Params argument: optional when every field of `P` is. */
export type ParamsArg<P> = Record<string, never> extends P ? [params?: P] : [params: P];

/** Where an eager call writes its result (scipy's `output=`), when dtype and size fit. */
export interface OutputOptions {
  out?: TypedArray;
}

/** A function eager on a plane and lazy per plane on a DataArray. */
export interface PlaneFunction<P, T extends TypedArray = TypedArray> {
  (image: DataArray, ...params: ParamsArg<P>): DataArray;
  (image: PlaneLike, ...params: ParamsArg<P>): Plane<T>;
  (image: PlaneLike, params: P, output: OutputOptions): Plane<T>;
}

/** A per-plane statistic: a number for a plane, one float64 per plane for a DataArray. */
export interface PlaneStatistic<P> {
  (image: DataArray, ...params: ParamsArg<P>): DataArray;
  (image: PlaneLike, ...params: ParamsArg<P>): number;
}

/** `plane(data, [ny, nx])`: a plane, checked (dtype from the typed array unless given). */
export function plane<T extends TypedArray>(
  data: T,
  shape: readonly [number, number],
  dtype?: DType,
): Plane<T> {
  const block = toBlock({ data, shape, dtype }, "plane");
  return { data, shape: [block.shape[0], block.shape[1]], dtype: block.dtype };
}

/** The plane of a computed DataArray whose dims other than Y, X all have size 1. */
export function asPlane(array: DataArray): Plane {
  const n = array.dims.length;
  if (n < 2 || array.dims[n - 2] !== "Y" || array.dims[n - 1] !== "X") {
    throw new ShapeError(`asPlane needs Y and X as the last dims, got (${array.dims.join(", ")})`);
  }
  const extra = array.dims.slice(0, -2).filter((d) => array.sizes[d] !== 1);
  if (extra.length > 0) {
    throw new ShapeError(`asPlane needs one plane; dims ${extra.join(", ")} have size > 1`);
  }
  return { data: array.values, shape: [array.sizes.Y, array.sizes.X], dtype: array.dtype };
}

/**
 * Whether `x` is a DataArray, by shape rather than `instanceof`: the browser entry uses these
 * functions on planes without loading the array engine.
 */
export function isDataArray(x: unknown): x is DataArray {
  return (
    typeof x === "object" &&
    x !== null &&
    "lazy" in x &&
    typeof (x as DataArray).applyPlane === "function" &&
    typeof (x as DataArray).mapPlanes === "function"
  );
}

/** Checks a plane argument and gives it as a block; errors name `fn`. */
export function toBlock(image: PlaneLike, fn: string): Block {
  if (image === null || typeof image !== "object" || !ArrayBuffer.isView(image.data)) {
    throw new TypeError(`${fn}: image must be a DataArray or {data: TypedArray, shape: [ny, nx]}`);
  }
  const shape = Array.from(image.shape ?? []);
  if (shape.length !== 2 || !shape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new ShapeError(`${fn}: shape must be [ny, nx], got [${shape}]`);
  }
  const data = image.data as TypedArray;
  if (data.length !== shape[0] * shape[1]) {
    throw new ShapeError(
      `${fn}: a ${shape[0]}×${shape[1]} plane needs ${shape[0] * shape[1]} values, got ${data.length}`,
    );
  }
  const dtype = image.dtype ?? dtypeOf(data);
  if (!typedArrayMatches(data, dtype)) {
    throw new TypeError(`${fn}: data is not a ${dtype} typed array`);
  }
  return { data, shape, dtype };
}

function run(
  kernel: Kernel,
  inputs: Block[],
  params: object,
  fn: string,
  destination?: Block,
): Block {
  const out = kernel(inputs, params as Record<string, unknown>, destination);
  if (out instanceof Promise) throw new Error(`${fn}: kernel is asynchronous; pass a DataArray`);
  return out;
}

/**
 * Where an eager call's kernel writes: `out` when it has the output's dtype and size, else
 * plain (not shared) memory: nothing crosses threads, and a SharedArrayBuffer is slow to make.
 */
function destinationFor<P>(
  handle: KernelHandle<P>,
  block: Block,
  params: P,
  out?: TypedArray,
): Block {
  const dtype = specOutDtype(handle, block.dtype, params);
  if (out && !typedArrayMatches(out, dtype)) {
    throw new TypeError(`${handle.name}: out must be a ${dtype} typed array`);
  }
  return { data: out ?? allocate(dtype, block.data.length, false), shape: block.shape, dtype };
}

const asOut = <T extends TypedArray>(block: Block): Plane<T> => ({
  data: block.data as T,
  shape: [block.shape[0], block.shape[1]],
  dtype: block.dtype,
});

/**
 * The public function of kernel `handle`, implemented by `kernel`; `toParams` turns the
 * public options into the kernel's JSON params (e.g. a footprint into rows).
 */
export function planeFunction<
  P extends object,
  T extends TypedArray = TypedArray,
  Q extends object = P,
>(
  fn: string,
  handle: KernelHandle<P>,
  kernel: Kernel,
  toParams: (options: Q) => P = (options) => options as unknown as P,
): PlaneFunction<Q, T> {
  const apply = (
    image: DataArray | PlaneLike,
    options?: Q,
    { out }: OutputOptions = {},
  ): DataArray | Plane<T> => {
    const params = toParams((options ?? {}) as Q);
    if (isDataArray(image)) return image.applyPlane(handle, params);
    handle.check?.(params);
    const block = toBlock(image, fn);
    const destination = destinationFor(handle, block, params, out);
    return asOut<T>(run(kernel, [block], params, fn, destination));
  };
  return apply as PlaneFunction<Q, T>;
}

/** The public function of a per-plane statistic kernel (`coreDims: {}`). */
export function planeStatistic<P extends object>(
  fn: string,
  handle: KernelHandle<P>,
  compute: (data: TypedArray, params: P) => number,
): PlaneStatistic<P> {
  const apply = (image: DataArray | PlaneLike, options?: P): DataArray | number => {
    const params = (options ?? {}) as P;
    if (isDataArray(image)) return image.mapPlanes(handle, params, { coreDims: {} });
    handle.check?.(params);
    return compute(toBlock(image, fn).data, params);
  };
  return apply as PlaneStatistic<P>;
}

/**
 * A function of two aligned images (e.g. data and markers): eager on two planes, lazy on two
 * DataArrays (the second read per plane beside the first).
 */
export function pairFunction<P extends object, T extends TypedArray = TypedArray>(
  fn: string,
  handle: KernelHandle<P>,
  kernel: Kernel,
): {
  (first: DataArray, second: DataArray, ...params: ParamsArg<P>): DataArray;
  (first: PlaneLike, second: PlaneLike, ...params: ParamsArg<P>): Plane<T>;
} {
  const apply = (
    first: DataArray | PlaneLike,
    second: DataArray | PlaneLike,
    options?: P,
  ): DataArray | Plane<T> => {
    const params = (options ?? {}) as P;
    if (isDataArray(first)) {
      if (!isDataArray(second)) {
        throw new TypeError(`${fn}: both images must be DataArrays, or both planes`);
      }
      return first.mapPlanes(handle, params, { with: [second] });
    }
    if (isDataArray(second)) {
      throw new TypeError(`${fn}: both images must be DataArrays, or both planes`);
    }
    handle.check?.(params);
    const a = toBlock(first, fn);
    const b = toBlock(second, fn);
    if (a.shape[0] !== b.shape[0] || a.shape[1] !== b.shape[1]) {
      throw new ShapeError(`${fn}: planes of [${a.shape}] and [${b.shape}] differ in shape`);
    }
    return asOut<T>(run(kernel, [a, b], params, fn, destinationFor(handle, b, params)));
  };
  return apply as never;
}
