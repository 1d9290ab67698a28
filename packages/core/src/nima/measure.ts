/** nima.measure: per-label intensities, shape and ratios over time. */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { DimensionError, ShapeError } from "../array/errors.js";
import { Table } from "../table/table.js";
import { measurePlaneKernel } from "./kernel-specs.js";
import {
  type MeasurePlaneParams,
  measureWidth,
  RATIO_MEDIANS,
  SHAPE_PROPS,
} from "./kernels-segment.js";
import { ratio } from "./ratio.js";
import { channelPlanes, checkChannels, checkImage, squeezeZ } from "./segment.js";

export interface MeasureOptions {
  /** Channels whose mean intensity is measured. Default ["C", "G", "R"]. */
  channels?: readonly string[];
  /** [numerator, denominator] of r_cl. Default ["C", "R"]. */
  channelsCl?: readonly [string, string];
  /** [numerator, denominator] of r_pH. Default ["G", "C"]. */
  channelsPh?: readonly [string, string];
  /** Median box sizes of the ratio images. Default [7, 3]. */
  radii?: readonly number[];
  /** Add r_cl_median / r_pH_median: medians of the ratio images over each label. Default true. */
  ratiosFromImage?: boolean;
}

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
 * through the pool (or as `compute` says).
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

/** The options with nima.measure's defaults filled in (also the tiled path's). */
export function measureDefaults({
  channels = ["C", "G", "R"],
  channelsCl = ["C", "R"],
  channelsPh = ["G", "C"],
  radii = [7, 3],
  ratiosFromImage = true,
}: MeasureOptions): Required<MeasureOptions> {
  return { channels, channelsCl, channelsPh, radii, ratiosFromImage };
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

/**
 * The per-label tables of measurements `values` (T × ids × measureWidth(params), as the
 * nima.measure_plane kernel lays them out); also used by the tiled path (tiled/nima-measure.ts).
 */
export function tablesByLabel(
  values: Float64Array,
  ids: readonly number[],
  channels: readonly string[],
  params: MeasurePlaneParams,
  pairs: { cl: readonly [string, string]; ph: readonly [string, string] },
): Map<number, Table> {
  const width = measureWidth(params);
  const times = values.length / (ids.length * width);
  const at = (t: number, k: number, col: number) => values[(t * ids.length + k) * width + col];
  const columnOf = (name: string) => channels.indexOf(name);
  // nima's output_results writes the channels as C, G, R: sorted names.
  const sorted = [...new Set(channels)].sort();
  const tables = new Map<number, Table>();
  ids.forEach((id, k) => {
    const rows: number[] = [];
    for (let t = 0; t < times; t++) if (at(t, k, params.channels) > 0) rows.push(t);
    const column = (col: number) => Float64Array.from(rows, (t) => at(t, k, col));
    const quotient = ([num, den]: readonly [string, string]) =>
      Float64Array.from(rows, (t) => at(t, k, columnOf(num)) / at(t, k, columnOf(den)));
    const columns: [string, Float64Array][] = [
      ...sorted.map((name) => [name, column(columnOf(name))] as [string, Float64Array]),
      ...SHAPE_PROPS.map(
        (name, i) => [name, column(params.channels + i)] as [string, Float64Array],
      ),
      ["r_cl", quotient(pairs.cl)],
      ["r_pH", quotient(pairs.ph)],
    ];
    if (params.ratios) {
      RATIO_MEDIANS.forEach((name, i) => {
        columns.push([name, column(params.channels + SHAPE_PROPS.length + i)]);
      });
    }
    tables.set(id, new Table(columns, { index: rows }));
  });
  return tables;
}
