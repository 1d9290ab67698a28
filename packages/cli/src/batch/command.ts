/**
 * `nima batch FILES... [nima options] -o OUT [batch options]`: one task per file, run on the
 * local machine or as a Slurm job array, then gathered. nima's options go to every task
 * unchanged (checked by nima's own parser); the batch's options are picked out by name.
 */
import { relative } from "node:path";
import { InvalidArgumentError, Option } from "commander";
import { choice, intAtLeast } from "../cli/arg-parsers.js";
import { CliError } from "../cli/errors.js";
import { newProgram, parseCommandLine } from "../cli/program.js";
import { Reporter } from "../cli/reporter.js";
import { runCommand } from "../cli/run-command.js";
import { DEFAULT_CHANNELS, DEFAULT_OUTPUT } from "../nima/options.js";
import { progressBar } from "../progress.js";
import { VERSION } from "../version.js";
import type { Executor } from "./executor.js";
import { localExecutor } from "./local.js";
import { createManifest, manifestPath, readManifest } from "./manifest.js";
import { type BatchResult, runBatch, type TaskReport } from "./run.js";
import { slurmExecutor } from "./slurm.js";

interface BatchArgs {
  files: string[];
  nimaArgs: string[];
  output: string;
  channels: string[];
  executor: "local" | "slurm";
  jobs?: number;
  partition?: string;
  time?: string;
  mem?: string;
  cpusPerTask?: number;
  sbatch: string[];
  node?: string;
  resume: boolean;
  dryRun: boolean;
  verbosity: number;
}

/** The batch's own options and how many values each takes; everything else is nima's. */
const OWN: Record<string, number> = {
  "-o": 1,
  "--output": 1,
  "--channels": 1,
  "--executor": 1,
  "-j": 1,
  "--jobs": 1,
  "--partition": 1,
  "--time": 1,
  "--mem": 1,
  "--cpus-per-task": 1,
  "--sbatch": 1,
  "--node": 1,
  "--resume": 0,
  "--dry-run": 0,
  "-h": 0,
  "--help": 0,
};

function program(onParsed: (o: Record<string, unknown>, files: string[]) => void) {
  const collect = (value: string, previous: string[]) => [...previous, value];
  const channels = (value: string) => {
    const list = value.split(/[,\s]+/).filter(Boolean);
    if (list.length === 0) throw new InvalidArgumentError("expected channel names, e.g. G,R,C");
    return list;
  };
  return newProgram("nima batch", VERSION)
    .usage("FILES... [nima options] -o OUT [batch options]")
    .description(
      "Run nima on each file as one task of a batch, on this machine or as a Slurm job array; " +
        "then write combined_label<k>.csv, combined_bg.csv and batch_summary.csv in OUT. " +
        "Any other option is nima's and applies to every file (see nima --help).",
    )
    .argument("[FILES...]", "image files (TIFF, OME-TIFF or zarr); stems must differ")
    .option("-o, --output <dir>", "Output directory path.", DEFAULT_OUTPUT)
    .option(
      "--channels <list>",
      `Channel names [default: ${DEFAULT_CHANNELS.join(",")}].`,
      channels,
    )
    .addOption(
      new Option("--executor <name>", "Where tasks run: local, slurm.")
        .argParser(choice(["local", "slurm"] as const))
        .default("local"),
    )
    .option(
      "-j, --jobs <n>",
      "Tasks at once (slurm: --array=...%n) [default: local 1].",
      intAtLeast(1),
    )
    .option("--partition <name>", "slurm: sbatch --partition.")
    .option("--time <limit>", "slurm: sbatch --time, per task (e.g. 00:30:00).")
    .option("--mem <size>", "slurm: sbatch --mem, per task (e.g. 8G).")
    .option("--cpus-per-task <n>", "slurm: sbatch --cpus-per-task.", intAtLeast(1))
    .option(
      "--sbatch <flag>",
      "slurm: one more sbatch flag, e.g. --sbatch=--account=lab (repeat).",
      collect,
      [],
    )
    .option("--node <path>", "slurm: the Node binary on the compute nodes [default: this one].")
    .option("--resume", "Run only the tasks not done yet (failed, cancelled or missing).")
    .option("--dry-run", "Print what would be submitted (the sbatch script) and exit.")
    .action((files: string[], o: Record<string, unknown>) => onParsed(o, files));
}

/** Splits argv into the batch's tokens (and the files) and nima's; then parses the batch's. */
function parseBatchArgs(argv: readonly string[]): BatchArgs | number {
  const own: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    const name = token.startsWith("--") ? token.split("=")[0] : token;
    const arity = OWN[name];
    if (arity === undefined) rest.push(token);
    else if (name !== token || arity === 0) own.push(token);
    else own.push(token, ...argv.slice(i + 1, (i += arity) + 1));
  }
  const firstOption = rest.findIndex((t) => t.startsWith("-"));
  const files = firstOption < 0 ? rest : rest.slice(0, firstOption);
  const nimaArgs = firstOption < 0 ? [] : rest.slice(firstOption);
  let parsed: BatchArgs | undefined;
  const code = parseCommandLine(
    program((o, f) => {
      parsed = {
        files: f,
        nimaArgs,
        output: o.output as string,
        channels: (o.channels as string[] | undefined) ?? DEFAULT_CHANNELS,
        executor: o.executor as "local" | "slurm",
        jobs: o.jobs as number | undefined,
        partition: o.partition as string | undefined,
        time: o.time as string | undefined,
        mem: o.mem as string | undefined,
        cpusPerTask: o.cpusPerTask as number | undefined,
        sbatch: o.sbatch as string[],
        node: o.node as string | undefined,
        resume: Boolean(o.resume),
        dryRun: Boolean(o.dryRun),
        verbosity: nimaArgs.includes("-s") || nimaArgs.includes("--silent") ? 0 : 1,
      };
    }),
    [...files, ...own],
  );
  return code ?? (parsed as BatchArgs);
}

/** Runs `nima batch` with user arguments (after "batch"); resolves to the exit code. */
export async function batchMain(argv: readonly string[]): Promise<number> {
  const args = parseBatchArgs(argv);
  if (typeof args === "number") return args;
  const report = new Reporter(args.verbosity);
  return runCommand("nima batch", async ({ signal }) => {
    const manifest =
      args.resume && args.files.length === 0
        ? readManifest(manifestPath(args.output))
        : createManifest({
            files: args.files,
            output: args.output,
            channels: args.channels,
            args: args.nimaArgs,
          });
    const executor = executorOf(args);
    if (args.dryRun) {
      const path = manifestPath(manifest.output);
      const indices = manifest.tasks.map((_, i) => i);
      process.stdout.write(`# manifest ${path} (not written), ${indices.length} tasks\n`);
      process.stdout.write(`${executor.describe({ manifest, manifestPath: path, indices })}\n`);
      return;
    }
    const bar = progressBar("batch".padEnd(12), process.stderr, { enabled: args.verbosity >= 1 });
    let result: BatchResult;
    try {
      result = await runBatch(manifest, {
        executor,
        resume: args.resume,
        signal,
        onProgress: (p) => bar.update({ done: p.done + p.failed, total: p.total }),
        onEvent: (e) => {
          if (e.type === "submitted") {
            const skipped = manifest.tasks.length - e.tasks.length;
            report.info(
              `nima batch: ${e.tasks.length} tasks on ${executor.name} (${e.what})` +
                (skipped ? `; ${skipped} done before, kept` : ""),
            );
          } else if (e.type === "started") report.info(`[${e.index}] ${shown(e.input)}: started`);
          else report.info(`[${e.task.index}] ${shown(e.task.input)}: ${outcome(e.task)}`);
        },
      });
    } finally {
      bar.end();
    }
    const done = result.tasks.filter((t) => t.state === "done").length;
    report.info(
      `nima batch: ${done} of ${result.tasks.length} stacks done; ${result.files.map(shown).join(", ")}`,
    );
    if (result.failed.length === 0) return;
    for (const t of result.failed) {
      process.stderr.write(`nima batch: task ${t.index} (${t.input}) ${outcome(t)}\n`);
      const tail = t.logTail ? t.logTail.replace(/^/gm, "  | ") : "  | (empty)";
      process.stderr.write(`  log ${t.log}, last lines:\n${tail}\n`);
    }
    const list = result.failed.map((t) => `${t.index} (${shown(t.input)})`).join(", ");
    throw new CliError(
      `${result.failed.length} of ${result.tasks.length} tasks failed: ${list}; fix them and rerun with --resume`,
    );
  });
}

function executorOf(a: BatchArgs): Executor {
  if (a.executor === "local") return localExecutor({ jobs: a.jobs });
  return slurmExecutor({
    partition: a.partition,
    time: a.time,
    mem: a.mem,
    cpusPerTask: a.cpusPerTask,
    parallel: a.jobs,
    sbatchArgs: a.sbatch,
    node: a.node,
  });
}

function outcome(t: TaskReport): string {
  if (t.state === "done") return `done in ${t.seconds?.toFixed(1)} s`;
  return `failed (${t.reason ?? `exit ${t.exitCode}`})`;
}

const shown = (path: string) => relative(process.cwd(), path) || ".";
