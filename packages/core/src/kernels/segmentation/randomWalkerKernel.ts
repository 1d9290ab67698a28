/**
 * The `random_walker` kernel for the scheduler: inputs [data, labels], each [..., Y, X]
 * (a data block holding a single plane is used for every labels plane), params
 * `{beta?: number, mode?: "bf"}`; output int32 with the labels' shape. The data's dtype
 * decides skimage's img_as_float scaling (see randomWalker.ts).
 */
import type { Block } from "../../array/block.js";
import { emptyBlock, sizeOf } from "../../array/block.js";
import type { Kernel } from "../registry.js";
import { type RandomWalkerOptions, randomWalker } from "./randomWalker.js";

type RandomWalkerParams = Pick<RandomWalkerOptions, "beta" | "mode">;

const randomWalkerKernel: Kernel = (inputs, rawParams, destination) => {
  const fn = "random_walker";
  if (inputs.length !== 2) {
    throw new RangeError(`${fn}: expected two inputs (data, labels), got ${inputs.length}`);
  }
  const [data, labels] = inputs;
  const { beta, mode } = rawParams as RandomWalkerParams;
  const shape = labels.shape;
  if (shape.length < 2) throw new RangeError(`${fn}: labels need Y and X, got shape [${shape}]`);
  const ny = shape[shape.length - 2];
  const nx = shape[shape.length - 1];
  const planeSize = ny * nx;
  const planes = planeSize === 0 ? 0 : sizeOf(shape) / planeSize;
  const dataPlanes = planeSize === 0 ? 0 : data.data.length / planeSize;
  const sameYX = data.shape.length >= 2 && data.shape.at(-2) === ny && data.shape.at(-1) === nx;
  if (!sameYX || (dataPlanes !== planes && dataPlanes !== 1)) {
    throw new RangeError(
      `${fn}: data of shape [${data.shape}] does not fit labels of shape [${shape}]`,
    );
  }
  const reuse =
    destination && destination.dtype === "int32" && destination.data.length === sizeOf(shape);
  // Reused memory is not zeroed; random_walker leaves some pixels unwritten.
  if (reuse) destination.data.fill(0);
  const out: Block = reuse
    ? { ...destination, shape: [...shape] }
    : emptyBlock("int32", [...shape]);
  const plane = (block: Block, p: number) =>
    block.data.subarray(p * planeSize, (p + 1) * planeSize);
  for (let p = 0; p < planes; p++) {
    randomWalker(
      plane(data, dataPlanes === 1 ? 0 : p),
      plane(labels, p),
      ny,
      nx,
      { beta, mode, dtype: data.dtype },
      plane(out, p) as Int32Array,
    );
  }
  return out;
};

export const kernels: Record<string, Kernel> = {
  random_walker: randomWalkerKernel,
};
