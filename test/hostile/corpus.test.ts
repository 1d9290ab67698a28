/**
 * The bad-input corpus (test/hostile/*-cases.ts, built with fixed seeds): every case read with
 * readImage + compute in a child process (child.mjs) under a time limit and a memory watchdog.
 * None may crash, hang, grow the child's resident memory by more than 512 MB, return data
 * (unless the case is a valid file, whose values are checked) or leave files; every error has
 * the expected class and a message naming the file and the field.
 *
 * `NIMA_MAX_BYTES` is left at its default: the limits under test are the real ones.
 */
import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Case } from "./cases.js";
import { tiffCases } from "./tiff-cases.js";
import { zarrCases } from "./zarr-cases.js";

const TIME_LIMIT_MS = 20_000;
const MEMORY_LIMIT = 512 * 2 ** 20;

const cases: Case[] = [...tiffCases(), ...zarrCases()];
const dir = mkdtempSync(join(tmpdir(), "nima-hostile-"));
const paths = new Map(cases.map((c) => [c.name, c.build(dir)]));

interface Outcome {
  ok?: boolean;
  name?: string;
  message?: string;
  shape?: number[];
  values?: number[];
  /** What went wrong in the harness: crash, hang or memory. */
  harness?: string;
  peakGrowth: number;
  ms: number;
}

/** Resident memory of `pid` in bytes (Linux /proc), or 0 where unavailable. */
function rss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}

function start(): Promise<ChildProcess> {
  const child = fork(join(import.meta.dirname, "child.mjs"), [], {
    // A heap cap well above the watchdog: a runaway case dies here, not on the machine.
    execArgv: ["--max-old-space-size=1536"],
    stdio: ["ignore", "ignore", "pipe", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) =>
      reject(new Error(`corpus child exited (${code}) before starting`)),
    );
  });
}

async function runAll(): Promise<Map<string, Outcome>> {
  const outcomes = new Map<string, Outcome>();
  let child = await start();
  for (const [index, c] of cases.entries()) {
    const pid = child.pid!;
    const baseline = rss(pid);
    let peak = baseline;
    const began = performance.now();
    const outcome = await new Promise<Outcome>((resolve) => {
      const done = (o: Omit<Outcome, "peakGrowth" | "ms">) => {
        clearInterval(watch);
        clearTimeout(timer);
        child.off("message", onMessage);
        child.off("exit", onExit);
        resolve({ ...o, peakGrowth: peak - baseline, ms: performance.now() - began });
      };
      const watch = setInterval(() => {
        peak = Math.max(peak, rss(pid));
        if (peak - baseline > MEMORY_LIMIT) {
          child.kill("SIGKILL");
          done({ harness: `memory grew by ${((peak - baseline) / 2 ** 20).toFixed(0)} MB` });
        }
      }, 10);
      const timer = setTimeout(() => {
        child.kill("SIGKILL");
        done({ harness: `no answer in ${TIME_LIMIT_MS / 1000} s (hang)` });
      }, TIME_LIMIT_MS);
      const onMessage = (m: Outcome & { id: number }) => {
        if (m.id === index) done(m);
      };
      const onExit = (code: number | null, signal: string | null) =>
        done({ harness: `child crashed (exit ${code}, signal ${signal})` });
      child.on("message", onMessage);
      child.once("exit", onExit);
      child.send({ id: index, path: paths.get(c.name), options: c.options, workers: c.workers });
    });
    outcomes.set(c.name, outcome);
    if (outcome.harness) child = await start();
  }
  child.disconnect();
  return outcomes;
}

/** Every file under `root`, relative. */
function listFiles(root: string): string[] {
  return readdirSync(root).flatMap((entry) => {
    const path = join(root, entry);
    return statSync(path).isDirectory()
      ? listFiles(path).map((p) => join(entry, p))
      : [relative(root, path)];
  });
}

let outcomes: Map<string, Outcome>;
let before: string[];

beforeAll(async () => {
  before = listFiles(dir).sort();
  outcomes = await runAll();
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bad-input corpus", () => {
  it("has at least 60 cases with distinct names", () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s", (_, c) => {
    const o = outcomes.get(c.name)!;
    if (process.env.NIMA_CORPUS_DEBUG) console.log(c.name, "→", o.name, o.message, o.shape);
    expect(o.harness, "crash, hang or memory").toBeUndefined();
    expect(o.peakGrowth).toBeLessThan(MEMORY_LIMIT);
    expect(o.ms).toBeLessThan(TIME_LIMIT_MS);
    if ("error" in c.expect) {
      expect(o.ok, `returned data instead of failing: ${JSON.stringify(o.shape)}`).toBe(false);
      expect(o.name).toMatch(new RegExp(`^(${c.expect.error})$`));
      expect(o.message).toMatch(c.expect.message);
      // The message names the input.
      expect(o.message).toContain(c.name.replace(/[^\w.-]+/g, "_"));
    } else {
      expect(o.message).toBeUndefined();
      expect(o.shape).toEqual(c.expect.shape);
      if (c.expect.values) expect(o.values).toEqual(c.expect.values);
    }
  });

  it("leaves no files behind", () => {
    expect(listFiles(dir).sort()).toEqual(before);
  });
});
