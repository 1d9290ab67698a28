/**
 * nima's `output_results`: the same files, names and layout, written through the staging
 * area (renamed into place only when the whole run succeeds):
 *
 *   <out>/<name>/bg-<channel>-<method>.png   background figures (nima: one PDF per channel)
 *   <out>/<name>/bg.csv                      background medians, columns C, G, R
 *   <out>/<name>_meas.png                    ratios, intensities and background over time
 *   <out>/<name>_dim.png                     channels × time with the labels
 *   <out>/<name>/label<k>.csv                per-label measurements
 *   <out>/<name>/label<k>_rcl.tif, _rpH.tif  ratio images over the label's bounding box
 *
 * `<name>` is the input file name without its last extension (Path.with_suffix("")).
 */
import { basename, extname, join } from "node:path";
import type { DataArray } from "@nima-ts/core";
import { measure, nima } from "@nima-ts/core";
import type { Reporter } from "../cli/reporter.js";
import type { OutputStaging } from "../cli/staging.js";
import { bgFigure } from "../figures/bg.js";
import { dimFigure } from "../figures/dim.js";
import { measFigure } from "../figures/meas.js";
import { pixelSizeOf } from "../figures/scale-bar.js";
import { tiffBytes } from "../tiff.js";
import type { NimaOptions } from "./options.js";
import type { PipelineResult } from "./pipeline.js";

export interface WrittenResults {
  /** <out>/<name> */
  folder: string;
  /** Every file written, final paths. */
  files: string[];
}

/** The file name without its last extension, as pathlib's with_suffix(""). */
export function stemOf(path: string): string {
  const name = basename(path.replace(/[\\/]+$/, ""));
  const ext = extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

export async function writeResults(
  o: NimaOptions,
  r: PipelineResult,
  staging: OutputStaging,
  report: Reporter,
  signal: AbortSignal,
): Promise<WrittenResults> {
  const name = stemOf(o.tiffstk);
  const folder = join(o.output, name);
  staging.folder(folder);
  const write = (path: string, data: Uint8Array | string) => {
    signal.throwIfAborted();
    staging.write(path, data);
  };

  await report.step("figures", async (onProgress) => {
    const channels = (r.image.coords.C ?? []).map(String);
    const pixelSize = pixelSizeOf(r.source.attrs);
    const times = r.source.times ? { values: r.source.times, unit: "s" } : undefined;
    const total = channels.length + 2;
    for (const [i, channel] of channels.entries()) {
      const png = await bgFigure({
        image: r.image,
        figures: r.figures,
        channel,
        downscale: o.bgDownscale,
        signal,
        pixelSize,
      });
      write(join(folder, `bg-${channel}-${o.bgMethod}.png`), png);
      onProgress({ done: i + 1, total });
    }
    write(join(folder, "bg.csv"), nima.bgsToCsv(r.bgs));
    write(
      `${folder}_meas.png`,
      await measFigure({
        bgs: r.bgs,
        tables: r.tables,
        channels: o.channels,
        channelsCl: o.channelsCl,
        channelsPh: o.channelsPh,
        times,
      }),
    );
    onProgress({ done: channels.length + 1, total });
    write(
      `${folder}_dim.png`,
      await dimFigure({ image: r.imBg, labels: r.labels, channels: o.channels, pixelSize, times }),
    );
    onProgress({ done: total, total });
  });

  for (const [id, table] of r.tables) write(join(folder, `label${id}.csv`), table.toCSV());
  if (r.rCl && r.rPh) {
    for (const [id, box] of findObjects(r.labels)) {
      write(join(folder, `label${id}_rcl.tif`), cropTiff(r.rCl, box));
      write(join(folder, `label${id}_rpH.tif`), cropTiff(r.rPh, box));
    }
  }
  return { folder, files: staging.paths };
}

/** [start, stop) along T, Y and X. */
export type Box = [[number, number], [number, number], [number, number]];

/**
 * scipy.ndimage.find_objects on the (T, Y, X) labels: each label's bounding box over all
 * the frames where it occurs, by label id.
 */
export function findObjects(labels: DataArray): Map<number, Box> {
  const [nt, ny, nx] = labels.shape;
  const values = labels.values;
  const boxes = new Map<number, Box>();
  for (let t = 0; t < nt; t++) {
    const plane = { data: values.subarray(t * ny * nx, (t + 1) * ny * nx), shape: [ny, nx] };
    measure.findObjects(plane).forEach((b, index) => {
      if (!b) return;
      const box = boxes.get(index + 1);
      if (!box) {
        boxes.set(index + 1, [
          [t, t + 1],
          [b.rowStart, b.rowStop],
          [b.colStart, b.colStop],
        ]);
        return;
      }
      box[0][1] = t + 1;
      box[1] = [Math.min(box[1][0], b.rowStart), Math.max(box[1][1], b.rowStop)];
      box[2] = [Math.min(box[2][0], b.colStart), Math.max(box[2][1], b.colStop)];
    });
  }
  return new Map([...boxes].sort(([a], [b]) => a - b));
}

/** `ratio.to_numpy()[box]` as a (t, y, x) float64 TIFF. */
function cropTiff(ratio: DataArray, [[t0, t1], [y0, y1], [x0, x1]]: Box): Uint8Array {
  const [, ny, nx] = ratio.shape;
  const src = ratio.values;
  const shape = [t1 - t0, y1 - y0, x1 - x0];
  const out = new Float64Array(shape[0] * shape[1] * shape[2]);
  let o = 0;
  for (let t = t0; t < t1; t++) {
    for (let y = y0; y < y1; y++) {
      const row = (t * ny + y) * nx;
      for (let x = x0; x < x1; x++) out[o++] = src[row + x];
    }
  }
  return tiffBytes(out, shape, "float64");
}
