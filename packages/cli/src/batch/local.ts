/**
 * The local executor: each task is a `nima task` process on this machine (its engine uses
 * the worker pool over every core), `jobs` at a time, logs in .nima-batch/logs/. A process
 * per task keeps a crash or a huge stack in one task from taking the batch down with it.
 */
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync } from "node:fs";
import { dirname } from "node:path";
import {
  type Executor,
  type ExecutorJob,
  type ExecutorRunOptions,
  NIMA_BIN,
  shellQuote,
} from "./executor.js";
import { logPath, lostStatus, readStatus, writeStatus } from "./status.js";

export interface LocalOptions {
  /** Tasks at a time (default 1: one task already keeps every core busy). */
  jobs?: number;
  /** The Node binary (default: this one). */
  node?: string;
}

export function localExecutor({ jobs = 1, node = process.execPath }: LocalOptions = {}): Executor {
  if (!Number.isInteger(jobs) || jobs < 1) {
    throw new RangeError(`local executor: jobs must be an integer >= 1, got ${jobs}`);
  }
  const command = (job: ExecutorJob, index: number) => [
    NIMA_BIN,
    "task",
    job.manifestPath,
    `${index}`,
  ];
  return {
    name: "local",
    describe(job) {
      return job.indices
        .map((i) => [node, ...command(job, i)].map(shellQuote).join(" "))
        .join("\n");
    },
    async run(job, { signal, onSubmitted }: ExecutorRunOptions = {}) {
      const output = job.manifest.output;
      const queue = [...job.indices];
      const running = new Set<ReturnType<typeof spawn>>();
      onSubmitted?.(`${queue.length} tasks, ${Math.min(jobs, queue.length)} at a time`);
      const runOne = (index: number) =>
        new Promise<void>((done) => {
          const log = logPath(output, index);
          mkdirSync(dirname(log), { recursive: true });
          const fd = openSync(log, "w");
          const child = spawn(node, command(job, index), { stdio: ["ignore", fd, fd] });
          closeSync(fd);
          running.add(child);
          let ended = false;
          const end = (why: string) => {
            if (ended) return; // "error" and "exit" can both come
            ended = true;
            running.delete(child);
            const status = readStatus(output, index);
            if (status?.state !== "done" && status?.state !== "failed") {
              writeStatus(output, lostStatus(index, `the task process ${why} without a status`));
            }
            done();
          };
          child.on("error", (error) => end(`failed to start (${error.message})`));
          child.on("exit", (code, sig) => end(sig ? `was killed by ${sig}` : `exited ${code}`));
        });
      const onAbort = () => {
        for (const child of running) child.kill("SIGTERM");
        // nima cleans up on SIGTERM; one stuck in a long kernel is killed 30 s later.
        setTimeout(() => {
          for (const child of running) child.kill("SIGKILL");
        }, 30_000).unref();
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      try {
        const lane = async () => {
          for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
            if (signal?.aborted) return;
            await runOne(i);
          }
        };
        await Promise.all(Array.from({ length: jobs }, lane));
      } finally {
        signal?.removeEventListener("abort", onAbort);
      }
    },
  };
}
