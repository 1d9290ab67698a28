/**
 * Hostile scenarios through the command lines: channel names that would collide or escape
 * -o, NaN pixels, a bad flat, stale results, a second run holding the results, two runs at
 * once, a header claiming 2³¹ × 2 pixels, and node flags that workers refuse.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { closeSharedPools, encodeTiff, imagejDescription, readImage } from "@nima-ts/core";
import { afterAll, describe, expect, it } from "vitest";
import { type Run, runScript } from "../helpers/cli.js";
import { refPath } from "../helpers/reference.js";
import { buildTiff } from "./build.js";

const ROOT = resolve(import.meta.dirname, "../..");
const NIMA = join(ROOT, "packages/cli/dist/bin/nima.js");
const BIMA = join(ROOT, "packages/cli/dist/bin/bima.js");
const work = mkdtempSync(join(tmpdir(), "nima-hostile-cli-"));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await closeSharedPools();
});

const nima = (args: string[]): Promise<Run> => runScript(NIMA, args, work);
const B = "b_touching_300x420";
const E = "e_shading_384x320";

/** Every path under `dir`, relative, sorted (hidden staging and lock files included). */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
}

describe("nima refuses channel names it cannot use", () => {
  it("duplicate names (G G C): exit 2, nothing written", async () => {
    const output = join(work, "dup");
    const run = await nima([refPath(B, "input.tif"), "G", "G", "C", "-o", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^nima: error: .*name "G" twice/);
    expect(existsSync(output)).toBe(false);
  });

  it("a name with a path (R/../../../escaped): exit 2, no file outside -o", async () => {
    const output = join(work, "deep", "a", "b", "out");
    const before = tree(work);
    const run = await nima([refPath(B, "input.tif"), "G", "R/../../../escaped", "C", "-o", output]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /channel name "R\/..\/..\/..\/escaped" cannot be part of a file name/,
    );
    expect(tree(work)).toEqual(before);
  });
});

describe("nima says where bad values are, naming the file", () => {
  it("NaN pixels: the plane index, before segmenting", async () => {
    const [T, C, Y, X] = [2, 3, 48, 40];
    const data = Float32Array.from({ length: T * C * Y * X }, (_, i) => 100 + (i % 37));
    data[(1 * C + 2) * Y * X + 5] = Number.NaN; // t=1, channel C
    const path = join(work, "nan.tif");
    writeFileSync(
      path,
      encodeTiff(
        { data, shape: [T, C, Y, X], dtype: "float32" },
        { description: imagejDescription({ channels: C, frames: T }) },
      ),
    );
    const run = await nima([path, "-o", join(work, "nan-out")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /image .*nan\.tif: 1 NaN or infinite pixels, first in plane \(t=1, c=C, z=0\)/,
    );
    expect(existsSync(join(work, "nan-out"))).toBe(false);
  });

  it("a flat negative over half the image: refused, or a warning with --accept-bad-flat", async () => {
    const flat = await (await readImage(refPath(E, "flat.tif"))).compute({ workers: 0 });
    const values = Float64Array.from(flat.values);
    for (let i = 0; i < values.length / 2; i++) values[i] = -Math.abs(values[i]);
    const path = join(work, "bad-flat.tif");
    const [nc, ny, nx] = [flat.sizes.C ?? 1, flat.sizes.Y, flat.sizes.X];
    writeFileSync(
      path,
      encodeTiff(
        { data: values, shape: [nc, ny, nx], dtype: "float64" },
        { description: imagejDescription({ channels: nc }) },
      ),
    );
    const args = [refPath(E, "input.tif"), "-d", refPath(E, "dark.tif"), "-f", path];
    const refused = await nima([...args, "-o", join(work, "flat-out")]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      new RegExp(
        `flat .*bad-flat\\.tif: ${values.length / 2} of ${values.length} pixels are zero, negative`,
      ),
    );
    expect(refused.stderr).toMatch(/--accept-bad-flat/);
    const accepted = await nima([...args, "--accept-bad-flat", "-o", join(work, "flat-out")]);
    expect(accepted.stderr).toMatch(/warning: flat .*bad-flat\.tif: \d+ of \d+ pixels/);
  });
});

describe("nima's results are replaced as a whole, one run at a time", () => {
  const input = () => refPath(B, "input.tif");
  const output = join(work, "atomic");
  const folder = join(output, "input");

  it("removes the stale files of an earlier run", async () => {
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, "label99.csv"), "stale");
    const run = await nima([input(), "-o", output]);
    expect(run.code).toBe(0);
    const files = readdirSync(folder);
    expect(files).toContain("bg.csv");
    expect(files).not.toContain("label99.csv");
    expect(tree(output).filter((f) => /staging|lock|partial|replaced/.test(f))).toEqual([]);
  });

  it("fails clearly while another live run holds the results, and leaves them alone", async () => {
    const lock = join(output, ".input.lock");
    writeFileSync(lock, `${process.pid}@${hostname()}`);
    const before = tree(output);
    try {
      const run = await nima([input(), "-o", output]);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/another run \(\d+@.*\) is writing these results/);
      expect(tree(output)).toEqual(before);
    } finally {
      rmSync(lock, { force: true });
    }
  });

  it("takes over the lock of a run that died, and two runs at once leave one complete set", async () => {
    writeFileSync(join(output, ".input.lock"), `999999999@${hostname()}`);
    const [a, b] = await Promise.all([
      nima([input(), "-o", output]),
      nima([input(), "-o", output]),
    ]);
    const codes = [a.code, b.code].sort();
    // Both may finish (one after the other) or one may find the other writing; never a mix.
    expect(codes[0]).toBe(0);
    if (codes[1] !== 0) expect(`${a.stderr}${b.stderr}`).toMatch(/another run .* is writing/);
    const files = readdirSync(folder).sort();
    expect(files).toContain("bg.csv");
    expect(files.filter((f) => /^label\d+\.csv$/.test(f)).length).toBeGreaterThan(0);
    expect(tree(output).filter((f) => /staging|lock|partial|replaced/.test(f))).toEqual([]);
  });
});

it("bima on a header claiming 2³¹ × 2 pixels: a clear error, no crash", async () => {
  const path = join(work, "huge.tif");
  writeFileSync(path, buildTiff([{ width: 2, height: 2 ** 31, strips: [new Uint8Array(16)] }]));
  const run = await runScript(BIMA, ["plot", path], work);
  expect(run.code).toBe(1);
  expect(run.stderr).toMatch(/huge\.tif: one 2147483648×2 uint8 page needs 4\.0 GiB, more than/);
});

it("computes on workers under node flags that workers refuse (--max-old-space-size, --expose-gc)", () => {
  const script = `
    import { readImage, closeSharedPools } from "@nima-ts/core";
    const x = await readImage(${JSON.stringify(refPath(B, "input.tif"))});
    const y = await x.mean(["Y", "X"]).compute({ workers: 2 });
    console.log(y.values.length);
    await closeSharedPools();`;
  const run = spawnSync(
    process.execPath,
    ["--max-old-space-size=4096", "--expose-gc", "--input-type=module", "-e", script],
    { cwd: ROOT, encoding: "utf8", timeout: 120_000 },
  );
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(Number(run.stdout.trim())).toBeGreaterThan(0);
});
