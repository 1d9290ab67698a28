/**
 * `nima batch --executor slurm` against a real single-node Slurm started for this file
 * (helpers/slurm.ts): same bytes as plain `nima` runs, cancellation, a failed task and
 * --resume. Skips with a message where Slurm is not installed; CI installs it.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASE_A,
  CASE_B,
  corruptStack,
  expectSameOutputs,
  partialFiles,
  stackAs,
  statusOf,
} from "./helpers/batch.js";
import { type Run, runScript } from "./helpers/cli.js";
import { refPath } from "./helpers/reference.js";
import { type LocalSlurm, slurmUnavailable, startSlurm } from "./helpers/slurm.js";

const NIMA = resolve(import.meta.dirname, "../packages/cli/dist/bin/nima.js");
const unavailable = slurmUnavailable();
if (unavailable) console.warn(unavailable);

describe.skipIf(unavailable !== undefined)("nima batch on a local Slurm", () => {
  const work = mkdtempSync(join(tmpdir(), "nima-batch-slurm-"));
  const inputs = join(work, "in");
  const local = join(work, "local");
  let slurm: LocalSlurm | undefined;
  let startup: Promise<void> | undefined;
  let files: string[];
  const nima = (args: string[], onStdout?: (text: string, interrupt: () => void) => void) =>
    runScript(NIMA, args, work, onStdout);
  const onSlurm = ["--executor", "slurm"];

  beforeAll(async () => {
    // Four stacks: case a, case b and two more copies of case b under other names.
    mkdirSync(inputs);
    files = [
      stackAs(inputs, CASE_A, "a"),
      stackAs(inputs, CASE_B, "b"),
      stackAs(inputs, CASE_B, "c"),
      stackAs(inputs, CASE_B, "d"),
    ];
    startup = startSlurm().then((s) => {
      slurm = s;
      // The `nima batch` subprocesses reach this cluster, and only it.
      process.env.SLURM_CONF = s.env.SLURM_CONF;
    });
    // The reference: plain `nima` on each file, while the cluster starts.
    for (const file of files) {
      const run = await nima([file, "G", "R", "C", "-o", local, "-s"]);
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    await startup;
  }, 600_000);

  afterAll(async () => {
    await startup?.catch(() => {}); // stop it even if beforeAll failed while it was starting
    await slurm?.stop();
    rmSync(work, { recursive: true, force: true });
  }, 180_000);

  it("runs 4 stacks as a job array, byte for byte as 4 local nima runs", async () => {
    const out = join(work, "out-all");
    const run = await nima(["batch", ...files, "-o", out, ...onSlurm, "-j", "2"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/nima batch: 4 tasks on slurm \(Slurm job \d+\)/);
    expect(run.stdout).toContain("4 of 4 stacks done");
    for (const stem of ["a", "b", "c", "d"]) expectSameOutputs(out, stem, local);
    // The combined table holds every stack's rows after a file column.
    const label1 = readFileSync(join(out, "combined_label1.csv"), "utf8").trimEnd().split("\n");
    const b1 = readFileSync(join(local, "b", "label1.csv"), "utf8")
      .trimEnd()
      .split("\n");
    expect(label1[0]).toBe(`file,${b1[0]}`);
    expect(label1.filter((l) => l.startsWith("c.tif,"))).toEqual(
      b1.slice(1).map((l) => `c.tif,${l}`),
    );
    expect(await slurm?.queue()).toEqual([]);
    expect(partialFiles(out)).toEqual([]);
  }, 600_000);

  it("reports a corrupt stack with its index, input and log; --resume reruns only it", async () => {
    const dir = join(work, "in-bad");
    mkdirSync(dir);
    const batch = [stackAs(dir, CASE_B, "b"), corruptStack(dir, "bad"), stackAs(dir, CASE_B, "c")];
    const out = join(work, "out-bad");
    const run = await nima(["batch", ...batch, "-o", out, ...onSlurm, "-j", "2"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`nima batch: task 1 (${batch[1]}) failed (exit 1)`);
    expect(run.stderr).toMatch(/\| nima: error: .*bad\.tif: /); // the tail of its log
    expect(run.stderr).toContain("1 of 3 tasks failed: 1 (");
    expect(existsSync(join(out, "bad"))).toBe(false);
    expectSameOutputs(out, "b", local);
    expectSameOutputs(out, "c", local);
    const summary = readFileSync(join(out, "batch_summary.csv"), "utf8");
    expect(summary).toContain(`1,${batch[1]},failed,1,`);
    const before = [statusOf(out, 0), statusOf(out, 2)];

    copyFileSync(refPath(CASE_B, "input.tif"), batch[1]); // fixed
    const resumed = await nima(["batch", "--resume", "-o", out, ...onSlurm]);
    expect(resumed.stderr).toBe("");
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/1 tasks on slurm \(Slurm job \d+\); 2 done before, kept/);
    expect([statusOf(out, 0), statusOf(out, 2)]).toEqual(before); // not rerun
    expectSameOutputs(out, "bad", local, "b");
    expect(readFileSync(join(out, "batch_summary.csv"), "utf8")).not.toContain("failed");
    expect(await slurm?.queue()).toEqual([]);
  }, 600_000);

  it("Ctrl-C cancels the array: no job left, no partial outputs", async () => {
    const out = join(work, "out-cancel");
    const log0 = join(out, ".nima-batch", "logs", "0.log");
    let interrupted = false;
    let watch: NodeJS.Timeout | undefined;
    const args = ["batch", ...files, "-o", out, ...onSlurm, "-j", "1"];
    const run: Run = await nima(args, (text, interrupt) => {
      if (watch || !text.includes("[0] ") || !text.includes(": started")) return;
      // Interrupt once task 0 has read its stack: in the middle of its pipeline.
      watch = setInterval(() => {
        if (!interrupted && existsSync(log0) && readFileSync(log0, "utf8").includes("Times:")) {
          interrupted = true;
          clearInterval(watch);
          interrupt();
        }
      }, 100);
    });
    clearInterval(watch);
    expect(interrupted).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("interrupted (SIGINT)");
    expect(await slurm?.queue()).toEqual([]);
    expect(partialFiles(out)).toEqual([]);
    expect(existsSync(join(out, "batch_summary.csv"))).toBe(false);
    // A task is either done, with all its files, or has left nothing at all.
    for (const [i, stem] of ["a", "b", "c", "d"].entries()) {
      if (statusOf(out, i).state === "done") expectSameOutputs(out, stem, local);
      else {
        expect(existsSync(join(out, stem))).toBe(false);
        expect(existsSync(join(out, `${stem}_dim.png`))).toBe(false);
      }
    }
    // It was running: scancel's SIGTERM reached nima, which removed its staged files itself.
    expect(statusOf(out, 0)).toMatchObject({ state: "failed", exitCode: 130 });
  }, 600_000);
});
