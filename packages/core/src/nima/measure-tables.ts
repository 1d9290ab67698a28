/** nima.measure's per-label tables from the measure_plane rows of every time point. */
import { Table } from "../table/table.js";
import {
  type MeasurePlaneParams,
  measureWidth,
  RATIO_MEDIANS,
  SHAPE_PROPS,
} from "./kernels-segment.js";

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
