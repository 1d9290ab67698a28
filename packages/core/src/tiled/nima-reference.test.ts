/**
 * The Python nima reference cases (../shared/reference) through the tiled nima functions, on
 * 64 × 96 tiles: at T=1, im_bg rebuilt as the reference README says (clip(im − bg, 0) with
 * the variant's bg.csv), then tiledSegment gives the reference labels and the whole-plane
 * nima.segment's, tiledRatio the reference ratio images, tiledMeasure the row T=1 of each
 * labelN.csv and nima.measure's CSV text, tiledCalculateBg the reference masks and iqr and
 * calculate_bg's values bit for bit.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { compareCsv } from "../../../../test/helpers/compare.js";
import {
  hasRef,
  loadJson,
  loadNpy,
  planeOf,
  referenceCases,
  refPath,
} from "../../../../test/helpers/reference.js";
import { memoryPersist } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference } from "../../../../test/helpers/tiled-planes.js";
import type { ComputeOptions } from "../array/compute.js";
import { DataArray } from "../array/data-array.js";
import type { TypedArray } from "../array/dtype.js";
import { kernels as rankKernels } from "../kernels/rank/index.js";
import { registerKernel } from "../kernels/registry.js";
import { type BgKind, BgParams } from "../nima/bg-params.js";
import { calculateBg } from "../nima/calculate-bg.js";
import { kernels } from "../nima/kernels-segment.js";
import { measure } from "../nima/measure.js";
import { type SegmentOptions, segment } from "../nima/segment.js";
import { zipPlanes } from "./lazy.js";
import { tiledCalculateBg } from "./nima-bg.js";
import { tiledMeasure, tiledMeasureTables } from "./nima-measure.js";
import { tiledRatio } from "./nima-ratio.js";
import { tiledSegment } from "./nima-segment.js";
import { assemble, planeFromArray, readTiles, type TiledPlane } from "./tiles.js";

const inline: ComputeOptions = { workers: 0 };
beforeAll(() => {
  for (const [name, kernel] of Object.entries({ ...kernels, ...rankKernels }))
    registerKernel(name, kernel);
});

const TILES = { tileY: 64, tileX: 96 };
const FILE_CHANNELS = ["G", "R", "C"] as const;
const T = 1;
const VARIANTS: Record<string, SegmentOptions> = {
  default: {},
  fg_li: { thresholdMethod: "li" },
  clear_border: { clearBorder: true },
  wiener: { wiener: true },
};

/** im_bg at T=1: clip(im − bg[T, c], 0), channels in file order G, R, C. */
function imBgPlanes(name: string, variant: string): Float64Array[] {
  const input = hasRef(name, "dark.npy.gz")
    ? loadNpy(name, "pipeline/default/shaded.npy.gz")
    : loadNpy(name, "input.npy.gz");
  const [header, ...rows] = readFileSync(refPath(name, `pipeline/${variant}/bg.csv`), "utf8")
    .trim()
    .split("\n")
    .map((line) => line.split(","));
  return FILE_CHANNELS.map((ch, c) => {
    const bg = Number(rows[T][header.indexOf(ch)]);
    return Float64Array.from(planeOf(input, T, c).data, (v) => Math.max(v - bg, 0));
  });
}

const readAll = (plane: TiledPlane) => assemble(readTiles(plane, TILES), plane.ny, plane.nx);

describe.each(referenceCases())("%s at T=1, tiled 64 × 96", (name) => {
  const [ny, nx] = loadNpy(name, "plane/ga.npy.gz").shape;

  function setup(variant: string) {
    const channels = imBgPlanes(name, variant);
    const data = new Float64Array(3 * ny * nx);
    for (const [c, plane] of channels.entries()) data.set(plane, c * ny * nx);
    const image = DataArray.from(data, {
      shape: [1, 3, ny, nx],
      dims: ["T", "C", "Y", "X"],
      coords: { C: [...FILE_CHANNELS] },
    });
    const planes = Object.fromEntries(
      FILE_CHANNELS.map((ch, c) => [ch, planeFromArray(channels[c], ny, nx)]),
    );
    return { image, planes };
  }

  it.each(Object.keys(VARIANTS))("nima.segment, variant %s", async (variant) => {
    const { image, planes } = setup(variant);
    const options = VARIANTS[variant];
    const labels = await tiledSegment(
      FILE_CHANNELS.map((ch) => planes[ch]),
      TILES,
      options,
    );
    const got = await readAll(labels);
    const reference = Int32Array.from(
      planeOf(loadNpy(name, `pipeline/${variant}/labels.npy.gz`), T).data,
    );
    expect(firstBitDifference(got, reference)).toBe(-1);
    const whole = (await segment(image, { ...options, channels: FILE_CHANNELS }).compute(inline))
      .values;
    expect(firstBitDifference(got, whole as TypedArray)).toBe(-1);
  });

  it("watershed is refused, not approximated", async () => {
    const { planes } = setup("default");
    await expect(
      tiledSegment(
        FILE_CHANNELS.map((ch) => planes[ch]),
        TILES,
        { watershed: true },
      ),
    ).rejects.toThrow(/watershed is not tile-exact/);
  });

  it("nima.ratio and nima.measure, variant default", async () => {
    const { image, planes } = setup("default");
    const labels = await tiledSegment(
      FILE_CHANNELS.map((ch) => planes[ch]),
      TILES,
    );
    const mask = zipPlanes([labels], ([l], n) => {
      const m = new Uint8Array(n);
      for (let i = 0; i < n; i++) m[i] = l[i] > 0 ? 1 : 0;
      return m;
    });
    const ratios: [string, TiledPlane][] = [
      ["r_cl", tiledRatio(planes.C, planes.R, { mask })],
      ["r_pH", tiledRatio(planes.G, planes.C, { mask })],
      ["r_cl_nomask_t1", tiledRatio(planes.C, planes.R)],
      ["r_pH_nofilter_t1", tiledRatio(planes.G, planes.C, { radii: [] })],
    ];
    for (const [file, plane] of ratios) {
      const ref = loadNpy(name, `pipeline/default/${file}.npy.gz`);
      const want = ref.shape.length === 3 ? planeOf(ref, T).data : ref.data;
      const at = firstBitDifference(await readAll(plane), Float64Array.from(want));
      expect(`${file}: ${at}`).toBe(`${file}: -1`);
    }

    const m = await tiledMeasure(labels, planes, TILES);
    const tables = tiledMeasureTables(m);
    const wholeLabels = DataArray.from(await readAll(labels), {
      shape: [1, ny, nx],
      dims: ["T", "Y", "X"],
    });
    const whole = await measure(image, wholeLabels, {}, inline);
    expect([...tables.keys()]).toEqual([...whole.keys()]);
    for (const [id, table] of tables) {
      const csv = table.toCSV();
      expect(csv).toBe(whole.get(id)!.toCSV());
      // The reference row of T=1 (index 1 there, 0 here: one plane), compared as the
      // whole-path parity test does (eccentricity's last bit is numpy's SVML pow).
      const ref = readFileSync(refPath(name, `pipeline/default/label${id}.csv`), "utf8").split(
        "\n",
      );
      const refRow = ref.find((line) => line.startsWith(`${T},`));
      expect(refRow, `label${id}.csv has a row for T=${T}`).toBeDefined();
      const expected = `${ref[0]}\n${refRow!.replace(/^\d+,/, "0,")}\n`;
      expect(compareCsv(csv, expected)).toBeLessThanOrEqual(1e-9);
    }
  });

  const kinds: BgKind[] = ["arcsinh", "entropy", "li_li", "inverse_yen"];
  it.each(kinds)("calculate_bg %s on the raw uint16 plane (T=1, C='C')", async (kind) => {
    const raw = Uint16Array.from(planeOf(loadNpy(name, "input.npy.gz"), T, 2).data);
    // The mask stored once (as a zarr store would) so the statistics passes do not
    // recompute the entropy or percentile filter.
    const got = await tiledCalculateBg(
      planeFromArray(raw, ny, nx),
      TILES,
      { kind },
      { persist: memoryPersist([]) },
    );
    const want = calculateBg({ data: raw, shape: [ny, nx] }, new BgParams({ kind }));
    const values = (r: { bg: number; sd: number; iqr: number[] }) =>
      Float64Array.from([r.bg, r.sd, ...r.iqr]);
    expect(firstBitDifference(values(got), values(want))).toBe(-1);
    const mask = Uint8Array.from(loadNpy(name, `plane/bgmask_raw_uint16_${kind}.npy.gz`).data);
    expect(firstBitDifference(await readAll(got.mask), mask)).toBe(-1);
    const expected = loadJson<{
      calculate_bg: { raw_uint16: Record<string, { iqr: number[]; mask_count: number }> };
    }>(name, "plane/results.json").calculate_bg.raw_uint16[kind];
    expect(got.iqr).toEqual(expected.iqr);
    expect(got.maskCount).toBe(expected.mask_count);
  });
});
