/**
 * The whole nima pipeline against the Python reference runs (shared/reference/<case>/pipeline,
 * README §4.1): for every case and variant, im_bg is rebuilt exactly as the README says
 * (clip(im − bg[t, c], 0) in float64, bg from that variant's bg.csv), then nima.segment must
 * give the reference labels pixel for pixel, nima.measure the reference labelN.csv files, and
 * (default variant) nima.ratio the reference ratio images.
 */
import { readdirSync, readFileSync } from "node:fs";
import { type ComputeOptions, closeSharedPools, DataArray, nima } from "@nima-ts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareCsv, countDifferent, maxAbsDiff } from "./helpers/compare.js";
import { hasRef, loadJson, loadNpy, referenceCases, refPath } from "./helpers/reference.js";

const { measure, median, ratio, segment, shading } = nima;
// The kernels run on this thread.
const compute: ComputeOptions = { workers: 0 };
afterAll(() => closeSharedPools());

const FILE_CHANNELS = ["G", "R", "C"];
const VARIANTS: Record<string, { segment: Parameters<typeof segment>[1]; hotpixels?: boolean }> = {
  default: { segment: {} },
  bg_r101: { segment: {} },
  fg_li: { segment: { thresholdMethod: "li" } },
  watershed: { segment: { watershed: true } },
  clear_border: { segment: { clearBorder: true } },
  wiener: { segment: { wiener: true } },
  hotpixels: { segment: {}, hotpixels: true },
};

interface Summary {
  im_bg_sum_per_TC: number[][];
  im_bg_max_per_TC: number[][];
  n_labels_per_T: number[];
}

function arrayOf(name: string, file: string, dims: string[], coords = {}): DataArray {
  const block = loadNpy(name, file);
  return DataArray.from(block.data, { shape: block.shape, dims, coords });
}

/** The image nima.bg would have handed on: input (median-filtered, shaded as the variant says). */
async function imageOf(name: string, variant: string): Promise<DataArray> {
  const coords = { C: FILE_CHANNELS };
  const shaded = hasRef(name, "dark.npy.gz");
  if (!VARIANTS[variant].hotpixels) {
    return shaded
      ? arrayOf(name, "pipeline/default/shaded.npy.gz", ["T", "C", "Y", "X"], coords)
      : arrayOf(name, "input.npy.gz", ["T", "C", "Y", "X"], coords);
  }
  // --hotpixels: nima.median on the uint16 input, then shading (case e), as the CLI does.
  const input = loadNpy(name, "input.npy.gz");
  const raw = DataArray.from(Uint16Array.from(input.data), {
    shape: input.shape,
    dims: ["T", "C", "Y", "X"],
    coords,
  });
  const im = await median(raw).compute(compute);
  if (!shaded) return im;
  const dark = arrayOf(name, "dark.npy.gz", ["C", "Y", "X"], coords);
  const flat = arrayOf(name, "flat.npy.gz", ["C", "Y", "X"], coords);
  return shading(im, dark, flat).compute(compute);
}

/** clip(im − bg[t, c], 0) with bg.csv (columns C, G, R; index T). */
async function imBg(name: string, variant: string): Promise<DataArray> {
  const im = await imageOf(name, variant);
  const [header, ...rows] = readFileSync(refPath(name, `pipeline/${variant}/bg.csv`), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
  const bg = new Float64Array(rows.length * FILE_CHANNELS.length);
  rows.forEach((row, t) => {
    FILE_CHANNELS.forEach((ch, c) => {
      bg[t * FILE_CHANNELS.length + c] = Number(row[header.indexOf(ch)]);
    });
  });
  const bgArray = DataArray.from(bg, {
    shape: [rows.length, FILE_CHANNELS.length],
    dims: ["T", "C"],
    coords: { C: FILE_CHANNELS },
  });
  return im.astype("float64").sub(bgArray).clip(0).compute(compute);
}

describe.each(referenceCases())("pipeline parity, case %s", (name) => {
  describe.each(Object.keys(VARIANTS))("variant %s", (variant) => {
    const folder = `pipeline/${variant}`;
    let im: DataArray;
    let labels: DataArray;

    beforeAll(async () => {
      im = await imBg(name, variant);
      labels = await segment(im, { channels: FILE_CHANNELS, ...VARIANTS[variant].segment }).compute(
        compute,
      );
    });

    it("rebuilds the reference im_bg (summary.json per-plane max and sum)", () => {
      const summary = loadJson<Summary>(name, `${folder}/summary.json`);
      const [T, C] = im.shape;
      const planeSize = im.size / (T * C);
      const values = im.values;
      for (let t = 0; t < T; t++) {
        for (let c = 0; c < C; c++) {
          const plane = values.subarray((t * C + c) * planeSize, (t * C + c + 1) * planeSize);
          let max = 0;
          let sum = 0;
          for (let i = 0; i < plane.length; i++) {
            max = Math.max(max, plane[i]);
            sum += plane[i];
          }
          expect(max).toBe(summary.im_bg_max_per_TC[t][c]);
          // numpy sums pairwise, this loop in order: they agree to rounding.
          expect(Math.abs(sum - summary.im_bg_sum_per_TC[t][c])).toBeLessThan(1e-9 * sum);
        }
      }
    });

    it("nima.segment gives the reference labels, pixel for pixel", () => {
      const expected = loadNpy(name, `${folder}/labels.npy.gz`);
      expect(labels.dims).toEqual(["T", "Y", "X"]);
      expect(labels.dtype).toBe("int32");
      expect(labels.shape).toEqual(expected.shape);
      expect(countDifferent(labels.values, expected.data)).toBe(0);
    });

    it("nima.measure writes the reference labelN.csv files", async () => {
      const tables = await measure(im, labels, { channels: FILE_CHANNELS }, compute);
      const files = readdirSync(refPath(name, folder))
        .filter((f) => /^label\d+\.csv$/.test(f))
        .sort((a, b) => Number(a.slice(5, -4)) - Number(b.slice(5, -4)));
      expect([...tables.keys()].map((k) => `label${k}.csv`)).toEqual(files);
      let worst = 0;
      for (const [id, table] of tables) {
        const expected = readFileSync(refPath(name, `${folder}/label${id}.csv`), "utf8");
        worst = Math.max(worst, compareCsv(table.toCSV(), expected));
      }
      expect(worst).toBeLessThanOrEqual(1e-9);
    });

    // Ratio images are stored for the default run only.
    if (variant !== "default") return;
    it("nima.ratio gives the reference ratio images", async () => {
      const mask = labels.gt(0);
      const t1 = (a: DataArray) => a.isel({ T: 1 });
      const cases: [string, DataArray][] = [
        ["r_cl", ratio(im, { channels: ["C", "R"], mask })],
        ["r_pH", ratio(im, { channels: ["G", "C"], mask })],
        ["r_cl_nomask_t1", t1(ratio(im, { channels: ["C", "R"] }))],
        ["r_pH_nofilter_t1", t1(ratio(im, { channels: ["G", "C"], radii: [] }))],
      ];
      for (const [file, lazy] of cases) {
        const got = await lazy.compute(compute);
        const expected = loadNpy(name, `${folder}/${file}.npy.gz`);
        expect(got.shape).toEqual(expected.shape);
        expect(got.dtype).toBe("float64");
        // Exact: a quotient, then median selections (README allows 1e-9).
        expect(`${file}: ${maxAbsDiff(got.values, expected.data)}`).toBe(`${file}: 0`);
      }
    });
  });
});
