/**
 * The gather step, once every task has ended: combined tables over the stacks that finished
 * (`combined_label<k>.csv`, `combined_bg.csv`: each stack's rows, in manifest order, after a
 * `file` column) and `batch_summary.csv` (every task's state, exit code and failure reason).
 * Per-stack results stay where `nima` writes them (<output>/<stem>/bg.csv, label<k>.csv, ...).
 * Written through the staging area, so a crash never leaves a half-written table.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { CliError } from "../cli/errors.js";
import { OutputStaging } from "../cli/staging.js";
import { stemOf } from "../nima/write-results.js";
import type { BatchManifest } from "./manifest.js";
import type { TaskStatus } from "./status.js";

/** RFC 4180: quote a field holding a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the combined tables and the summary; returns their paths. */
export function gather(manifest: BatchManifest, statuses: (TaskStatus | undefined)[]): string[] {
  const tables = new Map<string, { header: string; from: string; rows: string[] }>();
  manifest.tasks.forEach((task, i) => {
    if (statuses[i]?.state !== "done") return;
    const folder = join(manifest.output, stemOf(task.input));
    if (!existsSync(folder)) {
      throw new CliError(`gather: task ${i} (${task.input}) is done but ${folder} is missing`);
    }
    const names = readdirSync(folder).filter((f) => /^(label\d+|bg)\.csv$/.test(f));
    for (const name of names) {
      const [header, ...rows] = readFileSync(join(folder, name), "utf8").trimEnd().split("\n");
      const file = csvField(basename(task.input));
      const table = tables.get(name) ?? { header, from: task.input, rows: [] };
      if (table.header !== header) {
        throw new CliError(
          `gather: ${name} of ${task.input} has columns "${header}", of ${table.from} "${table.header}"`,
        );
      }
      for (const row of rows) table.rows.push(`${file},${row}`);
      tables.set(name, table);
    }
  });
  const staging = new OutputStaging();
  try {
    const byLabel = (a: string, b: string) =>
      (Number(a.match(/\d+/)) || 0) - (Number(b.match(/\d+/)) || 0);
    for (const name of [...tables.keys()].sort(byLabel)) {
      const { header, rows } = tables.get(name) as { header: string; rows: string[] };
      staging.write(
        join(manifest.output, `combined_${name}`),
        `file,${header}\n${rows.join("\n")}\n`,
      );
    }
    staging.write(join(manifest.output, "batch_summary.csv"), summaryCsv(manifest, statuses));
    const written = staging.paths;
    staging.commit();
    return written;
  } catch (error) {
    staging.abort();
    throw error;
  }
}

function summaryCsv(manifest: BatchManifest, statuses: (TaskStatus | undefined)[]): string {
  const lines = ["index,file,state,exit_code,seconds,host,reason"];
  manifest.tasks.forEach((task, i) => {
    const s = statuses[i];
    const cells = [
      `${i}`,
      task.input,
      s?.state ?? "not run",
      s?.exitCode === undefined ? "" : `${s.exitCode}`,
      s?.seconds === undefined ? "" : s.seconds.toFixed(2),
      s?.host ?? "",
      s?.reason ?? "",
    ];
    lines.push(cells.map(csvField).join(","));
  });
  return `${lines.join("\n")}\n`;
}
