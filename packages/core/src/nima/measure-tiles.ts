/**
 * nima.measure on labels or images chunked in Y/X (planes larger than memory): each time
 * point is measured by the streamed passes of tiled/nima-measure.ts, which give the
 * measure_plane rows bit for bit, and the rows are gathered into the same tables.
 */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import type { Table } from "../table/table.js";
import { planeOfArray, storeArrayPlane } from "../tiled/from-array.js";
import { tiledMeasure } from "../tiled/nima-measure.js";
import { stagePlace } from "../tiled/tile-store.js";
import type { TiledPlane } from "../tiled/tiles.js";
import { type MeasurePlaneParams, measureWidth } from "./kernels-segment.js";
import { type MeasureOptions, tablesByLabel } from "./measure-tables.js";

type Resolved = Required<MeasureOptions>;

/** One time point of a (T, Y, X) array as a tiled plane. */
function planeAt(array: DataArray, t: number, compute: ComputeOptions): TiledPlane {
  return planeOfArray(array.isel({ T: { start: t, stop: t + 1 } }), compute);
}

/**
 * `labels` (T, Y, X) and `planes` (T, Y, X per measured channel, by name), at least one of
 * them chunked in Y/X: nima.measure's tables.
 */
export async function measureTiles(
  labels: DataArray,
  planes: Readonly<Record<string, DataArray>>,
  options: Resolved,
  compute: ComputeOptions,
): Promise<Map<number, Table>> {
  const tiled =
    [labels, ...Object.values(planes)].find(
      (a) => a.chunks.Y < a.sizes.Y || a.chunks.X < a.sizes.X,
    ) ?? labels;
  const tiles = { tileY: tiled.chunks.Y, tileX: tiled.chunks.X };
  const times = labels.sizes.T;
  const measured = [];
  for (let t = 0; t < times; t++) {
    const channelPlanes = Object.fromEntries(
      Object.entries(planes).map(([name, plane]) => [name, planeAt(plane, t, compute)]),
    );
    // The labels are read by several passes: computed once (all tiles, in parallel) into a
    // store, so a segmentation behind them runs once.
    const frame = labels
      .isel({ T: { start: t, stop: t + 1 } })
      .rechunk({ Y: tiles.tileY, X: tiles.tileX });
    const where = await stagePlace(frame.sizes.Y * frame.sizes.X * 4);
    const stored = await storeArrayPlane(frame, tiles, where, compute);
    try {
      measured.push(await tiledMeasure(stored, channelPlanes, tiles, options));
    } finally {
      await stored.dispose();
    }
  }
  // The ids of every time point, ascending; a label absent at a time gets area 0 and NaN
  // elsewhere, as measure_plane writes it.
  const ids = [...new Set(measured.flatMap((m) => m.ids))].sort((a, b) => a - b);
  const params: MeasurePlaneParams = {
    labels: ids,
    channels: options.channels.length,
    ratios: options.ratiosFromImage,
  };
  const width = measureWidth(params);
  const values = new Float64Array(times * ids.length * width).fill(Number.NaN);
  const rowOf = new Map(ids.map((id, k) => [id, k]));
  measured.forEach((m, t) => {
    for (let k = 0; k < ids.length; k++) values[(t * ids.length + k) * width + params.channels] = 0;
    m.ids.forEach((id, j) => {
      const at = (t * ids.length + rowOf.get(id)!) * width;
      values.set(m.rows.subarray(j * width, (j + 1) * width), at);
    });
  });
  return tablesByLabel(values, ids, options.channels, params, {
    cl: options.channelsCl,
    ph: options.channelsPh,
  });
}
