/**
 * @nima-ts/cli: the `nima` and `bima` command lines (bin/nima.js, bin/bima.js), also
 * callable from code: `await nimaMain(["stack.tif", "G", "R", "C", "-o", "out"])` resolves to
 * the exit code. Batches of stacks (`nima batch`, `nima task`) run from code with
 * `runBatch(createManifest({ files, output }), { executor: slurmExecutor() })`.
 */

export type { Executor, ExecutorJob, ExecutorRunOptions } from "./batch/executor.js";
export { type LocalOptions, localExecutor } from "./batch/local.js";
export {
  type BatchManifest,
  type BatchTask,
  createManifest,
  type ManifestInit,
  manifestPath,
  readManifest,
  taskArgv,
  writeManifest,
} from "./batch/manifest.js";
export {
  type BatchEvent,
  type BatchOptions,
  type BatchProgress,
  type BatchResult,
  runBatch,
  type TaskReport,
} from "./batch/run.js";
export { type SlurmOptions, slurmExecutor, slurmScript } from "./batch/slurm.js";
export { bimaMain } from "./bima/command.js";
export { runNima } from "./nima/command.js";
export { nimaMain } from "./nima/main.js";
export { BG_METHODS, DEFAULT_OUTPUT, FG_METHODS, type NimaOptions } from "./nima/options.js";
export { progressBar } from "./progress.js";
export { VERSION } from "./version.js";
