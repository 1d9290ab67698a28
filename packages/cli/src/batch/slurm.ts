/**
 * The Slurm executor: one job array, `sbatch --array=0-N%K`, whose task i runs
 * `nima task MANIFEST` (the index comes from SLURM_ARRAY_TASK_ID). It follows the array with
 * `squeue` until no task is pending or running, cancels it with `scancel`, and gives a
 * "failed" marker to any task that left none (cancelled while pending, out of time, killed
 * for memory, node failure). sacct is not needed: many small clusters run without accounting.
 */
import { execFile } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import { CliError } from "../cli/errors.js";
import {
  type Executor,
  type ExecutorJob,
  type ExecutorRunOptions,
  indexRanges,
  NIMA_BIN,
  shellQuote,
} from "./executor.js";
import { batchDir } from "./manifest.js";
import { logPath, lostStatus, readStatus, writeStatus } from "./status.js";

const run = promisify(execFile);

export interface SlurmOptions {
  /** --partition */
  partition?: string;
  /** --time, e.g. "00:30:00" (per task) */
  time?: string;
  /** --mem, e.g. "8G" (per task) */
  mem?: string;
  /** --cpus-per-task (the task's worker pool uses what it is given) */
  cpusPerTask?: number;
  /** At most this many tasks running at once: --array=...%K */
  parallel?: number;
  /** More sbatch flags, one per #SBATCH line, e.g. ["--account=lab", "--qos=short"] */
  sbatchArgs?: string[];
  /** --job-name (default nima-batch) */
  jobName?: string;
  /** Environment of sbatch, squeue and scancel (e.g. SLURM_CONF); tasks inherit sbatch's. */
  env?: NodeJS.ProcessEnv;
  /** squeue polling interval, ms (default 2000). */
  pollMs?: number;
  /**
   * How long to wait, once squeue no longer lists a task, for its marker to appear (a shared
   * file system can show files late); ms, default 15000.
   */
  graceMs?: number;
  /** The Node binary on the compute nodes (default: this one's path). */
  node?: string;
}

export function slurmExecutor(options: SlurmOptions = {}): Executor {
  const { env = process.env, pollMs = 2000, graceMs = 15_000 } = options;
  const slurm = async (command: string, args: string[]) => {
    try {
      const { stdout } = await run(command, args, { env, encoding: "utf8" });
      return stdout;
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      const why = e.code === "ENOENT" ? "not found (is Slurm installed?)" : e.stderr?.trim();
      throw new CliError(`${command} ${args.join(" ")}: ${why || e.message}`);
    }
  };

  /** Indices of the array's tasks squeue still lists (pending, running, completing). */
  const listed = async (jobId: string): Promise<Set<number>> => {
    try {
      const out = await slurm("squeue", ["-h", "-r", "-j", jobId, "-o", "%K"]);
      return new Set(out.split("\n").filter(Boolean).map(Number));
    } catch (error) {
      // Once the job has left the controller's memory, squeue says so instead of listing nothing.
      if (/Invalid job id/i.test((error as Error).message)) return new Set();
      throw error;
    }
  };

  return {
    name: "slurm",
    describe: (job) => slurmScript(job, options),
    async run(job, { signal, onSubmitted }: ExecutorRunOptions = {}) {
      const output = job.manifest.output;
      const script = join(batchDir(output), "slurm.sh");
      mkdirSync(join(batchDir(output), "logs"), { recursive: true });
      writeFileSync(script, slurmScript(job, options));
      signal?.throwIfAborted();
      const jobId = (await slurm("sbatch", ["--parsable", script])).trim().split(";")[0];
      if (!/^\d+$/.test(jobId)) throw new CliError(`sbatch: unexpected job id "${jobId}"`);
      onSubmitted?.(`Slurm job ${jobId}`);
      let cancelled = false;
      let failures = 0;
      // A controller restart or a busy moment is fine; ten failed calls in a row are not.
      const retry = (error: unknown) => {
        if (++failures >= 10) throw error;
      };
      for (;;) {
        if (signal?.aborted && !cancelled) {
          try {
            await slurm("scancel", [jobId]);
            cancelled = true;
          } catch (error) {
            retry(error);
          }
        }
        let left: Set<number> = new Set([-1]);
        try {
          left = await listed(jobId);
          if (!signal?.aborted || cancelled) failures = 0;
        } catch (error) {
          retry(error);
        }
        if (left.size === 0) break;
        // Woken early by an abort to scancel at once; after that, plain polling.
        await sleep(pollMs, undefined, cancelled ? {} : { signal }).catch(() => {});
      }
      // squeue lists a task until it has exited, so its marker is written; on a shared file
      // system it may still take a moment to show up here.
      const unfinished = () =>
        job.indices.filter((i) => {
          const state = readStatus(output, i)?.state;
          return state !== "done" && state !== "failed";
        });
      const deadline = Date.now() + (cancelled ? 0 : graceMs);
      while (unfinished().length > 0 && Date.now() < deadline) await sleep(Math.min(pollMs, 1000));
      for (const i of unfinished()) {
        const reason = cancelled
          ? "cancelled (scancel) before it finished"
          : `Slurm job ${jobId}_${i} ended without a status (out of time or memory, killed, or node failure): see ${logPath(output, i)}`;
        writeStatus(output, lostStatus(i, reason));
      }
    },
  };
}

/** The sbatch script of a job array over `job.indices` (what --dry-run prints). */
export function slurmScript(job: ExecutorJob, o: SlurmOptions = {}): string {
  const q = shellQuote;
  const output = job.manifest.output;
  const array = indexRanges(job.indices) + (o.parallel ? `%${o.parallel}` : "");
  const flags = [
    `--job-name=${q(o.jobName ?? "nima-batch")}`,
    `--array=${array}`,
    // %a: the array index, so task i's log is .nima-batch/logs/i.log whatever the job id.
    `--output=${q(logPath(output, 0).replace(/0\.log$/, "%a.log"))}`,
    o.partition && `--partition=${q(o.partition)}`,
    o.time && `--time=${q(o.time)}`,
    o.mem && `--mem=${q(o.mem)}`,
    o.cpusPerTask && `--cpus-per-task=${o.cpusPerTask}`,
    ...(o.sbatchArgs ?? []),
  ].filter(Boolean);
  const command = [o.node ?? process.execPath, NIMA_BIN, "task", job.manifestPath];
  return [
    "#!/bin/bash",
    ...flags.map((f) => `#SBATCH ${f}`),
    "",
    `# ${job.indices.length} of ${job.manifest.tasks.length} tasks; task i runs`,
    "# nima <input i> <channels> <options> -o <output> as listed in the manifest.",
    `exec ${command.map(q).join(" ")}`,
    "",
  ].join("\n");
}
