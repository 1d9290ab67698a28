/**
 * A pool of worker threads (Node worker_threads, or Web Workers in a browser) driven through
 * comlink. Workers start lazily, are reused across computes, keep the process alive only while
 * busy, and are replaced after a crash or a cancelled task (a running kernel cannot be
 * interrupted, so cancelling terminates its worker: no zombie keeps computing).
 */
import type { Block } from "../array/block.js";
import { countBytes, isShared, toShared } from "../array/memory.js";
import { registeredKernelModules } from "../kernels/registry.js";
import { KernelError, type TaskMessage } from "./execute.js";
import type { Executor } from "./run.js";
import { type Handle, spawnNodeWorker, spawnWebWorker } from "./spawn.js";

export interface PoolOptions {
  /** Number of workers; default: the machine's cores. */
  size?: number;
  /** The worker script; default: this package's `scheduler/worker.js`. */
  workerUrl?: URL | string;
}

const isNode = typeof process !== "undefined" && !!process.versions?.node;

export function defaultPoolSize(): number {
  if (isNode) {
    const os = (
      globalThis as { process?: { getBuiltinModule?: (m: string) => unknown } }
    ).process?.getBuiltinModule?.("node:os") as { availableParallelism?: () => number } | undefined;
    return Math.max(1, os?.availableParallelism?.() ?? 2);
  }
  return Math.max(1, globalThis.navigator?.hardwareConcurrency ?? 2);
}

/** The built worker script. Under vitest the sources are .ts, so point at the build output. */
function defaultWorkerUrl(): URL {
  const here = import.meta.url;
  return here.endsWith(".ts")
    ? new URL("../../dist/scheduler/worker.js", here)
    : new URL("./worker.js", here);
}

export class WorkerPool implements Executor {
  readonly slots: number;
  readonly crossesThreads = true;
  private readonly workerUrl: URL | string;
  private idle: Handle[] = [];
  private all = new Set<Handle>();
  private waiting: Array<(handle: Handle) => void> = [];

  constructor(options: PoolOptions = {}) {
    this.slots = Math.max(1, options.size ?? defaultPoolSize());
    this.workerUrl = options.workerUrl ?? defaultWorkerUrl();
  }

  /** Workers currently alive (for tests and diagnostics). */
  get liveWorkers(): number {
    return this.all.size;
  }

  async run(message: TaskMessage, signal: AbortSignal): Promise<Block> {
    const [result] = await this.runBatch([message], signal);
    if (result instanceof Error) throw result;
    return result;
  }

  /**
   * Runs tasks one after another on one worker, in one message each way: for tiny tasks, the
   * round trip (not the kernel) is the cost. A failed task gives its KernelError in its place.
   */
  async runBatch(
    messages: TaskMessage[],
    signal: AbortSignal,
  ): Promise<Array<Block | KernelError>> {
    signal.throwIfAborted();
    const handle = await this.acquire();
    let aborted: (() => void) | undefined;
    const cancelled = new Promise<never>((_, reject) => {
      aborted = () => {
        this.discard(handle);
        reject(signal.reason);
      };
      signal.addEventListener("abort", aborted, { once: true });
    });
    // Raced below; an abort that lands before or after the race must not go unhandled.
    cancelled.catch(() => {});
    try {
      handle.setBusy(true);
      const modules = registeredKernelModules();
      if (modules.length > handle.modules) {
        await handle.api.loadModules(modules.slice(handle.modules));
        handle.modules = modules.length;
      }
      const shared = messages.map(inSharedMemory);
      const results = await Promise.race([handle.api.runMany(shared), handle.died, cancelled]);
      this.release(handle);
      return results.map((result, i) => {
        if (!result.ok) {
          const error = new KernelError(result.message, result.kernel ?? "?");
          if (result.stack) error.stack = result.stack;
          return error;
        }
        // In place: hand back the caller's own block, so identity checks on it hold.
        if ("inPlace" in result) return { ...(shared[i].out as Block), shape: result.shape };
        return result.block;
      });
    } catch (error) {
      this.discard(handle);
      throw error;
    } finally {
      if (aborted) signal.removeEventListener("abort", aborted);
    }
  }

  /** Terminates every worker. The pool starts new ones if used again. */
  async close(): Promise<void> {
    for (const handle of [...this.all]) this.discard(handle);
    this.idle = [];
  }

  private async acquire(): Promise<Handle> {
    const idle = this.idle.pop();
    if (idle) return idle;
    if (this.all.size < this.slots) {
      const handle = await this.spawn();
      this.all.add(handle);
      return handle;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(handle: Handle): void {
    handle.setBusy(false);
    const next = this.waiting.shift();
    if (next) next(handle);
    else this.idle.push(handle);
  }

  private discard(handle: Handle): void {
    if (!this.all.delete(handle)) return;
    this.idle = this.idle.filter((h) => h !== handle);
    handle.terminate();
    // Someone waiting for a worker gets a fresh one.
    const next = this.waiting.shift();
    if (next) {
      this.spawn().then(
        (fresh) => {
          this.all.add(fresh);
          next(fresh);
        },
        () => this.waiting.unshift(next),
      );
    }
  }

  private async spawn(): Promise<Handle> {
    const handle = await (isNode
      ? spawnNodeWorker(this.workerUrl)
      : spawnWebWorker(this.workerUrl));
    // A worker that dies while idle leaves the pool at once, so no task is sent to it.
    handle.died.catch(() => this.discard(handle));
    return handle;
  }
}

/**
 * The message with every block in shared memory, so it crosses by reference. A block still in
 * a plain buffer (made outside an in-memory DataArray) is moved once per buffer; without
 * SharedArrayBuffer the whole buffer is cloned, which the counters record.
 */
function inSharedMemory(message: TaskMessage): TaskMessage {
  const share = (block: Block): Block => {
    const data = toShared(block.data);
    if (!isShared(data)) countBytes("clonedToWorkers", data.buffer.byteLength);
    return data === block.data ? block : { ...block, data };
  };
  // Only a shared `out` can be written from a worker; without one the result comes back.
  const out = message.out && isShared(message.out.data) ? message.out : undefined;
  return { ...message, inputs: message.inputs.map(share), out };
}

const pools = new Map<number, WorkerPool>();

/** A shared pool of `size` workers (default: the cores), created on first use. */
export function sharedPool(size = defaultPoolSize()): WorkerPool {
  let pool = pools.get(size);
  if (!pool) {
    pool = new WorkerPool({ size });
    pools.set(size, pool);
  }
  return pool;
}

/** Terminates every shared pool's workers (tests; a process exits without this). */
export async function closeSharedPools(): Promise<void> {
  await Promise.all([...pools.values()].map((p) => p.close()));
}
