/**
 * Runs a task graph with bounded memory. Like dask's local scheduler it runs the
 * earliest-ordered ready task first (the graph is in depth-first order), so chains finish and
 * release their intermediates before new ones start; a memory budget caps the bytes of blocks
 * held plus in flight, so a stack larger than memory streams through.
 */
import type { Block } from "../array/block.js";
import { sizeOf } from "../array/block.js";
import { scratch } from "../array/memory.js";
import type { GraphTask, TaskGraph } from "../graph/build.js";
import type { MainTaskContext } from "../graph/lazy.js";
import type { TaskMessage } from "./execute.js";

/** Something that runs tasks: the worker pool, or this thread. */
export interface Executor {
  /** How many tasks may run at once. */
  readonly slots: number;
  /** Whether tasks run on other threads (inputs then belong in shared memory). */
  readonly crossesThreads?: boolean;
  run(message: TaskMessage, signal: AbortSignal): Promise<Block>;
  /** Several tasks in one round trip; a failed task gives its error in its place. */
  runBatch?(messages: TaskMessage[], signal: AbortSignal): Promise<Array<Block | Error>>;
}

export interface Progress {
  done: number;
  total: number;
  /** The task that just finished, e.g. `median_filter chunk [T=0, C=2, Z=0, Y=0, X=0]`. */
  task?: string;
  /** Bytes of blocks held plus in flight now, and the most so far (memory budget check). */
  bytes: number;
  peakBytes: number;
}

export interface RunOptions {
  executor: Executor;
  /** Bytes of blocks held in memory plus in flight; default 2 GiB. */
  memoryBudget?: number;
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Receives each output block as soon as it is ready (in any order). */
  onOutput: (key: string, block: Block) => void | Promise<void>;
  /** Where an output task should write its block (a shared view), if anywhere. */
  destination?: (key: string) => Block | undefined;
}

export const DEFAULT_MEMORY_BUDGET = 2 * 1024 ** 3;

/** Tasks touching at most this many bytes are tiny: the message round trip dominates. */
const TINY_TASK_BYTES = 64 * 1024;
/** Most tiny tasks sent to a worker in one message. */
const MAX_BATCH = 64;

/** A task failed: names the kernel, the array and the chunk (plane) it was making. */
export class TaskError extends Error {
  override name = "TaskError";
  constructor(
    message: string,
    readonly task: string,
    readonly kernel: string | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function describeChunk(task: Pick<GraphTask, "array" | "dims" | "index">): string {
  const where = task.dims.map((d, i) => `${d}=${task.index[i]}`).join(", ");
  return `${task.array} chunk [${where}]`;
}

export async function runGraph(graph: TaskGraph, options: RunOptions): Promise<void> {
  // Main-thread tasks share one context per run; what they register with onEnd (freeing
  // stores of intermediate stages) runs when the run ends, however it ends.
  const ends: Array<() => void | Promise<void>> = [];
  const context = {
    executor: options.executor,
    memoryBudget: options.memoryBudget ?? DEFAULT_MEMORY_BUDGET,
    onEnd: (fn: () => void | Promise<void>) => ends.push(fn),
  };
  try {
    await run(graph, options, context);
  } finally {
    for (const end of ends.splice(0).reverse()) await end();
  }
}

async function run(
  graph: TaskGraph,
  options: RunOptions,
  context: Omit<MainTaskContext, "signal">,
): Promise<void> {
  const { executor, signal, onProgress, onOutput } = options;
  const budget = options.memoryBudget ?? DEFAULT_MEMORY_BUDGET;
  signal?.throwIfAborted();

  const { tasks } = graph;
  const order = new Map([...tasks.keys()].map((key, i) => [key, i]));
  const outputs = new Set(graph.outputs);
  const consumers = new Map<string, string[]>();
  const waitingOn = new Map<string, number>();
  for (const task of tasks.values()) {
    const deps = new Set(
      task.inputs.filter((i): i is { key: string } => "key" in i).map((i) => i.key),
    );
    waitingOn.set(task.key, deps.size);
    for (const dep of deps) {
      if (!consumers.has(dep)) consumers.set(dep, []);
      consumers.get(dep)!.push(task.key);
    }
  }

  for (const key of outputs) {
    const block = graph.ready.get(key);
    if (block) await onOutput(key, block);
  }

  const total = tasks.size;
  let done = 0;
  let peakBytes = 0;
  onProgress?.({ done, total, bytes: 0, peakBytes });
  if (total === 0) return;

  const ready = new MinHeap<string>((a, b) => order.get(a)! - order.get(b)!);
  for (const [key, n] of waitingOn) if (n === 0) ready.push(key);

  const results = new Map<string, { block: Block; readers: number }>();
  let heldBytes = 0;
  let inFlightBytes = 0;
  let running = 0;
  let writing = 0;
  const internal = new AbortController();
  const onAbort = () => internal.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });

  return new Promise<void>((resolve, reject) => {
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      lent.clear(); // a worker may still write into a loan: never reuse it
      internal.abort(error);
      signal?.removeEventListener("abort", onAbort);
      reject(error);
    };
    internal.signal.addEventListener("abort", () => fail(internal.signal.reason), { once: true });

    // Blocks of tasks with no destination live in shared memory lent by this thread's
    // scratch pool and go back when their last reader is done: a stack streamed through a
    // graph does not allocate fresh memory per chunk.
    const lent = new Map<string, Block>();
    const lend = (task: GraphTask): Block | undefined => {
      if (
        task.main ||
        !executor.crossesThreads ||
        task.steps.some((s) => s.params.rows !== undefined)
      ) {
        return undefined;
      }
      const data = scratch.take(task.dtype, sizeOf(task.shape), true);
      const block = { data, shape: [...task.shape], dtype: task.dtype };
      lent.set(task.key, block);
      return block;
    };
    const giveBack = (key: string, block?: Block) => {
      const loan = lent.get(key);
      if (!loan) return;
      lent.delete(key);
      // Only when the task wrote into the loan; a kernel's own block is simply dropped.
      if (block === undefined || block.data === loan.data) scratch.give(loan.data);
    };

    const release = (key: string) => {
      const held = results.get(key);
      if (held && --held.readers <= 0) {
        results.delete(key);
        heldBytes -= held.block.data.byteLength;
        giveBack(key, held.block);
      }
    };

    const messageFor = (task: GraphTask): TaskMessage => {
      inFlightBytes += task.outputBytes + task.scratchBytes;
      const inputs = task.inputs.map((input) =>
        "block" in input ? input.block : results.get(input.key)!.block,
      );
      const out =
        (outputs.has(task.key) ? options.destination?.(task.key) : undefined) ?? lend(task);
      return { steps: task.steps, inputs, out };
    };

    /** Runs tasks in one slot: one task, or a batch of tiny ones in one round trip. */
    const launch = (batch: GraphTask[]) => {
      running++;
      const messages = batch.map(messageFor);
      peakBytes = Math.max(peakBytes, heldBytes + inFlightBytes);
      const one = (message: TaskMessage) => executor.run(message, internal.signal);
      const main = batch[0].main;
      const run = main
        ? main({ ...context, signal: internal.signal }).then((block) => [block])
        : batch.length === 1 || !executor.runBatch
          ? one(messages[0]).then((block) => [block])
          : executor.runBatch(messages, internal.signal).catch(async (error) => {
              // The worker died inside the batch: run its tasks one by one, so the error
              // names the task that kills it (kernels are pure, a rerun changes nothing).
              if (internal.signal.aborted) throw error;
              const blocks: Block[] = [];
              for (const [index, message] of messages.entries()) {
                blocks.push(
                  await one(message).catch((e) => Promise.reject(new BatchError(index, e))),
                );
              }
              return blocks;
            });
      run.then(
        (blocks) => finish(batch, blocks),
        (error) =>
          error instanceof BatchError
            ? fail(toTaskError(batch[error.index], error.cause, internal.signal))
            : fail(toTaskError(batch[0], error, internal.signal)),
      );
    };

    const finish = async (batch: GraphTask[], blocks: Array<Block | Error>) => {
      if (failed) return;
      for (const [i, task] of batch.entries()) {
        const block = blocks[i];
        if (block instanceof Error) {
          fail(toTaskError(task, block, internal.signal));
          return;
        }
        if (!(await settle(task, block))) return;
      }
      running--;
      // Done when every task has run and every output handler has returned (another
      // task's handler may still be writing when the last task settles).
      if (done === total && writing === 0) {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      } else {
        pump();
      }
    };

    /** Records a finished task; false when the run has failed meanwhile. */
    const settle = async (task: GraphTask, block: Block): Promise<boolean> => {
      inFlightBytes -= task.outputBytes + task.scratchBytes;
      const readers = (consumers.get(task.key)?.length ?? 0) + (outputs.has(task.key) ? 1 : 0);
      results.set(task.key, { block, readers });
      heldBytes += block.data.byteLength;
      peakBytes = Math.max(peakBytes, heldBytes + inFlightBytes);
      for (const input of new Set(task.inputs.map((i) => ("key" in i ? i.key : "")))) {
        if (input) release(input);
      }
      for (const next of consumers.get(task.key) ?? []) {
        const left = waitingOn.get(next)! - 1;
        waitingOn.set(next, left);
        if (left === 0) ready.push(next);
      }
      done++;
      onProgress?.({
        done,
        total,
        task: describeChunk(task),
        bytes: heldBytes + inFlightBytes,
        peakBytes,
      });
      if (outputs.has(task.key)) {
        writing++;
        try {
          await onOutput(task.key, block);
        } catch (error) {
          fail(error);
          return false;
        } finally {
          writing--;
        }
        release(task.key);
      }
      return !failed;
    };

    const bytesOf = (task: GraphTask) => {
      let bytes = task.outputBytes + task.scratchBytes;
      for (const input of task.inputs) {
        bytes += ("block" in input ? input.block : results.get(input.key)!.block).data.byteLength;
      }
      return bytes;
    };

    const pump = () => {
      while (!failed && running < executor.slots && ready.size > 0) {
        const next = tasks.get(ready.peek()!)!;
        const fits = heldBytes + inFlightBytes + next.outputBytes + next.scratchBytes <= budget;
        if (!fits && running > 0) break;
        ready.pop();
        const batch = [next];
        // Tiny tasks share a round trip, a fair share of the ready ones per slot.
        if (executor.runBatch && !next.main && bytesOf(next) <= TINY_TASK_BYTES) {
          const share = Math.min(MAX_BATCH, Math.ceil((ready.size + 1) / executor.slots));
          while (batch.length < share && ready.size > 0) {
            const more = tasks.get(ready.peek()!)!;
            if (more.main || bytesOf(more) > TINY_TASK_BYTES) break;
            const room = heldBytes + inFlightBytes + more.outputBytes + more.scratchBytes;
            if (room > budget) break;
            ready.pop();
            batch.push(more);
          }
        }
        launch(batch);
      }
    };
    pump();
  });
}

/** The failure of task `index` of a batch. */
class BatchError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super("task of a batch failed");
  }
}

function toTaskError(task: GraphTask, error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) return signal.reason;
  if (error instanceof TaskError) return error;
  const kernel = (error as { kernel?: string }).kernel;
  const message = error instanceof Error ? error.message : String(error);
  const steps = task.steps.map((s) => s.kernel).join(" → ");
  return new TaskError(
    `${describeChunk(task)} (steps: ${steps}) failed: ${message}`,
    task.key,
    kernel,
    { cause: error },
  );
}

/** A small binary heap (the ready queue). */
class MinHeap<T> {
  private items: T[] = [];
  constructor(private readonly less: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.less(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.less(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
