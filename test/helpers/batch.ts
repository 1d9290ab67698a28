/** Inputs and checks shared by the batch tests (local and Slurm executors). */
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { refPath } from "./reference.js";

export const CASE_A = "a_separated_512";
export const CASE_B = "b_touching_300x420";

/** Copies case `name`'s input to `<dir>/<as>.tif`; returns its path. */
export function stackAs(dir: string, name: string, as: string): string {
  const path = join(dir, `${as}.tif`);
  copyFileSync(refPath(name, "input.tif"), path);
  return path;
}

/** A TIFF cut short: its header promises pages the file does not hold. */
export function corruptStack(dir: string, as: string): string {
  const path = join(dir, `${as}.tif`);
  writeFileSync(path, readFileSync(refPath(CASE_B, "input.tif")).subarray(0, 3000));
  return path;
}

/**
 * What `nima -o out` wrote for stack `stem`: the files of out/<stem>/ and the two figures
 * beside it, each as its bytes.
 */
export function stackOutputs(out: string, stem: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const name of readdirSync(join(out, stem)).sort()) {
    files.set(`${stem}/${name}`, readFileSync(join(out, stem, name)));
  }
  for (const figure of ["dim", "meas"]) {
    files.set(`${stem}_${figure}.png`, readFileSync(join(out, `${stem}_${figure}.png`)));
  }
  return files;
}

/** Batch outputs of `stem` byte for byte equal to a plain `nima` run's (`stemLocal` there). */
export function expectSameOutputs(
  batchOut: string,
  stem: string,
  localOut: string,
  stemLocal = stem,
) {
  const got = stackOutputs(batchOut, stem);
  const expected = stackOutputs(localOut, stemLocal);
  const rename = (k: string) => k.replace(stemLocal, stem);
  expect([...got.keys()]).toEqual([...expected.keys()].map(rename));
  expect([...got.keys()].filter((k) => k.endsWith(".csv")).length).toBeGreaterThan(1);
  for (const [key, bytes] of expected) {
    expect(got.get(rename(key))?.equals(bytes), `${rename(key)} differs`).toBe(true);
  }
}

/** Staged files a run left behind anywhere under `dir`. */
export function partialFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".partial"),
  );
}

export function statusOf(out: string, index: number): { state: string; started: string } {
  return JSON.parse(readFileSync(join(out, ".nima-batch", "status", `${index}.json`), "utf8"));
}
