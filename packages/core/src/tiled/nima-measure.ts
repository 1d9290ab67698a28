/**
 * `nima.measure` on one tiled plane, equal to the `nima.measure_plane` kernel on the whole
 * plane (nima/kernels-segment.ts): per label, each channel's mean (tiled regionprops: the
 * label's pixels summed in raster order through numpy's summation), area, eccentricity,
 * equivalent diameter, and the medians of the two masked ratio images over the label.
 * `tiledMeasureTables` turns the rows into nima.measure's tables (same `toCSV` text).
 *
 * Memory: regionprops keeps its per-region sums; the medians gather each label's ratio
 * values (one float64 per labelled pixel, one ratio image at a time), since a median needs
 * them all; a plane whose cells do not fit in memory needs bucket passes per label instead.
 */

import type { RegionTable } from "../kernels/measure/regionprops.js";
import { type MeasurePlaneParams, measureWidth } from "../nima/kernels-segment.js";
import { type MeasureOptions, tablesByLabel } from "../nima/measure.js";
import type { Table } from "../table/table.js";
import { zipPlanes } from "./lazy.js";
import { tiledRatio } from "./nima-ratio.js";
import { tiledRegionprops } from "./regions.js";
import { readBox, type TiledPlane, type TileShape, tileBoxes } from "./tiles.js";

/** nima.measure's options, with the same defaults. */
export type TiledMeasureOptions = MeasureOptions;

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
  const {
    channels = ["C", "G", "R"],
    channelsCl = ["C", "R"],
    channelsPh = ["G", "C"],
    radii = [7, 3],
    ratiosFromImage = true,
  } = options;
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
  const tables: RegionTable[] = [];
  for (const name of o.channels) tables.push(await tiledRegionprops(labels, tiles, planes[name]));
  const ids = Array.from(tables[0].label);
  const params: MeasurePlaneParams = {
    labels: ids,
    channels: o.channels.length,
    ratios: o.ratiosFromImage,
  };
  const width = measureWidth(params);
  const rows = new Float64Array(ids.length * width);
  const shape = tables[0];
  ids.forEach((_, k) => {
    const row = rows.subarray(k * width, (k + 1) * width);
    tables.forEach((t, c) => {
      row[c] = t.intensityMean![k];
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
      const medians = await labelMedians(labels, image, tiles, ids, shape.area);
      ids.forEach((_, k) => {
        rows[k * width + params.channels + 3 + r] = medians[k];
      });
    }
  }
  return { ids, rows, params, ...o };
}

/** `ndimage.median(image, labels, ids)`: (a + b) / 2 of the middle values for even counts. */
async function labelMedians(
  labels: TiledPlane,
  image: TiledPlane,
  tiles: TileShape,
  ids: readonly number[],
  areas: ArrayLike<number>,
): Promise<Float64Array> {
  const row = new Map(ids.map((id, k) => [id, k]));
  const values = ids.map((_, k) => new Float64Array(areas[k]));
  const filled = new Int32Array(ids.length);
  for (const b of tileBoxes(labels.ny, labels.nx, tiles)) {
    const l = await readBox(labels, b);
    const v = await readBox(image, b);
    for (let i = 0; i < l.length; i++) {
      if (!(l[i] > 0)) continue;
      const k = row.get(l[i])!;
      values[k][filled[k]++] = v[i];
    }
  }
  return Float64Array.from(values, (group) => {
    group.sort();
    const n = group.length;
    return (group[(n - 1) >> 1] + group[n >> 1]) / 2;
  });
}

/** nima.measure's tables (one per label id; index 0, the one plane) of a tiled measurement. */
export function tiledMeasureTables(m: TiledMeasurement): Map<number, Table> {
  return tablesByLabel(m.rows, m.ids, m.channels, m.params, {
    cl: m.channelsCl,
    ph: m.channelsPh,
  });
}
