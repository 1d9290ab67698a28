/**
 * `nima task MANIFEST [INDEX]`: runs one task of a batch, i.e. `nima` on one stack, between
 * a "running" and a "done"/"failed" marker. Without INDEX it reads the index the scheduler
 * gives array tasks: Slurm's SLURM_ARRAY_TASK_ID, a Kubernetes Indexed Job's
 * JOB_COMPLETION_INDEX or AWS Batch's AWS_BATCH_JOB_ARRAY_INDEX.
 */
import { hostname } from "node:os";
import { oneLine, UsageError } from "../cli/errors.js";
import { nimaStack } from "../nima/command.js";
import { readManifest, taskArgv } from "./manifest.js";
import { type TaskStatus, writeStatus } from "./status.js";

export const INDEX_VARIABLES = [
  "SLURM_ARRAY_TASK_ID",
  "JOB_COMPLETION_INDEX",
  "AWS_BATCH_JOB_ARRAY_INDEX",
] as const;

/** Resolves to the task's exit code (nima's). */
export async function taskMain(argv: readonly string[]): Promise<number> {
  try {
    const [path, given, ...extra] = argv;
    if (path === undefined || path === "-h" || path === "--help" || extra.length > 0) {
      process.stdout.write(
        "Usage: nima task MANIFEST [INDEX]\n\nRuns task INDEX of a batch manifest (default: " +
          `$${INDEX_VARIABLES.join(", $")}).\n`,
      );
      return path === "-h" || path === "--help" ? 0 : 2;
    }
    const manifest = readManifest(path);
    const index = taskIndex(given, manifest.tasks.length, path);
    return await runTask(manifest.output, index, taskArgv(manifest, index));
  } catch (error) {
    process.stderr.write(`nima task: error: ${oneLine(error)}\n`);
    return error instanceof UsageError ? 2 : 1;
  }
}

function taskIndex(given: string | undefined, count: number, path: string): number {
  const variable = INDEX_VARIABLES.find((v) => process.env[v] !== undefined);
  const text = given ?? (variable ? process.env[variable] : undefined);
  const where = given !== undefined ? "INDEX" : variable;
  if (text === undefined) {
    throw new UsageError(`no INDEX given and none of ${INDEX_VARIABLES.join(", ")} is set`);
  }
  const index = Number(text);
  if (!/^\d+$/.test(text) || index >= count) {
    throw new UsageError(`${where}=${text}: ${path} has tasks 0 to ${count - 1}`);
  }
  return index;
}

async function runTask(output: string, index: number, argv: string[]): Promise<number> {
  const started = new Date();
  const base: TaskStatus = {
    index,
    state: "running",
    host: hostname(),
    started: started.toISOString(),
  };
  writeStatus(output, base);
  process.stdout.write(`nima ${argv.join(" ")}\n`);
  let code: number;
  try {
    code = await nimaStack(argv);
  } catch (error) {
    process.stderr.write(`nima: error: ${oneLine(error)}\n`);
    code = 1;
  }
  const finished = new Date();
  writeStatus(output, {
    ...base,
    state: code === 0 ? "done" : "failed",
    exitCode: code,
    finished: finished.toISOString(),
    seconds: (finished.getTime() - started.getTime()) / 1000,
  });
  return code;
}
