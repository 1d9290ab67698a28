/**
 * The worker side of the pool: a comlink-exposed object that runs tasks with the kernel
 * registry of this thread. Failures come back as data so the kernel name survives.
 */
import * as Comlink from "comlink";
import type { Block } from "../array/block.js";
import { canShareMemory } from "../array/dtype.js";
import "../builtin-kernels.js";
import { registerKernelModule } from "../kernels/registry.js";
import { executeSteps, KernelError, type TaskMessage } from "./execute.js";

export type WorkerResult =
  | { ok: true; block: Block }
  | { ok: false; message: string; kernel?: string; stack?: string };

export interface WorkerApi {
  run(message: TaskMessage): Promise<WorkerResult>;
  loadModules(specifiers: string[]): Promise<void>;
}

const api: WorkerApi = {
  async run(message) {
    try {
      const block = await executeSteps(message);
      // Shared memory crosses threads by reference; otherwise move the buffer, never copy it.
      const shared = canShareMemory && block.data.buffer instanceof SharedArrayBuffer;
      return Comlink.transfer(
        { ok: true, block },
        shared ? [] : [block.data.buffer as ArrayBuffer],
      );
    } catch (error) {
      const e = error as Error;
      return {
        ok: false,
        message: e?.message ?? String(error),
        kernel: error instanceof KernelError ? error.kernel : undefined,
        stack: e?.stack,
      };
    }
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
