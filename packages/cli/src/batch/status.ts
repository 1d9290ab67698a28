/**
 * Task markers: `<output>/.nima-batch/status/<i>.json`, written atomically by the task itself
 * (running, then done or failed). They are the progress and outcome channel every executor
 * shares, since a Slurm or Kubernetes task only has the shared file system to talk back on.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { batchDir } from "./manifest.js";

export type TaskState = "running" | "done" | "failed";

export interface TaskStatus {
  index: number;
  state: TaskState;
  /** nima's exit code (done: 0), or absent while running. */
  exitCode?: number;
  /** Why it failed when the task could not say so itself (killed, out of time). */
  reason?: string;
  host: string;
  started: string;
  finished?: string;
  seconds?: number;
}

export function statusPath(output: string, index: number): string {
  return join(batchDir(output), "status", `${index}.json`);
}

export function logPath(output: string, index: number): string {
  return join(batchDir(output), "logs", `${index}.log`);
}

export function writeStatus(output: string, status: TaskStatus): void {
  const path = statusPath(output, status.index);
  mkdirSync(join(batchDir(output), "status"), { recursive: true });
  const temp = `${path}.${process.pid}.partial`;
  writeFileSync(temp, `${JSON.stringify(status)}\n`);
  renameSync(temp, path);
}

/** The marker of task `index`, or undefined if it has none (never started, or cleared). */
export function readStatus(output: string, index: number): TaskStatus | undefined {
  const path = statusPath(output, index);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as TaskStatus;
  } catch {
    return undefined; // being replaced right now: read again at the next poll
  }
}

/** Forgets a task's marker and log before it is (re)submitted. */
export function clearTask(output: string, index: number): void {
  rmSync(statusPath(output, index), { force: true });
  rmSync(logPath(output, index), { force: true });
}

/** A marker for a task that ended without writing its own (killed, timed out, crashed). */
export function lostStatus(index: number, reason: string): TaskStatus {
  const now = new Date().toISOString();
  return { index, state: "failed", reason, host: hostname(), started: now, finished: now };
}

/** The last `lines` lines of task `index`'s log (reads at most the last 16 KiB). */
export function logTail(output: string, index: number, lines = 12): string {
  const path = logPath(output, index);
  if (!existsSync(path)) return "";
  const size = statSync(path).size;
  const length = Math.min(size, 16 * 1024);
  const buffer = Buffer.alloc(length);
  const fd = openSync(path, "r");
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  // Progress bars redraw with \r: keep what a terminal would show.
  const text = buffer.toString("utf8").replace(/[^\n]*\r(?!\n)/g, "");
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
