/** compute(): build the graph of every chunk, run it, and place the blocks in one array. */
import { buildGraph } from "../graph/build.js";
import { chunkKey, gridIndices } from "../graph/chunks.js";
import type { LazyArray } from "../graph/lazy.js";
import { splitIntoBands } from "../graph/split.js";
import { InlineExecutor } from "../scheduler/inline.js";
import { sharedPool } from "../scheduler/pool.js";
import { type Executor, type Progress, runGraph } from "../scheduler/run.js";
import type { Block } from "./block.js";
import { sizeOf, stridesOf } from "./block.js";
import type { TypedArray } from "./dtype.js";
import { typedArrayMatches, viewOf } from "./dtype.js";
import { isShared } from "./memory.js";
import { resultPool } from "./result-pool.js";

export interface ComputeOptions {
  /** Worker threads: a number (0 runs on this thread), default the machine's cores. */
  workers?: number;
  /** Or an executor of your own (a pool you manage). */
  executor?: Executor;
  /** Bytes of blocks in memory plus in flight (default 2 GiB). */
  memoryBudget?: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Disable linear-chain fusion (for debugging and benchmarks). */
  fuse?: boolean;
  /** Split single-plane chunks into row bands when there are fewer chunks than workers. */
  split?: boolean;
  /**
   * Where the values go: a typed array of the result's dtype and size (C order) that you own,
   * written in place and returned as the result's `values`. Backed by a SharedArrayBuffer,
   * workers write straight into it; a plain array gets each chunk copied in on this thread.
   * Without `out`, results come from memory recycled from earlier, unreachable results.
   */
  out?: TypedArray;
}

export function executorFor(options: ComputeOptions): Executor {
  if (options.executor) return options.executor;
  if (options.workers === 0) return new InlineExecutor();
  return sharedPool(options.workers);
}

export interface StreamOptions {
  /** Where a chunk's (or band's) values should be written by the task, if anywhere. */
  destination?: (index: number[], rows?: [number, number]) => Block | undefined;
  /**
   * Every chunk index of `lazy`, in the order to run them (raster order by default): the
   * scheduler runs the earliest ready task first, so an order that finishes what reads one
   * input chunk before the next releases each input early.
   */
  order?: Iterable<number[]>;
}

/**
 * Runs every chunk of `lazy`, calling `onChunk` with each block as it is ready. With
 * `split`, a block may be a band of rows of its chunk: `rowOffset` says where it starts.
 */
export async function streamChunks(
  lazy: LazyArray,
  options: ComputeOptions,
  onChunk: (index: number[], block: Block, rowOffset: number) => void | Promise<void>,
  { destination, order = gridIndices(lazy.grid) }: StreamOptions = {},
): Promise<void> {
  const requests = [...order].map((index) => ({ array: lazy, index }));
  const indexOf = new Map(requests.map((r) => [chunkKey(lazy.id, r.index), r.index]));
  const executor = executorFor(options);
  const built = buildGraph(requests, {
    fuse: options.fuse ?? true,
    shareMemory: executor.crossesThreads === true,
  });
  const { graph, bands } =
    options.split === false
      ? { graph: built, bands: new Map() }
      : splitIntoBands(built, executor.slots);
  const locate = (key: string) => {
    const band = bands.get(key);
    return band
      ? { index: indexOf.get(band.parent)!, rows: band.rows }
      : { index: indexOf.get(key)! };
  };
  await runGraph(graph, {
    executor,
    memoryBudget: options.memoryBudget,
    signal: options.signal,
    onProgress: options.onProgress,
    onOutput: (key, block) => {
      const { index, rows } = locate(key);
      return onChunk(index, block, rows?.[0] ?? 0);
    },
    destination:
      destination &&
      ((key) => {
        const { index, rows } = locate(key);
        return destination(index, rows);
      }),
  });
}

export async function computeArray(lazy: LazyArray, options: ComputeOptions): Promise<TypedArray> {
  const out = options.out
    ? checkOut(options.out, lazy)
    : resultPool.acquire(lazy.dtype, sizeOf(lazy.shape));
  const strides = stridesOf(lazy.shape);
  const offsetOf = (index: number[]) =>
    index.reduce((acc, g, d) => acc + g * lazy.chunks[d] * strides[d], 0);
  // Chunks that are contiguous in the result are written in place by the worker (shared memory):
  // no copy on this thread, and first-touch page faults spread over the workers.
  const rowStride = strides[lazy.shape.length - 2] ?? 0;
  const sharedOut = isShared(out);
  const destination = (index: number[], rows?: [number, number]): Block | undefined => {
    if (!sharedOut) return undefined;
    const shape = lazy.chunkShape(index);
    if (!isContiguous(shape, lazy.shape)) return undefined;
    if (rows) shape[shape.length - 2] = rows[1] - rows[0];
    const start = offsetOf(index) + (rows ? rows[0] * rowStride : 0);
    return { data: out.subarray(start, start + sizeOf(shape)), shape, dtype: lazy.dtype };
  };
  await streamChunks(
    lazy,
    options,
    (index, block, rowOffset) => {
      const start = offsetOf(index) + rowOffset * rowStride;
      const inPlace =
        block.data.buffer === out.buffer && block.data.byteOffset === start * out.BYTES_PER_ELEMENT;
      if (inPlace) return;
      const at = index.map((g, d) => g * lazy.chunks[d]);
      if (rowOffset) at[at.length - 2] += rowOffset;
      insert(out, lazy.shape, at, block);
    },
    { destination },
  );
  return out;
}

/** `out` if it can hold the values of `lazy`, else a TypeError saying what it should be. */
function checkOut(out: TypedArray, lazy: LazyArray): TypedArray {
  const size = sizeOf(lazy.shape);
  if (!ArrayBuffer.isView(out) || !typedArrayMatches(out, lazy.dtype)) {
    const got = ArrayBuffer.isView(out) ? out.constructor.name : typeof out;
    throw new TypeError(
      `compute({ out }): the result is ${lazy.dtype}, so out must be a ${viewOf(lazy.dtype, new ArrayBuffer(0)).constructor.name}; got ${got}`,
    );
  }
  if (out.length !== size) {
    throw new RangeError(
      `compute({ out }): the result has shape [${lazy.shape.join(", ")}] (${size} values); out has ${out.length}`,
    );
  }
  return out;
}

/** Whether a block of `shape` is one contiguous run of an array of `fullShape` (C order). */
function isContiguous(shape: readonly number[], fullShape: readonly number[]): boolean {
  let first = 0;
  while (first < shape.length && shape[first] === 1) first++;
  for (let d = first + 1; d < shape.length; d++) if (shape[d] !== fullShape[d]) return false;
  return true;
}

/** Copies a block into `data` (C order, shape `fullShape`) at `start`. */
export function insert(
  data: TypedArray,
  fullShape: readonly number[],
  start: readonly number[],
  block: Block,
): void {
  const n = fullShape.length;
  const strides = stridesOf(fullShape);
  const shape = block.shape.length === n ? block.shape : expandTo(block.shape, n);
  let offset = 0;
  for (let d = 0; d < n; d++) offset += start[d] * strides[d];
  const size = block.data.length;
  if (n === 0 || size === 0) {
    if (size > 0) data[offset] = block.data[0];
    return;
  }
  const inner = shape[n - 1];
  const index = new Array<number>(n).fill(0);
  for (let i = 0; i < size; i += inner) {
    let dst = offset;
    for (let d = 0; d < n - 1; d++) dst += index[d] * strides[d];
    data.set(block.data.subarray(i, i + inner), dst);
    for (let d = n - 2; d >= 0; d--) {
      if (++index[d] < shape[d]) break;
      index[d] = 0;
    }
  }
}

function expandTo(shape: readonly number[], rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}
