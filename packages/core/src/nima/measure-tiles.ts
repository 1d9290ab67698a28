/**
 * nima.measure on labels or images chunked in Y/X (planes larger than memory): each time
 * point is measured by the streamed passes of tiled/nima-measure.ts, which give the
 * measure_plane rows bit for bit, and the rows are gathered into the same tables.
 */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { bytesPerElement } from "../array/dtype.js";
import type { Table } from "../table/table.js";
import { storeArrayPlane } from "../tiled/from-array.js";
import { tiledMeasure } from "../tiled/nima-measure.js";
import { type StoredPlane, stagePlace, stageTiles } from "../tiled/tile-store.js";
import type { TiledPlane } from "../tiled/tiles.js";
import { type MeasurePlaneParams, measureWidth } from "./kernels-segment.js";
import { type MeasureOptions, tablesByLabel } from "./measure-tables.js";

type Resolved = Required<MeasureOptions>;

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
  // Stage tiles low enough that the raster pass's band (labels and every channel) stays small.
  const widest = Math.max(4, ...Object.values(planes).map((p) => bytesPerElement(p.dtype)));
  const tiles = stageTiles(
    { tileY: tiled.chunks.Y, tileX: tiled.chunks.X },
    labels.sizes.X,
    widest,
  );
  const times = labels.sizes.T;
  const measured = [];
  for (let t = 0; t < times; t++) {
    // Every plane is read by several passes: each is computed once (all its tiles, in
    // parallel) into a store, so what made it (a median, a background) runs once.
    const store = async (array: DataArray, bytes: number) => {
      const frame = array.isel({ T: { start: t, stop: t + 1 } });
      const where = await stagePlace(frame.sizes.Y * frame.sizes.X * bytes);
      const stored = await storeArrayPlane(frame, tiles, where, compute);
      kept.push(stored);
      return stored;
    };
    const kept: StoredPlane[] = [];
    try {
      // Labels first: what made them (a segmentation's stages) is freed before the
      // channels are stored, so the two never take memory or disk at once.
      const labelPlane = await store(labels, 4);
      const channelPlanes: Record<string, TiledPlane> = {};
      for (const [name, plane] of Object.entries(planes))
        channelPlanes[name] = await store(plane, bytesPerElement(plane.dtype));
      measured.push(await tiledMeasure(labelPlane, channelPlanes, tiles, options));
    } finally {
      await Promise.all(kept.map((s) => s.dispose()));
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
