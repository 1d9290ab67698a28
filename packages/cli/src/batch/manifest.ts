/**
 * A batch manifest: the whole contract between `nima batch` and the tasks it starts. Task `i`
 * is exactly `nima <input> <channels...> <args...> -o <output>`, run by `nima task MANIFEST i`
 * on whatever machine the executor picks (a local process, a Slurm array task, a Kubernetes
 * Indexed Job pod). Paths are absolute, since tasks run from another folder.
 *
 *   <output>/.nima-batch/manifest.json   this file
 *   <output>/.nima-batch/logs/<i>.log    task i's stdout and stderr
 *   <output>/.nima-batch/status/<i>.json task i's marker (running, done, failed)
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { CliError, UsageError } from "../cli/errors.js";
import { DEFAULT_CHANNELS, parseNimaArgs } from "../nima/options.js";
import { stemOf } from "../nima/write-results.js";

export const MANIFEST_VERSION = 1;

export interface BatchTask {
  /** The stack, absolute path. */
  input: string;
  channels: string[];
  /** nima options (everything but the input, the channels and -o), e.g. ["--bg-method", "arcsinh"]. */
  args: string[];
}

export interface BatchManifest {
  version: typeof MANIFEST_VERSION;
  /** Absolute output folder: task i writes <output>/<stem of input i>/ as `nima -o` does. */
  output: string;
  tasks: BatchTask[];
}

export interface ManifestInit {
  files: readonly string[];
  output: string;
  channels?: readonly string[];
  /** nima options shared by every task (checked now with nima's own parser). */
  args?: readonly string[];
}

/** A manifest with one task per file; throws a UsageError naming a bad file or option. */
export function createManifest({
  files,
  output,
  channels = DEFAULT_CHANNELS,
  args = [],
}: ManifestInit): BatchManifest {
  if (files.length === 0) throw new UsageError("batch: no input files");
  if (args.some((a) => a === "-o" || a === "--output" || a.startsWith("--output="))) {
    throw new UsageError(
      "batch: give the output folder to the batch (-o), not in the nima options",
    );
  }
  const tasks = files.map((file) => ({
    input: resolve(file),
    channels: [...channels],
    args: [...args],
  }));
  const manifest: BatchManifest = { version: MANIFEST_VERSION, output: resolve(output), tasks };
  validateManifest(manifest, "batch");
  return manifest;
}

/** The `nima` arguments of task `index`. */
export function taskArgv(manifest: BatchManifest, index: number): string[] {
  const task = manifest.tasks[index];
  return [task.input, ...task.channels, ...task.args, "-o", manifest.output];
}

/** `<output>/.nima-batch`: the batch's own files. */
export function batchDir(output: string): string {
  return join(output, ".nima-batch");
}

export function manifestPath(output: string): string {
  return join(batchDir(output), "manifest.json");
}

/** Writes the manifest atomically under its output folder; returns its path. */
export function writeManifest(manifest: BatchManifest): string {
  const path = manifestPath(manifest.output);
  mkdirSync(batchDir(manifest.output), { recursive: true });
  const temp = `${path}.${process.pid}.partial`;
  writeFileSync(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}

/** Reads and checks a manifest; errors name the file and the bad field. */
export function readManifest(path: string): BatchManifest {
  if (!existsSync(path)) throw new UsageError(`manifest ${path}: no such file`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`manifest ${path}: not JSON (${(error as Error).message})`);
  }
  const m = data as BatchManifest;
  if (m?.version !== MANIFEST_VERSION) {
    throw new CliError(`manifest ${path}: version ${m?.version}, expected ${MANIFEST_VERSION}`);
  }
  if (typeof m.output !== "string" || !Array.isArray(m.tasks)) {
    throw new CliError(`manifest ${path}: needs "output" (string) and "tasks" (array)`);
  }
  m.tasks.forEach((t, i) => {
    const strings = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === "string");
    if (typeof t?.input !== "string" || !strings(t.channels) || !strings(t.args)) {
      throw new CliError(
        `manifest ${path}: task ${i} needs "input" (string), "channels" and "args" (string arrays)`,
      );
    }
  });
  validateManifest(m, `manifest ${path}`);
  return m;
}

/**
 * Two inputs with the same stem would write the same <output>/<stem>/ folder; and every
 * task's options must parse as nima's (a typo fails now, not in 500 array tasks).
 */
function validateManifest(m: BatchManifest, where: string): void {
  const seen = new Map<string, number>();
  m.tasks.forEach((task, i) => {
    const stem = stemOf(task.input);
    const other = seen.get(stem);
    if (other !== undefined) {
      throw new UsageError(
        `${where}: tasks ${other} (${m.tasks[other].input}) and ${i} (${task.input}) would both write ${join(m.output, stem)}/: rename one`,
      );
    }
    seen.set(stem, i);
  });
  const checked = new Set<string>();
  m.tasks.forEach((task, i) => {
    const key = JSON.stringify([task.channels, task.args]);
    if (checked.has(key)) return;
    checked.add(key);
    const parsed = parseNimaArgs(taskArgv(m, i));
    if (typeof parsed === "number") {
      throw new UsageError(
        `${where}: task ${i} (${basename(task.input)}): bad nima options ${JSON.stringify(task.args)}`,
      );
    }
  });
}
