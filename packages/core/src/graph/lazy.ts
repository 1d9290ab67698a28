/**
 * Lazy chunked arrays: the dask layer under DataArray. An array knows its shape, dtype and
 * chunk grid, and for every chunk either holds the block or says which kernel makes it from
 * which input chunks. Nothing runs until a graph is built from the chunks someone wants.
 */
import type { Block } from "../array/block.js";
import { sizeOf, stridesOf } from "../array/block.js";
import type { DType } from "../array/dtype.js";
import { allocate, dtypeOf } from "../array/dtype.js";
import { toShared } from "../array/memory.js";
import type { Executor } from "../scheduler/run.js";
import { chunkShape, gridShape } from "./chunks.js";

/** What a main-thread task gets from the run: its abort signal, and the run's executor. */
export interface MainTaskContext {
  signal: AbortSignal;
  /** The executor of the compute running this task, for the computes the task runs itself. */
  executor: Executor;
  /** The compute's memoryBudget, for those computes too. */
  memoryBudget: number;
  /** Runs `fn` when the compute ends (done, failed or aborted): free what the tasks kept. */
  onEnd(fn: () => void | Promise<void>): void;
}

/** One input of a chunk task: a chunk of another lazy array, or a block already in memory. */
export type TaskInput = { array: LazyArray; index: number[] } | { block: Block };

/** How one chunk is made: `kernel(inputs, params)`. */
export interface ChunkTask {
  kernel: string;
  params: Record<string, unknown>;
  inputs: TaskInput[];
  /** Bytes the kernel holds besides its output while it runs (a tile's halo window). */
  scratchBytes?: number;
}

let nextId = 0;

export abstract class LazyArray {
  /** Unique within the process; keys of graph tasks are `${id}[i,j,...]`. */
  readonly id: string;

  constructor(
    /** Dim names, for errors and progress that say which plane (the DataArray owns labels). */
    readonly dims: readonly string[],
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly chunks: readonly number[],
    /** What made this array (kernel or operation name), for errors and progress. */
    readonly label: string,
  ) {
    this.id = `${label}#${nextId++}`;
  }

  get grid(): number[] {
    return gridShape(this.shape, this.chunks);
  }

  chunkShape(index: readonly number[]): number[] {
    return chunkShape(this.shape, this.chunks, index);
  }

  /** The block of chunk `index` if it is in memory, else the task that makes it. */
  abstract chunk(index: readonly number[]): Block | ChunkTask;
}

/** An array whose chunks are made by tasks from a function of the chunk index. */
export class TaskArray extends LazyArray {
  constructor(
    dims: readonly string[],
    shape: readonly number[],
    dtype: DType,
    chunks: readonly number[],
    label: string,
    private readonly makeTask: (index: readonly number[]) => ChunkTask | Block,
  ) {
    super(dims, shape, dtype, chunks, label);
  }

  chunk(index: readonly number[]): Block | ChunkTask {
    return this.makeTask(index);
  }
}

/**
 * An array whose chunks an async function makes on the main thread: whole-plane algorithms
 * over Y/X tiles (a global threshold, labels merged across tiles) that run passes of their
 * own computes over the tiles and keep only small tables. Its tasks are never fused or sent
 * to a worker.
 */
export class StreamedArray extends LazyArray {
  constructor(
    dims: readonly string[],
    shape: readonly number[],
    dtype: DType,
    chunks: readonly number[],
    label: string,
    readonly load: (index: readonly number[], run: MainTaskContext) => Promise<Block>,
  ) {
    super(dims, shape, dtype, chunks, label);
  }

  chunk(): ChunkTask {
    return { kernel: this.label, params: {}, inputs: [] };
  }
}

/** An array held in memory (C order). Chunks are views when contiguous, copies otherwise. */
export class MemoryArray extends LazyArray {
  #data: Block["data"];

  constructor(
    data: Block["data"],
    dims: readonly string[],
    shape: readonly number[],
    dtype: DType,
    chunks: readonly number[],
    label = "memory",
  ) {
    super(dims, shape, dtype, chunks, label);
    this.#data = data;
  }

  get data(): Block["data"] {
    return this.#data;
  }

  /**
   * Moves the values into shared memory, once, so worker threads read them in place instead
   * of receiving a clone of the whole buffer per task; from then on this array reads the
   * shared copy (writes to the original typed array are no longer seen).
   */
  share(): void {
    this.#data = toShared(this.#data);
  }

  chunk(index: readonly number[]): Block {
    const shape = this.chunkShape(index);
    const start = index.map((g, d) => g * this.chunks[d]);
    return { data: extract(this.data, this.shape, start, shape), shape, dtype: this.dtype };
  }
}

/**
 * The C-order sub-block [start, start+shape) of an array: a zero-copy view when the block
 * is contiguous (all leading sizes 1 up to the first partial dim), a copy otherwise.
 */
export function extract(
  data: Block["data"],
  fullShape: readonly number[],
  start: readonly number[],
  shape: readonly number[],
): Block["data"] {
  const strides = stridesOf(fullShape);
  const n = fullShape.length;
  let offset = 0;
  for (let d = 0; d < n; d++) offset += start[d] * strides[d];
  // Contiguous iff after the first dim with size > 1, every dim is whole.
  let first = 0;
  while (first < n && shape[first] === 1) first++;
  let contiguous = true;
  for (let d = first + 1; d < n; d++) if (shape[d] !== fullShape[d]) contiguous = false;
  const size = sizeOf(shape);
  if (contiguous) return data.subarray(offset, offset + size);
  const out = allocate(dtypeOf(data), size);
  const index = new Array<number>(n).fill(0);
  const inner = shape[n - 1];
  for (let o = 0; o < size; o += inner) {
    let src = offset;
    for (let d = 0; d < n - 1; d++) src += index[d] * strides[d];
    out.set(data.subarray(src, src + inner), o);
    for (let d = n - 2; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

export function isBlock(x: Block | ChunkTask): x is Block {
  return (x as Block).data !== undefined;
}
