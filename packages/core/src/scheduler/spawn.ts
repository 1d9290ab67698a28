/** Starting one worker, in Node (worker_threads) or a browser (Web Worker), behind comlink. */
import * as Comlink from "comlink";
import type { WorkerApi } from "./worker.js";

export interface Handle {
  api: Comlink.Remote<WorkerApi>;
  terminate(): void;
  setBusy(busy: boolean): void;
  /** Rejects when the worker dies (crash, exit, terminate). */
  died: Promise<never>;
  /** How many user kernel modules this worker has loaded. */
  modules: number;
}

function handle(
  endpoint: Comlink.Endpoint,
  died: Promise<never>,
  stop: () => void,
  setBusy: (busy: boolean) => void,
): Handle {
  died.catch(() => {});
  const api = Comlink.wrap<WorkerApi>(endpoint);
  return {
    api,
    died,
    modules: 0,
    terminate: () => {
      api[Comlink.releaseProxy]();
      stop();
    },
    setBusy,
  };
}

export async function spawnNodeWorker(url: URL | string): Promise<Handle> {
  const { Worker } = await import("node:worker_threads");
  const { default: nodeEndpoint } = (await import(
    // @ts-expect-error -- comlink's node adapter ships no .d.mts
    "comlink/dist/esm/node-adapter.mjs"
  )) as { default: (port: unknown) => Comlink.Endpoint };
  // geotiff imports the `web-worker` polyfill, which on import in a worker thread takes
  // `workerData.mod` to be a script to run; an empty workerData tells it we are not one.
  const worker = startWorker((execArgv) => new Worker(url, { workerData: {}, execArgv }));
  const died = new Promise<never>((_, reject) => {
    worker.once("error", (error) => reject(new Error(`worker crashed: ${error.message}`)));
    worker.once("exit", (code) => reject(new Error(`worker exited with code ${code}`)));
  });
  // Idle workers must not keep the process alive; busy ones must.
  worker.unref();
  return handle(
    nodeEndpoint(worker),
    died,
    () => void worker.terminate(),
    (busy) => (busy ? worker.ref() : worker.unref()),
  );
}

/** A worker that cannot be started at all (bad flags, missing script): not a task's fault. */
export class WorkerStartError extends Error {
  override name = "WorkerStartError";
}

/**
 * Flags Node refused for workers in this process (V8 and per-process options such as
 * --max-old-space-size, --expose-gc, --title): learnt from the first refusal, then left out.
 */
let refused: Set<string> | undefined;

/**
 * Workers inherit the parent's flags, but Node rejects V8 and per-process ones in a worker
 * ("Initiated Worker with invalid execArgv flags"); it names them, so drop exactly those and
 * retry once. --input-type (node -e) would stop a worker file loading.
 */
export function startWorker<W>(create: (execArgv: string[]) => W): W {
  const flags = () =>
    process.execArgv.filter((f) => !f.startsWith("--input-type") && !refused?.has(f));
  try {
    return create(flags());
  } catch (error) {
    const invalid = invalidFlags(error);
    if (!invalid) throw startError(error);
    refused = new Set([...(refused ?? []), ...invalid]);
    try {
      return create(flags());
    } catch (retry) {
      throw startError(retry);
    }
  }
}

function invalidFlags(error: unknown): string[] | undefined {
  const { code, message } = error as { code?: string; message?: string };
  if (code !== "ERR_WORKER_INVALID_EXEC_ARGV" || !message) return undefined;
  const list = message.split(/flags:\s*/)[1];
  return list ? list.split(/,\s*/).filter((f) => f !== "") : undefined;
}

function startError(cause: unknown): WorkerStartError {
  const message = cause instanceof Error ? cause.message : String(cause);
  return new WorkerStartError(`cannot start a worker thread (${message})`, { cause });
}

export async function spawnWebWorker(url: URL | string): Promise<Handle> {
  const worker = new Worker(url, { type: "module" });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener("error", (e) => reject(new Error(`worker crashed: ${e.message}`)));
  });
  return handle(
    worker,
    died,
    () => worker.terminate(),
    () => {},
  );
}
