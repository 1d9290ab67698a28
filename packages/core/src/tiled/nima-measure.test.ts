import { beforeAll, describe, expect, it } from "vitest";
import { blobChannels, CHANNELS } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference, NX, NY, TILES } from "../../../../test/helpers/tiled-planes.js";
import type { ComputeOptions } from "../array/compute.js";
import { DataArray } from "../array/data-array.js";
import { kernels as rankKernels } from "../kernels/rank/index.js";
import { registerKernel } from "../kernels/registry.js";
import { kernels, measurePlane, measureWidth } from "../nima/kernels-segment.js";
import { measure } from "../nima/measure.js";
import { ratio } from "../nima/ratio.js";
import { segment } from "../nima/segment.js";
import { type TiledMeasureOptions, tiledMeasure, tiledMeasureTables } from "./nima-measure.js";
import { tiledSegment } from "./nima-segment.js";
import { planeFromArray, type TiledPlane } from "./tiles.js";

const inline: ComputeOptions = { workers: 0 };
beforeAll(() => {
  for (const [name, kernel] of Object.entries({ ...kernels, ...rankKernels }))
    registerKernel(name, kernel);
});

const channels = blobChannels(5);
const data = new Uint16Array(channels.length * NY * NX);
for (const [i, c] of channels.entries()) data.set(c, i * NY * NX);
const image = DataArray.from(data, {
  shape: [1, 3, NY, NX],
  dims: ["T", "C", "Y", "X"],
  coords: { C: [...CHANNELS] },
});
const planes: Record<string, TiledPlane> = Object.fromEntries(
  CHANNELS.map((name, c) => [name, planeFromArray(channels[c], NY, NX)]),
);
const segmentOptions = { minSize: 20, thresholdMethod: "li" } as const;

describe("tiledMeasure equals nima.measure on one plane (97 × 131 in 16 × 24 tiles)", () => {
  const cases: [string, TiledMeasureOptions][] = [
    ["defaults (ratio medians)", {}],
    [
      "no ratio medians, two channels",
      {
        channels: ["C", "G"],
        channelsCl: ["C", "G"],
        channelsPh: ["G", "C"],
        ratiosFromImage: false,
      },
    ],
    ["radii [5], other pairs", { channelsCl: ["R", "G"], channelsPh: ["C", "G"], radii: [5] }],
    // Medians gathered a few cells at a time (cells are ~100-1000 pixels here).
    ["medianBudget 500", { medianBudget: 500 }],
  ];
  it.each(cases)("%s: the same rows and the same CSV text", async (_, options) => {
    const wholeLabels = await segment(image, segmentOptions).compute(inline);
    const labels = await tiledSegment(
      ["C", "G", "R"].map((n) => planes[n]),
      TILES,
      segmentOptions,
    );
    const m = await tiledMeasure(labels, planes, TILES, options);
    expect(m.ids.length).toBeGreaterThan(2);

    // The rows: bit for bit those of the measure_plane kernel on the whole plane.
    const names = options.channels ?? ["C", "G", "R"];
    const whole = new Float64Array(m.ids.length * measureWidth(m.params));
    const inputs = names.map((n) => channels[CHANNELS.indexOf(n as "G")]);
    if (m.params.ratios) {
      const mask = wholeLabels.gt(0);
      for (const pair of [options.channelsCl ?? ["C", "R"], options.channelsPh ?? ["G", "C"]]) {
        const r = await ratio(image, { channels: pair, radii: options.radii, mask }).compute(
          inline,
        );
        inputs.push(r.values as never);
      }
    }
    measurePlane(wholeLabels.values, inputs, NY, NX, m.params, whole);
    expect(firstBitDifference(m.rows, whole)).toBe(-1);

    // The tables: the same labelN.csv text as nima.measure.
    const wantTables = await measure(image, wholeLabels, options, inline);
    const gotTables = tiledMeasureTables(m);
    expect([...gotTables.keys()]).toEqual([...wantTables.keys()]);
    for (const [id, table] of wantTables) expect(gotTables.get(id)!.toCSV()).toBe(table.toCSV());
  });

  it("names a missing channel or a ratio pair outside the measured channels", async () => {
    const labels = planeFromArray(new Int32Array(NY * NX), NY, NX);
    await expect(tiledMeasure(labels, planes, TILES, { channels: ["C", "Y"] })).rejects.toThrow(
      /tiledMeasure: channel "Y" in channels is not among the planes given \(G, R, C\)/,
    );
    await expect(tiledMeasure(labels, planes, TILES, { channels: ["C", "G"] })).rejects.toThrow(
      /channelsCl must be two of the measured channels \(C, G\), got \["C","R"\]/,
    );
    await expect(tiledMeasure(labels, planes, TILES, { medianBudget: 0 })).rejects.toThrow(
      /medianBudget must be a positive integer, got 0/,
    );
  });
});
