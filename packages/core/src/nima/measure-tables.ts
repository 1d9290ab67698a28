/**
 * nima.measure's options and its per-label tables from the measure_plane rows of every time
 * point, shared by the whole-plane path (measure.ts) and the tiled one (tiled/nima-measure.ts).
 */
import { ColumnBlock, Table, TableSchema } from "../table/table.js";
import {
  type MeasurePlaneParams,
  measureWidth,
  RATIO_MEDIANS,
  SHAPE_PROPS,
} from "./kernels-segment.js";

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
  // Each column as (t, k) ↦ value; one schema and one block per table (one cell's table
  // costs one small array: a plane can hold hundreds of thousands of cells).
  type Value = (t: number, k: number) => number;
  const of =
    (col: number): Value =>
    (t, k) =>
      at(t, k, col);
  const quotient =
    ([num, den]: readonly [string, string]): Value =>
    (t, k) =>
      at(t, k, columnOf(num)) / at(t, k, columnOf(den));
  const columns: [string, Value][] = [
    ...sorted.map((name): [string, Value] => [name, of(columnOf(name))]),
    ...SHAPE_PROPS.map((name, i): [string, Value] => [name, of(params.channels + i)]),
    ["r_cl", quotient(pairs.cl)],
    ["r_pH", quotient(pairs.ph)],
    ...(params.ratios
      ? RATIO_MEDIANS.map((name, i): [string, Value] => [
          name,
          of(params.channels + SHAPE_PROPS.length + i),
        ])
      : []),
  ];
  const schema = new TableSchema(columns.map(([name]) => name));
  const tables = new Map<number, Table>();
  ids.forEach((id, k) => {
    const rows: number[] = [];
    for (let t = 0; t < times; t++) if (at(t, k, params.channels) > 0) rows.push(t);
    const block = new Float64Array(columns.length * rows.length);
    columns.forEach(([, value], c) => {
      rows.forEach((t, r) => {
        block[c * rows.length + r] = value(t, k);
      });
    });
    tables.set(id, new Table(new ColumnBlock(schema, block), { index: rows }));
  });
  return tables;
}
