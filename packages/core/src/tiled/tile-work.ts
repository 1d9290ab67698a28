/**
 * Where the per-tile kernels of the tiled passes run. The passes merge tiles in raster order
 * (union-find, stores); the kernels under them (labelling a tile, closing a window) need
 * nothing but their tile, so they can run anywhere: in this thread, one tile at a time
 * (`inThread`, the default), or on a compute's workers (`onWorkers`) with `ahead` tiles in
 * flight while this thread merges the finished ones in order.
 */
import { type DType, dtypeOf, type TypedArray } from "../array/dtype.js";
import { scratch } from "../array/memory.js";
import {
  type LabelRule,
  mappedLabels,
  type TileComponents,
  tileComponents,
  unpackComponents,
} from "../kernels/segmentation/label-tile.js";
import { closing } from "../kernels/segmentation/morphology.js";
import {
  closingKernel,
  labelTileComponentsKernel,
  labelTileMappedKernel,
} from "../kernels/segmentation/specs.js";
import type { TaskMessage } from "../scheduler/execute.js";
import type { Executor } from "../scheduler/run.js";

export type { LabelRule, TileComponents };

export interface TileWork {
  /** Tiles read and started ahead of the one being merged (1: one at a time). */
  ahead: number;
  /** A ny × nx tile's components (label-tile.ts), as the whole-plane label / labelImage finds them. */
  components(data: TypedArray, ny: number, nx: number, rule: LabelRule): Promise<TileComponents>;
  /** The tile's labels mapped through `finalOf` (local label → final label, [0] = 0). */
  labels(
    data: TypedArray,
    ny: number,
    nx: number,
    rule: LabelRule,
    finalOf: Int32Array,
  ): Promise<Int32Array>;
  /** The grey closing (3 × 3 cross, the default footprint) of a ny × nx window. */
  closing<T extends TypedArray>(data: T, ny: number, nx: number): Promise<T>;
}

/** Every kernel in this thread, one tile at a time. */
export const inThread: TileWork = {
  ahead: 1,
  components: async (data, ny, nx, rule) => tileComponents(data, ny, nx, rule),
  labels: async (data, ny, nx, rule, finalOf) => mappedLabels(data, ny, nx, rule, finalOf),
  closing: async (data, ny, nx) => closing(data, ny, nx),
};

/**
 * The kernels on `executor`'s workers (registered kernels, as the whole-plane graph's),
 * `2 × slots` tiles in flight so no worker waits for this thread's merging. Tiles and
 * plane-sized results cross in shared buffers of this thread's scratch pool, reused tile
 * after tile; results are handed out as plain copies. (Fresh shared buffers per tile pile
 * up: a SharedArrayBuffer a worker filled is freed only when both threads have collected
 * it, and this thread's collector does not count it as pressure: 5.5 GiB on a 16k² plane.)
 */
export function onWorkers(executor: Executor, signal: AbortSignal): TileWork {
  const shared = (data: TypedArray) => {
    const copy = scratch.take(dtypeOf(data), data.length, true);
    copy.set(data);
    return copy;
  };
  const run = async (
    kernel: string,
    params: object,
    inputs: TypedArray[],
    [ny, nx]: [number, number],
    outDtype?: DType,
  ): Promise<TypedArray> => {
    const copies = inputs.map(shared);
    const out = outDtype && scratch.take(outDtype, ny * nx, true);
    const message: TaskMessage = {
      steps: [{ kernel, params: { ...params }, args: copies.map((_, input) => ({ input })) }],
      inputs: copies.map((data, i) => ({
        data,
        shape: i === 0 ? [ny, nx] : [data.length],
        dtype: dtypeOf(data),
      })),
    };
    if (out && outDtype) message.out = { data: out, shape: [ny, nx], dtype: outDtype };
    try {
      const { data } = await executor.run(message, signal);
      return out ? data.slice() : data;
    } finally {
      for (const c of copies) scratch.give(c);
      if (out) scratch.give(out);
    }
  };
  return {
    ahead: 2 * executor.slots,
    components: async (data, ny, nx, rule) =>
      unpackComponents(
        (await run(labelTileComponentsKernel.name, rule, [data], [ny, nx])) as Float64Array,
        ny,
        nx,
      ),
    labels: async (data, ny, nx, rule, finalOf) =>
      (await run(
        labelTileMappedKernel.name,
        rule,
        [data, finalOf],
        [ny, nx],
        "int32",
      )) as Int32Array,
    closing: async (data, ny, nx) =>
      (await run(closingKernel.name, {}, [data], [ny, nx], dtypeOf(data))) as typeof data,
  };
}

/**
 * `fn` of each item, up to `ahead` started at once, yielded in the items' order. A failure
 * is thrown when its turn comes; the others still running are awaited first, so nothing
 * runs on after the caller has stopped.
 */
export async function* mapAhead<I, R>(
  items: readonly I[],
  ahead: number,
  fn: (item: I) => Promise<R>,
): AsyncGenerator<R> {
  const running: Promise<R>[] = [];
  let next = 0;
  try {
    while (next < items.length || running.length) {
      while (next < items.length && running.length < Math.max(1, ahead)) {
        const p = fn(items[next++]);
        p.catch(() => {}); // reported when its turn comes
        running.push(p);
      }
      yield await (running.shift() as Promise<R>);
    }
  } finally {
    await Promise.allSettled(running);
  }
}
