/**
 * `runBatch(manifest, { executor })`: writes the manifest under its output folder, runs the
 * tasks on the executor (all of them, or with `resume` only those not done), follows their
 * markers for progress, then gathers the tables. Resolves to a report naming every failed
 * task with its input and the tail of its log; rejects only when cancelled (once nothing of
 * the batch is left running) or when the batch could not be submitted at all.
 */
import { existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../cli/errors.js";
import { stemOf } from "../nima/write-results.js";
import type { Executor } from "./executor.js";
import { gather } from "./gather.js";
import { localExecutor } from "./local.js";
import { type BatchManifest, manifestPath, writeManifest } from "./manifest.js";
import { clearTask, logPath, logTail, readStatus, type TaskStatus } from "./status.js";

export interface BatchProgress {
  /** Counts over the tasks of this run (a resume runs fewer than the manifest has). */
  total: number;
  done: number;
  failed: number;
  running: number;
}

export interface TaskReport {
  index: number;
  input: string;
  state: "done" | "failed";
  exitCode?: number;
  reason?: string;
  seconds?: number;
  /** Ran in this call (false: done by an earlier run, kept by resume). */
  ran: boolean;
  log: string;
  /** The end of its log, for failed tasks. */
  logTail?: string;
}

export type BatchEvent =
  | { type: "submitted"; what: string; tasks: number[] }
  | { type: "started"; index: number; input: string }
  | { type: "ended"; task: TaskReport };

export interface BatchOptions {
  /** Default: localExecutor(). */
  executor?: Executor;
  /** Run only the tasks that are not done (failed, cancelled, never run, outputs missing). */
  resume?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: BatchProgress) => void;
  onEvent?: (event: BatchEvent) => void;
  /** How often to read the task markers, ms (default 500). */
  pollMs?: number;
}

export interface BatchResult {
  manifestPath: string;
  /** Every task of the manifest, in order. */
  tasks: TaskReport[];
  /** The indices this call ran. */
  ran: number[];
  failed: TaskReport[];
  /** The gathered files (combined tables, batch_summary.csv). */
  files: string[];
}

export async function runBatch(
  manifest: BatchManifest,
  {
    executor = localExecutor(),
    resume = false,
    signal,
    onProgress,
    onEvent,
    pollMs = 500,
  }: BatchOptions = {},
): Promise<BatchResult> {
  signal?.throwIfAborted();
  const { output, tasks } = manifest;
  const path = manifestPath(output);
  if (resume && existsSync(path)) {
    const previous = JSON.parse(readFileSync(path, "utf8")) as BatchManifest;
    if (JSON.stringify(previous.tasks) !== JSON.stringify(tasks)) {
      throw new UsageError(
        `resume: ${path} lists other files or options; resume with the same ones, or use another output folder`,
      );
    }
  }
  const isDone = (i: number) =>
    readStatus(output, i)?.state === "done" && existsSync(join(output, stemOf(tasks[i].input)));
  const indices = tasks.map((_, i) => i).filter((i) => !resume || !isDone(i));
  writeManifest(manifest);
  for (const i of indices) clearTask(output, i);

  const seen = new Map<number, TaskStatus["state"]>();
  const poll = () => {
    const progress: BatchProgress = { total: indices.length, done: 0, failed: 0, running: 0 };
    for (const i of indices) {
      const status = readStatus(output, i);
      if (!status) continue;
      progress[status.state]++;
      if (seen.get(i) === status.state) continue;
      if (!seen.has(i)) onEvent?.({ type: "started", index: i, input: tasks[i].input });
      seen.set(i, status.state);
      if (status.state !== "running") onEvent?.({ type: "ended", task: report(i, true) });
    }
    onProgress?.(progress);
  };
  const report = (i: number, ran: boolean): TaskReport => {
    const status = readStatus(output, i);
    const failed = status?.state !== "done";
    return {
      index: i,
      input: tasks[i].input,
      state: failed ? "failed" : "done",
      exitCode: status?.exitCode,
      reason: status ? status.reason : "no status: the task never ran",
      seconds: status?.seconds,
      ran,
      log: logPath(output, i),
      logTail: failed ? logTail(output, i) : undefined,
    };
  };

  if (indices.length > 0) {
    const timer = setInterval(poll, pollMs);
    try {
      await executor.run(
        { manifest, manifestPath: path, indices },
        { signal, onSubmitted: (what) => onEvent?.({ type: "submitted", what, tasks: indices }) },
      );
    } finally {
      clearInterval(timer);
    }
    poll();
  }
  const ran = new Set(indices);
  const reports = tasks.map((_, i) => report(i, ran.has(i)));
  // A task killed outright (SIGKILL: out of memory, over time) cannot remove its staged files.
  for (const r of reports) if (r.state === "failed") removePartials(output, stemOf(r.input));
  signal?.throwIfAborted();
  const files = gather(
    manifest,
    tasks.map((_, i) => readStatus(output, i)),
  );
  return {
    manifestPath: path,
    tasks: reports,
    ran: indices,
    failed: reports.filter((r) => r.state === "failed"),
    files,
  };
}

/** Removes a stack's staged (`.<name>.<pid>.partial`) files, and its folder if then empty. */
function removePartials(output: string, stem: string): void {
  const partial = (name: string) => /^\..*\.\d+\.partial$/.test(name);
  const folder = join(output, stem);
  for (const name of readdirSync(output)) {
    if (partial(name) && name.startsWith(`.${stem}_`)) rmSync(join(output, name), { force: true });
  }
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder))
    if (partial(name)) rmSync(join(folder, name), { force: true });
  try {
    rmdirSync(folder);
  } catch {
    // not empty: results of an earlier run, or someone else's files; leave them
  }
}
