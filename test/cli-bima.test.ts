import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { closeSharedPools, encodeTiff, imagejDescription, readImage } from "@nima-ts/core";
import { decode } from "fast-png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Run, runScript } from "./helpers/cli.js";
import { loadNpy, refPath } from "./helpers/reference.js";

const BIMA = resolve(import.meta.dirname, "../packages/cli/dist/bin/bima.js");
const work = mkdtempSync(join(tmpdir(), "bima-cli-"));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await closeSharedPools();
});

function bima(args: string[]): Promise<Run> {
  return runScript(BIMA, args, work);
}

async function readValues(path: string): Promise<Float64Array> {
  const image = await (await readImage(path)).compute({ workers: 0 });
  return Float64Array.from(image.values);
}

function expectPngs(paths: string[]): void {
  for (const path of paths) {
    const png = decode(readFileSync(path));
    expect(png.width * png.height, path).toBeGreaterThan(200 * 200);
  }
}

/** A uint16 ImageJ stack of T frames (Y, X). */
function writeStack(path: string, frames: Uint16Array[], ny: number, nx: number): void {
  const data = new Uint16Array(frames.length * ny * nx);
  for (const [t, frame] of frames.entries()) data.set(frame, t * ny * nx);
  const block = { data, shape: [frames.length, ny, nx], dtype: "uint16" as const };
  writeFileSync(
    path,
    encodeTiff(block, { description: imagejDescription({ frames: frames.length }) }),
  );
}

// The reference bias frame (integer valued, 5 hot pixels) as the median of 3 frames:
// bias − d, bias, bias + d with d in 1..3 per pixel, so the median is the frame itself.
const bias = loadNpy("b_touching_300x420", "hotpixels/bias.npy.gz");
const [NY, NX] = bias.shape;
const spread = (i: number) => 1 + ((i * 7919) % 3);
const frame = (offset: (i: number) => number) =>
  Uint16Array.from(bias.data, (v, i) => v + offset(i));

describe("bima bias", () => {
  const stack = join(work, "bias.tif");
  let run: Run;
  beforeAll(async () => {
    writeStack(stack, [frame((i) => -spread(i)), frame(() => 0), frame(spread)], NY, NX);
    run = await bima(["bias", stack]);
  }, 60_000);

  it("prints the stack shape and the read noise", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Bias image-stack shape: (3, 1, 1, ${NY}, ${NX})`);
    expect(run.stdout).toMatch(/Estimated read noise: [\d.]+ ± [\d.]+\n/);
  });

  it("writes the hot pixels as the reference hotpixels.csv", () => {
    const got = readFileSync(join(work, "bias_bias.csv"), "utf8");
    expect(got).toBe(
      readFileSync(refPath("b_touching_300x420", "hotpixels/hotpixels.csv"), "utf8"),
    );
  });

  it("writes the median frame as a float64 TIFF and the two summaries", async () => {
    expect(Array.from(await readValues(join(work, "bias_bias.tiff")))).toEqual(
      Array.from(bias.data),
    );
    expectPngs([join(work, "bias_bias.png"), join(work, "bias_bias.err.png")]);
  });

  it("dark: (median − bias) / time, then the pixels above 4.5", async () => {
    const darkStack = join(work, "dark.tif");
    writeStack(darkStack, [frame(() => 9), frame(() => 10), frame(() => 12)], NY, NX);
    const dark = await bima([
      "dark",
      "--bias",
      join(work, "bias_bias.tiff"),
      "--time",
      "2",
      darkStack,
    ]);
    expect(dark.stderr).toBe("");
    expect(dark.code).toBe(0);
    const values = await readValues(join(work, "dark_dark.tiff"));
    expect(values.every((v) => v === 5)).toBe(true);
    // numpy.where of every pixel: summarised as numpy prints arrays over 1000 items.
    expect(dark.stdout).toContain(
      `(array([0, 0, 0, ..., ${NY - 1}, ${NY - 1}, ${NY - 1}]), array([0, 1, 2, ..., ${NX - 3}, ${NX - 2}, ${NX - 1}]))`,
    );
    expectPngs([join(work, "dark_dark.png")]);
  });
});

describe("bima flat, mflat, plot", () => {
  const E = "e_shading_384x320";

  it("flat: the mean over T (-raw), smoothed and normalised to mean 1, per channel figures", async () => {
    const output = join(work, "e_flat.tiff");
    const run = await bima(["-o", output, "flat", refPath(E, "input.tif")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const input = loadNpy(E, "input.npy.gz");
    const [nt] = input.shape;
    const size = input.data.length / nt;
    const raw = await readValues(join(work, "e_flat-raw.tiff"));
    // np.mean over axis 0 adds the frames in order, then divides.
    let differ = 0;
    for (let i = 0; i < size; i++) {
      let sum = 0;
      for (let t = 0; t < nt; t++) sum += input.data[t * size + i];
      if (raw[i] !== sum / nt) differ++;
    }
    expect(differ).toBe(0);
    const flat = await readValues(output);
    expect(flat.length).toBe(size);
    const mean = flat.reduce((a, b) => a + b, 0) / flat.length;
    expect(Math.abs(mean - 1)).toBeLessThan(1e-9);
    expectPngs(
      [0, 1, 2].flatMap((c) =>
        [`e_flat.C${c}.png`, `e_flat.C${c}.2.png`].map((f) => join(work, f)),
      ),
    );
  });

  it("mflat: the mean of the files a glob names", async () => {
    const folder = join(work, "flats");
    rmSync(folder, { recursive: true, force: true });
    writeStack(join(work, "f_1.tif"), [frame(() => 0)], NY, NX);
    writeStack(join(work, "f_2.tif"), [frame(() => 3)], NY, NX);
    const output = join(work, "m_flat.tiff");
    const run = await bima(["-o", output, "mflat", join(work, "f_?.tif")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const raw = await readValues(join(work, "m_flat-raw.tiff"));
    expect(Array.from(raw)).toEqual(Array.from(bias.data, (v) => v + 1.5));
    expectPngs([join(work, "m_flat.png")]);
  });

  it("plot: one summary per channel of a (C, Y, X) image", async () => {
    const output = join(work, "dark_e.png");
    const run = await bima(["-o", output, "plot", refPath(E, "dark.tif")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const pngs = readdirSync(work)
      .filter((f) => f.startsWith("dark_e."))
      .sort();
    expect(pngs).toEqual([
      "dark_e.C0.2.png",
      "dark_e.C0.png",
      "dark_e.C1.2.png",
      "dark_e.C1.png",
      "dark_e.C2.2.png",
      "dark_e.C2.png",
    ]);
    expectPngs(pngs.map((f) => join(work, f)));
  });
});

describe("bima failures: one line on stderr, exit code ≠ 0, nothing written", () => {
  it.each([
    {
      what: "a missing file",
      args: () => ["bias", join(work, "none.tif")],
      code: 2,
      message: /none\.tif: no such file/,
    },
    {
      what: "an output over the input",
      args: () => ["-o", join(work, "bias.tif"), "bias", join(work, "bias.tif")],
      code: 2,
      message: /output would overwrite input .*bias\.tif; set -o\/--output/,
    },
    {
      what: "a bias of another shape",
      args: () => [
        "-o",
        join(work, "x_dark.png"),
        "dark",
        "--bias",
        refPath("e_shading_384x320", "flat.tif"),
        join(work, "dark.tif"),
      ],
      code: 1,
      message: /--bias .*flat\.tif \(3, 384, 320\) does not match the dark frame \(256, 256\)/,
    },
    {
      what: "an unknown command",
      args: () => ["darkest", "x.tif"],
      code: 2,
      message: /unknown command 'darkest'/,
    },
  ])("$what", async ({ args, code, message }) => {
    const before = readdirSync(work).sort();
    const run = await bima(args());
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(/^bima: error: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
    expect(readdirSync(work).sort()).toEqual(before);
  });
});
