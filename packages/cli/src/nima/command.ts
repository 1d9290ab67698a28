/** `nima <TIFFSTK> [CHANNELS...]`: parse, run the pipeline, write the results, summarise. */
import { join, relative } from "node:path";
import { Reporter } from "../cli/reporter.js";
import { runCommand } from "../cli/run-command.js";
import { type NimaOptions, parseNimaArgs } from "./options.js";
import { type PipelineResult, runPipeline } from "./pipeline.js";
import { stemOf, type WrittenResults, writeResults } from "./write-results.js";

/** Runs `nima` on one stack with user arguments `argv`; resolves to the exit code. */
export async function nimaStack(argv: readonly string[]): Promise<number> {
  const parsed = parseNimaArgs(argv);
  if (typeof parsed === "number") return parsed;
  return runNima(parsed);
}

/** Runs `nima` with parsed options (also what `npm run demo` calls). */
export async function runNima(options: NimaOptions): Promise<number> {
  const report = new Reporter(options.verbosity);
  const started = performance.now();
  let summary: string[] = [];
  const code = await runCommand("nima", async ({ signal, staging }) => {
    // Take the results' lock first: a second run into the same -o fails before computing.
    staging.folder(join(options.output, stemOf(options.tiffstk)));
    const result = await runPipeline(options, report, signal);
    const written = await writeResults(options, result, staging, report, signal);
    summary = summarise(result, written, (performance.now() - started) / 1000);
  });
  if (code === 0) for (const line of summary) report.info(line);
  return code;
}

function summarise(r: PipelineResult, w: WrittenResults, seconds: number): string[] {
  const [nt, ny, nx] = r.labels.shape;
  const perFrame: number[] = [];
  for (let t = 0; t < nt; t++) {
    let max = 0;
    const plane = r.labels.values.subarray(t * ny * nx, (t + 1) * ny * nx);
    for (let i = 0; i < plane.length; i++) if (plane[i] > max) max = plane[i];
    perFrame.push(max);
  }
  const count = (pattern: RegExp) => w.files.filter((f) => pattern.test(f)).length;
  const shown = (path: string) => relative(process.cwd(), path) || ".";
  return [
    `nima: ${r.tables.size} labelled cells in ${nt} frames (per frame: ${perFrame.join(" ")}) in ${seconds.toFixed(2)} s`,
    `results in ${shown(w.folder)}/: bg.csv, ${count(/label\d+\.csv$/)} label CSVs, ` +
      `${count(/label\d+_r(cl|pH)\.tif$/)} ratio TIFFs, ${count(/bg-.*\.png$/)} background figures`,
    `figures: ${shown(`${w.folder}_dim.png`)}, ${shown(`${w.folder}_meas.png`)}`,
  ];
}
