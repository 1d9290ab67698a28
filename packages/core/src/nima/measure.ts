/** nima.measure: per-label intensities, shape and ratios over time. */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { DimensionError, ShapeError } from "../array/errors.js";
import { isTiled } from "../graph/overlap.js";
import type { Table } from "../table/table.js";
import { measurePlaneKernel } from "./kernel-specs.js";
import { type MeasurePlaneParams, measureWidth } from "./kernels-segment.js";
import { type MeasureOptions, measureDefaults, tablesByLabel } from "./measure-tables.js";

export type { MeasureOptions } from "./measure-tables.js";

import { measureTiles } from "./measure-tiles.js";
import { ratio } from "./ratio.js";
import { channelPlanes, checkChannels, checkImage, squeezeZ } from "./segment.js";

/**
 * Measures every label of `labels` (T, [Z=1,] Y, X) in `im` (T, C, [Z=1,] Y, X), as
 * nima.measure followed by the column order of nima's output_results. Returns, per label id
 * (ascending), a table indexed by time position with the rows where the label exists and the
 * columns: the channel means (channel names sorted, so C, G, R), area, eccentricity,
 * equivalent_diameter, r_cl and r_pH (ratios of the means), and with ratiosFromImage
 * r_cl_median and r_pH_median (medians over the label of `nima.ratio` images masked by
 * labels > 0). `table.toCSV()` is nima's labelN.csv. Label ids are per frame, as in nima: a
 * row of label 3 can be another cell at another time.
 *
 * Labels are computed first if lazy; the measurements then run one task per time point
 * through the pool (or as `compute` says). Labels or images chunked in Y/X are measured by
 * streamed passes over the tiles instead (same tables, no whole plane in memory).
 */
export async function measure(
  im: DataArray,
  labels: DataArray,
  options: MeasureOptions = {},
  compute: ComputeOptions = {},
): Promise<Map<number, Table>> {
  const fn = "nima.measure";
  const { channels, channelsCl, channelsPh, radii, ratiosFromImage } = measureDefaults(options);
  checkImage(fn, im);
  checkChannels(fn, "channels", im, channels);
  for (const [option, pair] of [
    ["channelsCl", channelsCl],
    ["channelsPh", channelsPh],
  ] as const) {
    checkChannels(fn, option, im, pair, 2);
    const missing = pair.find((name) => !channels.includes(name));
    if (missing !== undefined) {
      throw new RangeError(
        `${fn}: ${option} channel ${JSON.stringify(missing)} is not among the measured channels (${channels.join(", ")})`,
      );
    }
  }
  const planes = channels.map((name) => channelPlanes(im, name));
  const lab = checkLabels(fn, squeezeZ(labels), planes[0]);
  if ([lab, ...planes].some((a) => isTiled(a.lazy))) {
    const byName = Object.fromEntries(channels.map((name, i) => [name, planes[i]]));
    const resolved = { channels, channelsCl, channelsPh, radii, ratiosFromImage };
    return measureTiles(lab, byName, resolved, compute);
  }
  const computed = lab.isComputed ? lab : await lab.compute(compute);
  const ids = uniqueLabels(computed.values);
  if (ids.length === 0) return new Map();

  const params: MeasurePlaneParams = {
    labels: ids,
    channels: channels.length,
    ratios: ratiosFromImage,
  };
  const inputs = [...planes];
  if (ratiosFromImage) {
    const mask = computed.gt(0);
    inputs.push(ratio(im, { channels: channelsCl, radii, mask }));
    inputs.push(ratio(im, { channels: channelsPh, radii, mask }));
  }
  const width = measureWidth(params);
  const measured = await computed
    .mapPlanes(measurePlaneKernel, params, {
      with: inputs,
      coreDims: { label: ids.length, prop: width },
    })
    .compute(compute);
  return tablesByLabel(measured.values as Float64Array, ids, channels, params, {
    cl: channelsCl,
    ph: channelsPh,
  });
}

/** Labels must be (T, Y, X) matching the image's sizes (Z of size 1 already dropped). */
function checkLabels(fn: string, labels: DataArray, plane: DataArray): DataArray {
  const describe = (a: DataArray) => a.dims.map((d) => `${d}: ${a.sizes[d]}`).join(", ");
  if (plane.dims.join() !== "T,Y,X") {
    throw new DimensionError(
      `${fn}: the image must have dims T, C, [Z of size 1,] Y, X; one channel has (${describe(plane)})`,
    );
  }
  const same =
    labels.dims.join() === "T,Y,X" && labels.dims.every((d) => labels.sizes[d] === plane.sizes[d]);
  if (!same) {
    throw new ShapeError(
      `${fn}: labels (${describe(labels)}) do not match the image planes (${describe(plane)})`,
    );
  }
  return labels;
}

/** The positive label ids present anywhere, ascending (np.unique(labels) > 0). */
function uniqueLabels(values: ArrayLike<number>): number[] {
  const seen = new Set<number>();
  for (let i = 0; i < values.length; i++) if (values[i] > 0) seen.add(values[i]);
  return [...seen].sort((a, b) => a - b);
}
