import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { closeSharedPools, readImage } from "@nima-ts/core";
import { decode } from "fast-png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Run, runScript } from "./helpers/cli.js";
import { compareCsv } from "./helpers/compare.js";
import { loadNpy, refPath } from "./helpers/reference.js";

const NIMA = resolve(import.meta.dirname, "../packages/cli/dist/bin/nima.js");
const work = mkdtempSync(join(tmpdir(), "nima-cli-"));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await closeSharedPools();
});

function nima(args: string[], onStdout?: (text: string, kill: () => void) => void): Promise<Run> {
  return runScript(NIMA, args, work, onStdout);
}

const labelFiles = (folder: string) =>
  readdirSync(folder)
    .filter((f) => /^label\d+\.csv$/.test(f))
    .sort((a, b) => Number(a.slice(5, -4)) - Number(b.slice(5, -4)));

const B = "b_touching_300x420";
const E = "e_shading_384x320";
const shading = () => ["-d", refPath(E, "dark.tif"), "-f", refPath(E, "flat.tif")];

// The smaller cases; variants that change each step (bg, threshold, watershed, hotpixels).
const RUNS: { name: string; variant: string; args: () => string[] }[] = [
  { name: B, variant: "default", args: () => [] },
  { name: B, variant: "watershed", args: () => ["--watershed"] },
  { name: B, variant: "bg_r101", args: () => ["--bg-adaptive-radius", "101"] },
  { name: E, variant: "default", args: shading },
  { name: E, variant: "hotpixels", args: () => ["--hotpixels", ...shading()] },
];

const outputOf = ({ name, variant }: (typeof RUNS)[number]) => join(work, `${name}-${variant}`);

/**
 * All runs start together, two at a time: a run's main thread waits on its workers about a
 * third of the time, so a second run fills those gaps.
 */
let started: Map<(typeof RUNS)[number], Promise<Run>> | undefined;
function runOf(entry: (typeof RUNS)[number]): Promise<Run> {
  if (!started) {
    const queue = [...RUNS];
    started = new Map();
    const slots: Promise<unknown>[] = [Promise.resolve(), Promise.resolve()];
    queue.forEach((e, i) => {
      const args = [refPath(e.name, "input.tif"), "G", "R", "C", "-o", outputOf(e), ...e.args()];
      const run = slots[i % 2].then(() => nima(args));
      slots[i % 2] = run;
      started?.set(e, run);
    });
  }
  return started.get(entry) as Promise<Run>;
}

describe.each(RUNS)("nima on $name ($variant)", (entry) => {
  const { name, variant } = entry;
  const output = outputOf(entry);
  const folder = join(output, "input");
  const reference = refPath(name, `pipeline/${variant}`);
  let run: Run;

  beforeAll(async () => {
    run = await runOf(entry);
  }, 120_000);

  it("exits 0, prints Times and the summary", () => {
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  Times: 3\n");
    expect(run.stdout).toMatch(/labelled cells in 3 frames .* in [\d.]+ s/);
  });

  it("writes bg.csv as the Python nima, text for text", () => {
    const got = readFileSync(join(folder, "bg.csv"), "utf8");
    expect(got).toBe(readFileSync(join(reference, "bg.csv"), "utf8"));
  });

  it("writes the reference label<k>.csv files", () => {
    const files = labelFiles(folder);
    expect(files).toEqual(labelFiles(reference));
    let worst = 0;
    for (const file of files) {
      const got = readFileSync(join(folder, file), "utf8");
      worst = Math.max(worst, compareCsv(got, readFileSync(join(reference, file), "utf8")));
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });

  it("writes the figures as PNGs", () => {
    const pngs = [
      join(output, "input_dim.png"),
      join(output, "input_meas.png"),
      ...["G", "R", "C"].map((c) => join(folder, `bg-${c}-li_adaptive.png`)),
    ];
    for (const path of pngs) {
      const png = decode(readFileSync(path));
      expect(png.width * png.height, path).toBeGreaterThan(100 * 100);
    }
    // Nothing else, and no temporary file left over.
    expect(readdirSync(output).sort()).toEqual(["input", "input_dim.png", "input_meas.png"]);
    expect(readdirSync(folder).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("writes label<k>_rcl.tif / _rpH.tif: the ratio images over each label's box", async () => {
    const labels = loadNpy(name, `pipeline/${variant}/labels.npy.gz`);
    const [nt, ny, nx] = labels.shape;
    const ids = labelFiles(reference).map((f) => Number(f.slice(5, -4)));
    const boxes = ids.map(() => [nt, 0, ny, 0, nx, 0]);
    for (let i = 0; i < labels.data.length; i++) {
      const k = labels.data[i];
      if (k <= 0) continue;
      const [t, y, x] = [Math.floor(i / (ny * nx)), Math.floor(i / nx) % ny, i % nx];
      const b = boxes[k - 1];
      [b[0], b[1], b[2], b[3], b[4], b[5]] = [
        Math.min(b[0], t),
        Math.max(b[1], t + 1),
        Math.min(b[2], y),
        Math.max(b[3], y + 1),
        Math.min(b[4], x),
        Math.max(b[5], x + 1),
      ];
    }
    // The full ratio images are stored for the default variant only.
    const images =
      variant === "default"
        ? {
            rcl: loadNpy(name, "pipeline/default/r_cl.npy.gz"),
            rpH: loadNpy(name, "pipeline/default/r_pH.npy.gz"),
          }
        : undefined;
    for (const [k, [t0, t1, y0, y1, x0, x1]] of boxes.map((b, i) => [ids[i], b] as const)) {
      for (const suffix of ["rcl", "rpH"] as const) {
        const tif = await (await readImage(join(folder, `label${k}_${suffix}.tif`))).compute({
          workers: 0,
        });
        expect(tif.dtype).toBe("float64");
        expect(tif.size).toBe((t1 - t0) * (y1 - y0) * (x1 - x0));
        if (!images) continue;
        const full = images[suffix].data;
        let differ = 0;
        let o = 0;
        for (let t = t0; t < t1; t++)
          for (let y = y0; y < y1; y++)
            for (let x = x0; x < x1; x++)
              if (tif.values[o++] !== full[(t * ny + y) * nx + x]) differ++;
        expect(`label${k}_${suffix}: ${differ} values differ`).toBe(
          `label${k}_${suffix}: 0 values differ`,
        );
      }
    }
  });
});

describe("nima failures: one line on stderr, exit code ≠ 0, nothing written", () => {
  const input = () => refPath(B, "input.tif");
  const cases: { what: string; args: () => string[]; code: number; message: RegExp }[] = [
    {
      what: "a missing file",
      args: () => [join(work, "missing.tif")],
      code: 2,
      message: /TIFFSTK: .*missing\.tif: no such file/,
    },
    {
      what: "channels not matching the file",
      args: () => [input(), "G", "R"],
      code: 1,
      message: /2 channel names \(G, R\) given, but the image has 3 channels/,
    },
    {
      what: "an unknown method",
      args: () => [input(), "--bg-method", "otsu"],
      code: 2,
      message:
        /--bg-method.*"otsu" is not one of "li_adaptive", "entropy", "arcsinh", "adaptive", "li_li"/,
    },
    {
      what: "a flat/dark of another shape",
      args: () => [refPath(E, "input.tif"), "-d", refPath(E, "dark.tif"), "-f", input()],
      code: 1,
      message: /shading: flat Y size 300 does not match the image's Y size 384/,
    },
    {
      what: "a flat without a dark",
      args: () => [input(), "-f", refPath(E, "flat.tif")],
      code: 2,
      message: /needs both -f\/--flat and -d\/--dark/,
    },
    {
      what: "an even adaptive radius (threshold_local needs an odd block)",
      args: () => [input(), "--bg-adaptive-radius", "100"],
      code: 2,
      message: /--bg-adaptive-radius: .*adaptiveRadius must be a positive odd integer/,
    },
    {
      what: "an even adaptive radius, refused before the (missing) image is looked at",
      args: () => ["no-such.tif", "--bg-adaptive-radius", "4"],
      code: 2,
      message: /--bg-adaptive-radius: .*got 4/,
    },
    {
      what: "a ratio channel that is not among the channels",
      args: () => [input(), "G", "R", "C", "--channels-cl", "C", "Y"],
      code: 2,
      message: /--channels-cl: Y not among the channels \(G, R, C\)/,
    },
    {
      what: "an unknown option",
      args: () => [input(), "--no-such"],
      code: 2,
      message: /unknown option '--no-such'/,
    },
  ];

  it.each(cases)("$what", async ({ args, code, message }) => {
    const output = join(work, "failed");
    const run = await nima([...args(), "-o", output]);
    expect(run.code).toBe(code);
    expect(run.stderr).toMatch(/^nima: error: [^\n]+\n$/);
    expect(run.stderr).toMatch(message);
    expect(existsSync(output)).toBe(false);
  });

  it("Ctrl-C during the compute removes every partial output (exit 130)", async () => {
    const output = join(work, "interrupted");
    let sent = false;
    const run = await nima([refPath(B, "input.tif"), "-o", output], (stdout, kill) => {
      if (!sent && stdout.includes("Times:")) {
        sent = true;
        kill();
      }
    });
    expect(sent).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/^nima: error: interrupted \(SIGINT\); partial outputs removed\n$/);
    expect(existsSync(output)).toBe(false);
  });

  it("--version prints the version, --help the options", async () => {
    const version = await nima(["--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = await nima(["--help"]);
    expect(help.code).toBe(0);
    for (const flag of ["--bg-method", "--bg-downscale", "--ratio-median-radii", "--channels-ph"]) {
      expect(help.stdout).toContain(flag);
    }
  });
});
