/**
 * `npm run bench`: nima-ts against numpy/scipy/scikit-image measured in the same run (each
 * section starts its python baseline, /usr/bin/python3, before timing nima-ts), one table.
 *
 * Options:
 *   --json              one JSON object per row: name, seconds, baseline, baseline_seconds,
 *                       ratio (= nima-ts / baseline: below 1, nima-ts is faster), note
 *   --size N            plane side (default 2048; 50000 for "huge")
 *   --frames T          time points of the stacks (default 10)
 *   --only a,b          run only these sections (or "issue3" = rank,filters,threshold;
 *                       "issue4" = segmentation,pipeline)
 * Sections: seed, rank, filters, threshold, segmentation, pipeline, and huge (issue 11; not
 * in the default run: minutes and gigabytes of scratch disk; options in bench/huge.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { closeSharedPools } from "@nima-ts/core";
import { filtersSection } from "./filters.js";
import { type BenchContext, printRows, type Row } from "./harness.js";
import { hugeSection } from "./huge.js";
import { pipelineSection } from "./pipeline.js";
import { rankSection } from "./rank.js";
import { seedSection } from "./seed.js";
import { segmentationSection } from "./segmentation.js";
import { thresholdSection } from "./threshold.js";

const SECTIONS: Record<string, (ctx: BenchContext) => Promise<Row[]>> = {
  seed: seedSection,
  rank: rankSection,
  filters: filtersSection,
  threshold: thresholdSection,
  segmentation: segmentationSection,
  pipeline: pipelineSection,
  huge: hugeSection,
};
/** Sections run only when named with --only. */
const OPT_IN = new Set(["huge"]);
const GROUPS: Record<string, string[]> = {
  issue3: ["rank", "filters", "threshold"],
  issue4: ["segmentation", "pipeline"],
};

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const positiveInteger = (name: string, fallback: number): number => {
  const raw = option(name);
  const value = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`bench: ${name} must be a positive integer, got ${raw}`);
  }
  return value;
};

function selectedSections(): string[] {
  const only = option("--only");
  if (only === undefined) return Object.keys(SECTIONS).filter((name) => !OPT_IN.has(name));
  const names = only.split(",").flatMap((name) => GROUPS[name] ?? [name]);
  const unknown = names.filter((name) => !(name in SECTIONS));
  if (unknown.length > 0 || names.length === 0) {
    const known = [...Object.keys(SECTIONS), ...Object.keys(GROUPS)].join(", ");
    throw new RangeError(
      `bench: --only takes sections among ${known}; got ${JSON.stringify(only)}`,
    );
  }
  return names;
}

async function main(): Promise<void> {
  let sections: string[];
  let size: number;
  let frames: number;
  try {
    sections = selectedSections();
    size = positiveInteger("--size", 2048);
    frames = positiveInteger("--frames", 10);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const ctx: BenchContext = {
    size,
    sizeGiven: option("--size") !== undefined,
    frames,
    json: args.includes("--json"),
    dir: mkdtempSync(join(tmpdir(), "nima-ts-bench-")),
  };
  const rows: Row[] = [];
  const started = performance.now();
  const loadBefore = loadavg()[0];
  try {
    for (const name of sections) {
      const t0 = performance.now();
      rows.push(...(await SECTIONS[name](ctx)));
      if (!ctx.json) {
        const seconds = ((performance.now() - t0) / 1000).toFixed(0);
        console.error(`(section ${name}: ${seconds} s with its python baseline)`);
      }
    }
  } finally {
    rmSync(ctx.dir, { recursive: true, force: true });
    await closeSharedPools();
  }
  printRows(rows, ctx.json);
  if (!ctx.json) {
    const total = ((performance.now() - started) / 1000).toFixed(0);
    const load = `${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`;
    console.log(
      `\n${ctx.size}² planes, ${ctx.frames} frames; ${total} s in all; load average ${load}.` +
        " Ratios come from the same run; absolute times drift on a shared machine.",
    );
  }
}

await main();
