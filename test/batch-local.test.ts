/**
 * Batches on the local executor through the library API (`runBatch`), and the `nima batch`
 * and `nima task` command lines that need no cluster: --dry-run's sbatch script, bad
 * manifests, the array index from the environment.
 */
import { execFile } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import {
  type BatchEvent,
  createManifest,
  localExecutor,
  readManifest,
  runBatch,
} from "@nima-ts/cli";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CASE_B,
  corruptStack,
  expectSameOutputs,
  partialFiles,
  stackAs,
  statusOf,
} from "./helpers/batch.js";
import { runScript } from "./helpers/cli.js";
import { refPath } from "./helpers/reference.js";

const NIMA = resolve(import.meta.dirname, "../packages/cli/dist/bin/nima.js");
const work = mkdtempSync(join(tmpdir(), "nima-batch-local-"));
const local = join(work, "local");
const nima = (args: string[]) => runScript(NIMA, args, work);

beforeAll(async () => {
  mkdirSync(join(work, "ref"));
  const run = await nima([stackAs(join(work, "ref"), CASE_B, "b"), "-o", local, "-s"]);
  expect(run.code).toBe(0);
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("runBatch on the local executor", () => {
  it("runs every stack, reports the corrupt one, and resume reruns only it", async () => {
    const dir = join(work, "in");
    mkdirSync(dir);
    const files = [stackAs(dir, CASE_B, "b"), corruptStack(dir, "bad"), stackAs(dir, CASE_B, "c")];
    const output = join(work, "out");
    const manifest = createManifest({ files, output, channels: ["G", "R", "C"] });
    const events: BatchEvent[] = [];
    const result = await runBatch(manifest, {
      executor: localExecutor({ jobs: 2 }),
      onEvent: (e) => events.push(e),
    });
    expect(result.ran).toEqual([0, 1, 2]);
    expect(result.failed.map((t) => [t.index, t.input, t.exitCode])).toEqual([[1, files[1], 1]]);
    expect(result.failed[0].logTail).toMatch(/nima: error: .*bad\.tif: /);
    expect(events.filter((e) => e.type === "ended")).toHaveLength(3);
    expectSameOutputs(output, "b", local);
    expectSameOutputs(output, "c", local, "b");
    expect(existsSync(join(output, "bad"))).toBe(false);
    expect(result.files.map((f) => f.slice(output.length + 1))).toContain("combined_label1.csv");

    copyFileSync(refPath(CASE_B, "input.tif"), files[1]);
    const kept = statusOf(output, 0);
    const again = await runBatch(readManifest(result.manifestPath), { resume: true });
    expect(again.ran).toEqual([1]);
    expect(again.failed).toEqual([]);
    expect(statusOf(output, 0)).toEqual(kept);
    expectSameOutputs(output, "bad", local, "b");
    const rows = readFileSync(join(output, "combined_bg.csv"), "utf8").trimEnd().split("\n");
    expect(rows.filter((r) => r.startsWith("bad.tif,"))).toHaveLength(3); // 3 time points
  }, 300_000);

  it("an AbortSignal stops the running task and leaves no partial outputs", async () => {
    const dir = join(work, "in-abort");
    mkdirSync(dir);
    const files = [stackAs(dir, CASE_B, "b"), stackAs(dir, CASE_B, "c")];
    const output = join(work, "out-abort");
    const controller = new AbortController();
    const run = runBatch(createManifest({ files, output }), {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "started") controller.abort(new Error("enough"));
      },
      pollMs: 50,
    });
    await expect(run).rejects.toThrow("enough");
    expect(partialFiles(output)).toEqual([]);
    expect(statusOf(output, 0).state).toBe("failed");
    expect(existsSync(join(output, "b"))).toBe(false);
    expect(existsSync(join(output, "c"))).toBe(false);
    expect(existsSync(join(output, "batch_summary.csv"))).toBe(false);
  }, 300_000);
});

describe("nima batch and nima task command lines", () => {
  it("--dry-run prints the sbatch script with each option in its place", async () => {
    const dir = join(work, "in-dry");
    mkdirSync(dir);
    const files = [stackAs(dir, CASE_B, "b"), stackAs(dir, CASE_B, "c")];
    const out = join(work, "out-dry");
    const run = await nima([
      "batch",
      ...files,
      "--bg-method",
      "arcsinh",
      "-o",
      out,
      "--executor",
      "slurm",
      "-j",
      "8",
      "--partition",
      "short",
      "--time",
      "00:30:00",
      "--mem",
      "8G",
      "--cpus-per-task",
      "4",
      "--sbatch=--account=lab",
      "--node",
      "/opt/node/bin/node",
      "--dry-run",
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const line of [
      "#SBATCH --array=0-1%8",
      `#SBATCH --output=${out}/.nima-batch/logs/%a.log`,
      "#SBATCH --partition=short",
      "#SBATCH --time=00:30:00",
      "#SBATCH --mem=8G",
      "#SBATCH --cpus-per-task=4",
      "#SBATCH --account=lab",
      "exec /opt/node/bin/node ",
      `task ${out}/.nima-batch/manifest.json`,
    ]) {
      expect(run.stdout).toContain(line);
    }
    expect(existsSync(out)).toBe(false); // a dry run writes nothing
  });

  it("refuses two stacks that would write the same folder, and bad nima options", async () => {
    const a = join(work, "x", "s.tif");
    const b = join(work, "y", "s.tif");
    mkdirSync(join(work, "x"));
    mkdirSync(join(work, "y"));
    copyFileSync(refPath(CASE_B, "input.tif"), a);
    copyFileSync(refPath(CASE_B, "input.tif"), b);
    const same = await nima(["batch", a, b, "-o", join(work, "o")]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain(`tasks 0 (${a}) and 1 (${b}) would both write`);
    const bad = await nima(["batch", a, "--bg-method", "nope", "-o", join(work, "o")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("nima: error: option '--bg-method <method>' argument 'nope'");
  });

  it("says so when Slurm is not installed", async () => {
    const dir = join(work, "in-nosbatch");
    mkdirSync(dir);
    const file = stackAs(dir, CASE_B, "b");
    const env = { ...process.env, PATH: join(work, "empty") }; // no sbatch on it
    const args = [NIMA, "batch", file, "-o", join(work, "out-nosbatch"), "--executor", "slurm"];
    const failed = await promisify(execFile)(process.execPath, args, { env, cwd: work }).catch(
      (e) => e,
    );
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain("nima batch: error: sbatch --parsable ");
    expect(failed.stderr).toContain("not found (is Slurm installed?)");
  });

  it("nima task reads its index from the array's environment variable", async () => {
    const dir = join(work, "in-task");
    mkdirSync(dir);
    const files = [stackAs(dir, CASE_B, "b")];
    const manifest = createManifest({ files, output: join(work, "out-task") });
    const path = join(work, "task.json");
    writeFileSync(path, JSON.stringify(manifest));
    const run = promisify(execFile);
    const env = { ...process.env, JOB_COMPLETION_INDEX: "0" }; // a Kubernetes Indexed Job's
    await run(process.execPath, [NIMA, "task", path], { env, cwd: work });
    expect(statusOf(manifest.output, 0).state).toBe("done");
    expectSameOutputs(manifest.output, "b", local);
    const wrong = await run(process.execPath, [NIMA, "task", path, "3"], { cwd: work }).catch(
      (e) => e,
    );
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(`INDEX=3: ${path} has tasks 0 to 0`);
  }, 120_000);
});
