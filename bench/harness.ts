/**
 * What every bench section shares: the row format, best-of-N timing with a time budget, the
 * python baseline runner, .npy exchange with it, and the table printer.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type DType, parseNpy, serializeNpy, type TypedArray } from "@nima-ts/core";

export interface Row {
  name: string;
  seconds: number;
  baseline: string | null;
  baseline_seconds: number | null;
  /** nima-ts seconds / baseline seconds: below 1 means nima-ts is faster. */
  ratio: number | null;
  note?: string;
}

export interface BenchContext {
  /** Plane side (Y = X). */
  size: number;
  /** Whether --size was given (sections with their own default size use it otherwise). */
  sizeGiven: boolean;
  /** Time points of the stacks. */
  frames: number;
  json: boolean;
  /** A scratch directory for the .npy files the python baselines read and write. */
  dir: string;
}

/** What a baseline script prints: seconds per key (null when a package is missing). */
export interface Baseline {
  times: Record<string, number | null>;
  values: Record<string, unknown>;
}

export const EMPTY_BASELINE: Baseline = { times: {}, values: {} };

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The fastest of up to `repeats` runs, stopping early once `budget` seconds have been spent
 * (at least one run): slow rows run once, fast rows get their best of N, which also drops the
 * first, cold run (JIT, wasm compilation, page faults).
 */
export async function best(
  fn: () => Promise<unknown> | unknown,
  { repeats = 3, budget = 3 } = {},
): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  let spent = 0;
  for (let i = 0; i < repeats && (i === 0 || spent < budget); i++) {
    const t0 = performance.now();
    await fn();
    const seconds = (performance.now() - t0) / 1000;
    spent += seconds;
    min = Math.min(min, seconds);
  }
  return min;
}

/**
 * Runs `bench/<script>` with /usr/bin/python3 (or NIMA_PYTHON) and parses the JSON it prints.
 * Without python, numpy or scipy the section still runs, with null baselines.
 */
export function runBaseline(ctx: BenchContext, script: string, args: string[] = []): Baseline {
  const python =
    process.env.NIMA_PYTHON ?? (existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3");
  const run = spawnSync(
    python,
    [join(here, script), String(ctx.size), String(ctx.frames), ctx.dir, ...args],
    {
      encoding: "utf8",
      timeout: 900_000,
      maxBuffer: 16 * 2 ** 20,
      // No __pycache__ beside the scripts (baseline_common is imported).
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: "1" },
    },
  );
  if (run.status !== 0) {
    const why = (run.stderr || String(run.error ?? "")).trim().split("\n").at(-1);
    if (!ctx.json) console.error(`(no python baseline from ${script}: ${why})`);
    return EMPTY_BASELINE;
  }
  const parsed = JSON.parse(run.stdout) as Partial<Baseline>;
  return { times: parsed.times ?? {}, values: parsed.values ?? {} };
}

/** Collects rows, looking up each row's baseline seconds by key. */
export class RowSink {
  readonly rows: Row[] = [];
  constructor(private readonly baseline: Baseline) {}

  add(name: string, seconds: number, key: string | null, label: string, note?: string): void {
    const b = key === null ? null : (this.baseline.times[key] ?? null);
    this.rows.push({
      name,
      seconds,
      baseline: b === null ? null : label,
      baseline_seconds: b,
      ratio: b === null ? null : seconds / b,
      ...(note ? { note } : {}),
    });
  }

  /** A row measured against another nima-ts timing (e.g. 2 workers against 1). */
  addAgainst(name: string, seconds: number, label: string, against: number, note?: string): void {
    this.rows.push({
      name,
      seconds,
      baseline: label,
      baseline_seconds: against,
      ratio: seconds / against,
      ...(note ? { note } : {}),
    });
  }
}

export function writeNpy(
  ctx: BenchContext,
  name: string,
  data: TypedArray,
  shape: number[],
  dtype?: DType,
): void {
  writeFileSync(
    join(ctx.dir, `${name}.npy`),
    serializeNpy({ data, shape, dtype: dtype ?? dtypeName(data) }),
  );
}

/** An array a baseline saved as `<dir>/out_<key>.npy`, or undefined if it did not. */
export function readBaselineOutput(ctx: BenchContext, key: string): TypedArray | undefined {
  const file = join(ctx.dir, `out_${key}.npy`);
  return existsSync(file) ? parseNpy(readFileSync(file)).data : undefined;
}

/**
 * A short note comparing our output with the baseline's: "= scipy" when every value is
 * identical, else the largest absolute difference (or how many values differ, for integers).
 */
export function compareNote(
  ours: ArrayLike<number>,
  theirs: ArrayLike<number> | undefined,
  who = "python",
): string | undefined {
  if (theirs === undefined) return undefined;
  if (theirs.length !== ours.length) return `size differs from ${who}`;
  let differ = 0;
  let maxDiff = 0;
  for (let i = 0; i < ours.length; i++) {
    const a = ours[i];
    const b = theirs[i];
    if (a === b || (Number.isNaN(a) && Number.isNaN(b))) continue;
    differ++;
    maxDiff = Math.max(maxDiff, Math.abs(a - b));
  }
  if (differ === 0) return `= ${who}`;
  return `${differ} values differ from ${who} (max |Δ| ${maxDiff.toPrecision(2)})`;
}

function dtypeName(data: TypedArray): DType {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint16Array) return "uint16";
  return "uint8";
}

export function printRows(rows: readonly Row[], json: boolean): void {
  if (json) {
    for (const r of rows) console.log(JSON.stringify(r));
    return;
  }
  const fmt = (s: number | null) =>
    s === null ? "–" : s < 1 ? `${(s * 1000).toFixed(1)} ms` : `${s.toFixed(2)} s`;
  const speed = (ratio: number) =>
    ratio <= 1 ? `${(1 / ratio).toFixed(1)}× faster` : `${ratio.toFixed(1)}× slower`;
  const lines = rows.map((r) => [
    r.name,
    fmt(r.seconds),
    r.baseline ?? "–",
    fmt(r.baseline_seconds),
    r.ratio === null ? "–" : `${r.ratio.toFixed(2)} (${speed(r.ratio)})`,
    r.note ?? "",
  ]);
  const header = ["operation", "nima-ts", "baseline", "baseline time", "ratio", "note"];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const show = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join("  ")
      .trimEnd();
  console.log(show(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const l of lines) console.log(show(l));
}
