/**
 * nima.segment on planes chunked in Y/X (larger than memory): each plane's labels come from
 * the tiled algorithms (tiled/nima-segment.ts: streamed threshold, objects and labels merged
 * across tiles), identical to the whole-plane kernel. The result is lazy like the whole-plane
 * one. Within a compute, the first tile of a plane asked for runs that plane's passes: the
 * geometric mean is computed once on the compute's workers into a stage store (memory, or a
 * temporary directory for large planes), so do the later stages; the labels' tiles are then
 * read from the stored stages. Tiles are labelled and closed on the compute's workers
 * (TileWork), merged in this thread. The stores are freed when the compute ends.
 */
import { DataArray } from "../array/data-array.js";
import { bytesPerElement } from "../array/dtype.js";
import { type MainTaskContext, StreamedArray } from "../graph/lazy.js";
import { storeArrayPlane } from "../tiled/from-array.js";
import type { TiledLabels } from "../tiled/label.js";
import { tiledSegment } from "../tiled/nima-segment.js";
import { openStageArea, stageTiles, tileStorePersist } from "../tiled/tile-store.js";
import { onWorkers } from "../tiled/tile-work.js";
import type { TiledPlane } from "../tiled/tiles.js";
import type { SegmentPlaneParams } from "./kernels-segment.js";

/** Options tiles cannot give exactly: the watershed floods across the whole plane. */
function checkTileable(params: SegmentPlaneParams): void {
  if (params.watershed) {
    throw new RangeError(
      `nima.segment: watershed${params.randomwalk ? " (and randomwalk)" : ""} cannot run on Y/X tiles with the whole-plane result (which marker floods a pixel depends on basins arbitrarily far away); rechunk({ Y: -1, X: -1 }) to segment whole planes`,
    );
  }
}

export function segmentTiles(ga: DataArray, params: SegmentPlaneParams): DataArray {
  checkTileable(params);
  const n = ga.dims.length;
  const lead = ga.dims.slice(0, -2);
  const tiles = { tileY: ga.lazy.chunks[n - 2], tileX: ga.lazy.chunks[n - 1] };
  // The stages' tiles: a band of them stays small however wide the plane.
  const stage = stageTiles(tiles, ga.sizes.X, bytesPerElement(ga.dtype));
  // Per compute (its onEnd identifies it): the labels of each plane asked for.
  const runs = new WeakMap<object, Map<string, Promise<TiledLabels>>>();

  const segmentPlane = async (index: readonly number[], run: MainTaskContext) => {
    const plane = ga.isel(
      Object.fromEntries(lead.map((d, i) => [d, { start: index[i], stop: index[i] + 1 }])),
    );
    const area = await openStageArea(ga.sizes.Y * ga.sizes.X * bytesPerElement(ga.dtype));
    const work = onWorkers(run.executor, run.signal);
    const stages = tileStorePersist(stage, area.at("stages"), work.ahead);
    run.onEnd(async () => {
      await stages.dispose();
      await area.dispose();
    });
    const stored = await storeArrayPlane(plane, stage, area.at("ga"), {
      executor: run.executor,
      signal: run.signal,
      memoryBudget: run.memoryBudget,
    });
    run.onEnd(() => stored.dispose());
    // ga is stored already: the other stages go through the store.
    const persist = (stage: string, p: TiledPlane) =>
      stage === "ga" ? Promise.resolve(p) : stages.persist(stage, p);
    return tiledSegment([stored], stage, { ...params, persist, work });
  };

  const labelsOf = (index: readonly number[], run: MainTaskContext): Promise<TiledLabels> => {
    let planes = runs.get(run.onEnd);
    if (!planes) runs.set(run.onEnd, (planes = new Map()));
    const key = index.join(",");
    let labels = planes.get(key);
    if (!labels) {
      labels = segmentPlane(index, run);
      planes.set(key, labels);
    }
    return labels;
  };

  const chunks = [...lead.map(() => 1), tiles.tileY, tiles.tileX];
  const lazy = new StreamedArray(
    ga.dims,
    ga.shape,
    "int32",
    chunks,
    "nima.segment",
    async (index, run) => {
      const labels = await labelsOf(index.slice(0, -2), run);
      const [iy, ix] = index.slice(-2);
      const y0 = iy * tiles.tileY;
      const x0 = ix * tiles.tileX;
      const y1 = Math.min(labels.ny, y0 + tiles.tileY);
      const x1 = Math.min(labels.nx, x0 + tiles.tileX);
      const data = await labels.read(y0, y1, x0, x1);
      return { data, shape: [...lead.map(() => 1), y1 - y0, x1 - x0], dtype: "int32" };
    },
  );
  return new DataArray(lazy, ga.labels());
}
