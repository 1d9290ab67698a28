/**
 * `nima.measure` on one tiled plane, equal to the `nima.measure_plane` kernel on the whole
 * plane (nima/kernels-segment.ts): per label, each channel's mean (tiled regionprops: the
 * label's pixels summed in raster order through numpy's summation), area, eccentricity,
 * equivalent diameter, and the medians of the two masked ratio images over the label.
 * `tiledMeasureTables` turns the rows into nima.measure's tables (same `toCSV` text).
 *
 * Memory: regionprops keeps its per-region sums; the medians gather the ratio values of a
 * group of cells at a time (at most `medianBudget` values, or one cell larger than that),
 * sorted as the whole path sorts them; one cell must fit in memory.
 */

import type { RegionTable } from "../kernels/measure/regionprops.js";
import { type MeasurePlaneParams, measureWidth } from "../nima/kernels-segment.js";
import { type MeasureOptions, measureDefaults, tablesByLabel } from "../nima/measure-tables.js";
import type { Table } from "../table/table.js";
import { zipPlanes } from "./lazy.js";
import { tiledRatio } from "./nima-ratio.js";
import { tiledRegionMeasurements } from "./regions.js";
import { readBox, type TiledPlane, type TileShape, tileBoxes } from "./tiles.js";

/** nima.measure's options, with the same defaults, and the ratio medians' memory budget. */
export interface TiledMeasureOptions extends MeasureOptions {
  /** Labelled pixels gathered at once for the ratio medians (default 2^24). */
  medianBudget?: number;
}

export interface TiledMeasurement {
  /** The label ids present, ascending: one row each. */
  ids: number[];
  /** Row k = the measure_plane values of ids[k] (measureWidth(params) columns). */
  rows: Float64Array;
  params: MeasurePlaneParams;
  /** The measured channel names, in column order, and the ratio pairs. */
  channels: readonly string[];
  channelsCl: readonly [string, string];
  channelsPh: readonly [string, string];
}

function resolve(planes: Readonly<Record<string, TiledPlane>>, options: TiledMeasureOptions) {
  const fn = "tiledMeasure";
  const { channels, channelsCl, channelsPh, radii, ratiosFromImage } = measureDefaults(options);
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new RangeError(`${fn}: channels must list at least 1 channel name`);
  }
  for (const name of channels) {
    if (!(name in planes)) {
      throw new RangeError(
        `${fn}: channel ${JSON.stringify(name)} in channels is not among the planes given (${Object.keys(planes).join(", ")})`,
      );
    }
  }
  for (const [option, pair] of [
    ["channelsCl", channelsCl],
    ["channelsPh", channelsPh],
  ] as const) {
    const missing = pair.find((name) => !channels.includes(name));
    if (pair.length !== 2 || missing !== undefined) {
      throw new RangeError(
        `${fn}: ${option} must be two of the measured channels (${channels.join(", ")}), got ${JSON.stringify(pair)}`,
      );
    }
  }
  return { channels, channelsCl, channelsPh, radii, ratiosFromImage };
}

/** The measure_plane rows of every label of `labels` in the channel planes (by name). */
export async function tiledMeasure(
  labels: TiledPlane,
  planes: Readonly<Record<string, TiledPlane>>,
  tiles: TileShape,
  options: TiledMeasureOptions = {},
): Promise<TiledMeasurement> {
  const o = resolve(planes, options);
  const budget = options.medianBudget ?? MEDIAN_BUDGET;
  if (!(Number.isInteger(budget) && budget >= 1)) {
    throw new RangeError(`tiledMeasure: medianBudget must be a positive integer, got ${budget}`);
  }
  const { table: shape, intensityMeans } = await tiledRegionMeasurements(
    labels,
    tiles,
    o.channels.map((name) => planes[name]),
  );
  const ids = Array.from(shape.label);
  const params: MeasurePlaneParams = {
    labels: ids,
    channels: o.channels.length,
    ratios: o.ratiosFromImage,
  };
  const width = measureWidth(params);
  const rows = new Float64Array(ids.length * width);
  ids.forEach((_, k) => {
    const row = rows.subarray(k * width, (k + 1) * width);
    intensityMeans.forEach((means, c) => {
      row[c] = means[k];
    });
    row[params.channels] = shape.area[k];
    row[params.channels + 1] = shape.eccentricity[k];
    row[params.channels + 2] = shape.equivalentDiameterArea[k];
  });
  if (o.ratiosFromImage) {
    // nima.measure masks the ratio images with labels > 0.
    const mask = zipPlanes([labels], ([l], n) => {
      const m = new Uint8Array(n);
      for (let i = 0; i < n; i++) m[i] = l[i] > 0 ? 1 : 0;
      return m;
    });
    const pairs = [o.channelsCl, o.channelsPh];
    for (let r = 0; r < 2; r++) {
      const [num, den] = pairs[r];
      const image = tiledRatio(planes[num], planes[den], { radii: o.radii, mask });
      const medians = await labelMedians(labels, image, tiles, ids, shape, budget);
      ids.forEach((_, k) => {
        rows[k * width + params.channels + 3 + r] = medians[k];
      });
    }
  }
  return { ids, rows, params, ...o };
}

/** Labelled pixels gathered at once for the ratio medians, by default (128 MiB of float64). */
const MEDIAN_BUDGET = 2 ** 24;

/**
 * `ndimage.median(image, labels, ids)`: (a + b) / 2 of the middle values for even counts.
 * Labels are taken in groups of consecutive ids whose areas add up to at most `budget`
 * values (a larger cell alone); ids follow the raster order of first pixels, so a group
 * lies in a band of rows and only the tiles under its bounding boxes are read.
 */
async function labelMedians(
  labels: TiledPlane,
  image: TiledPlane,
  tiles: TileShape,
  ids: readonly number[],
  table: RegionTable,
  budget: number,
): Promise<Float64Array> {
  const medians = new Float64Array(ids.length);
  for (let first = 0; first < ids.length; ) {
    let last = first + 1;
    let total = table.area[first];
    while (last < ids.length && total + table.area[last] <= budget) total += table.area[last++];
    const row = new Map<number, number>();
    const box = { y0: labels.ny, y1: 0, x0: labels.nx, x1: 0 };
    for (let k = first; k < last; k++) {
      row.set(ids[k], k - first);
      box.y0 = Math.min(box.y0, table.bboxMinRow[k]);
      box.y1 = Math.max(box.y1, table.bboxMaxRow[k]);
      box.x0 = Math.min(box.x0, table.bboxMinCol[k]);
      box.x1 = Math.max(box.x1, table.bboxMaxCol[k]);
    }
    const values = Array.from(
      { length: last - first },
      (_, k) => new Float64Array(table.area[first + k]),
    );
    const filled = new Int32Array(last - first);
    for (const b of tileBoxes(labels.ny, labels.nx, tiles)) {
      if (b.y1 <= box.y0 || b.y0 >= box.y1 || b.x1 <= box.x0 || b.x0 >= box.x1) continue;
      const l = await readBox(labels, b);
      const v = await readBox(image, b);
      for (let i = 0; i < l.length; i++) {
        const k = row.get(l[i]);
        if (k !== undefined) values[k][filled[k]++] = v[i];
      }
    }
    values.forEach((group, k) => {
      group.sort();
      const n = group.length;
      medians[first + k] = (group[(n - 1) >> 1] + group[n >> 1]) / 2;
    });
    first = last;
  }
  return medians;
}

/** nima.measure's tables (one per label id; index 0, the one plane) of a tiled measurement. */
export function tiledMeasureTables(m: TiledMeasurement): Map<number, Table> {
  return tablesByLabel(m.rows, m.ids, m.channels, m.params, {
    cl: m.channelsCl,
    ph: m.channelsPh,
  });
}
