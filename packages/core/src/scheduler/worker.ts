/**
 * The worker side of the pool: a comlink-exposed object that runs tasks with the kernel
 * registry of this thread. Failures come back as data so the kernel name survives.
 */
import * as Comlink from "comlink";
import type { Block } from "../array/block.js";
import { isShared } from "../array/memory.js";
import "../builtin-kernels.js";
import { registerKernelModule } from "../kernels/registry.js";
import { executeSteps, KernelError, type TaskMessage } from "./execute.js";

export type WorkerResult =
  | { ok: true; block: Block }
  /** The result was written into the task's `out`: nothing to send back but its shape. */
  | { ok: true; inPlace: true; shape: number[] }
  | { ok: false; message: string; kernel?: string; stack?: string };

export interface WorkerApi {
  /** Several tasks in one message; results in order, a failure in its task's place. */
  runMany(messages: TaskMessage[]): Promise<WorkerResult[]>;
  loadModules(specifiers: string[]): Promise<void>;
}

async function runOne(message: TaskMessage): Promise<WorkerResult> {
  try {
    const block = await executeSteps(message);
    if (message.out && block.data === message.out.data) {
      return { ok: true, inPlace: true, shape: block.shape };
    }
    return { ok: true, block };
  } catch (error) {
    const e = error as Error;
    return {
      ok: false,
      message: e?.message ?? String(error),
      kernel: error instanceof KernelError ? error.kernel : undefined,
      stack: e?.stack,
    };
  }
}

const api: WorkerApi = {
  async runMany(messages) {
    const results: WorkerResult[] = [];
    const transfer = new Set<ArrayBuffer>();
    for (const message of messages) {
      const result = await runOne(message);
      // Shared memory crosses threads by reference; otherwise move the buffer, never copy it.
      if (result.ok && "block" in result && !isShared(result.block.data)) {
        transfer.add(result.block.data.buffer as ArrayBuffer);
      }
      results.push(result);
    }
    return Comlink.transfer(results, [...transfer]);
  },
  async loadModules(specifiers) {
    for (const specifier of specifiers) await registerKernelModule(specifier);
  },
};

async function main(): Promise<void> {
  if (typeof process !== "undefined" && process.versions?.node) {
    const { parentPort } = await import("node:worker_threads");
    // comlink's node adapter has no typed ESM entry; it lives beside the main build.
    const { default: nodeEndpoint } = (await import(
      // @ts-expect-error -- no .d.mts for the adapter
      "comlink/dist/esm/node-adapter.mjs"
    )) as { default: (port: unknown) => Comlink.Endpoint };
    Comlink.expose(api, nodeEndpoint(parentPort));
  } else {
    Comlink.expose(api, self as unknown as Comlink.Endpoint);
  }
}

void main();
