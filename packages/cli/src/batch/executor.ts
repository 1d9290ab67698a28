/**
 * What runs a batch's tasks. An executor only starts `nima task MANIFEST i` for the given
 * indices somewhere, stops them when asked, and makes sure every task it started ends with
 * a marker (writing a "failed" one for a task killed before it could). Progress, reports and
 * the gather step read the markers, so they are the same whatever the executor.
 */
import { fileURLToPath } from "node:url";
import type { BatchManifest } from "./manifest.js";

export interface ExecutorJob {
  manifest: BatchManifest;
  /** Where the manifest is, as the tasks will read it. */
  manifestPath: string;
  /** The tasks to run (all, or those a --resume found missing or failed). */
  indices: number[];
}

export interface ExecutorRunOptions {
  /** Aborting cancels the tasks; `run` still resolves only once none is left running. */
  signal?: AbortSignal;
  /** Told once the tasks are submitted (a Slurm job id, a process count). */
  onSubmitted?: (what: string) => void;
}

export interface Executor {
  readonly name: string;
  /** Runs the tasks; resolves when none is pending or running (also after a cancel). */
  run(job: ExecutorJob, options?: ExecutorRunOptions): Promise<void>;
  /** What `run` would submit, for --dry-run (a Slurm script, a command line). */
  describe(job: ExecutorJob): string;
}

/** The built `nima` command, which every task runs as `node NIMA_BIN task MANIFEST i`. */
export const NIMA_BIN = fileURLToPath(new URL("../bin/nima.js", import.meta.url));

/** [0, 1, 2, 5, 7, 8] → "0-2,5,7-8" (Slurm's --array syntax). */
export function indexRanges(indices: readonly number[]): string {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** A word for a POSIX shell: single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'"'"'`)}'`;
}
