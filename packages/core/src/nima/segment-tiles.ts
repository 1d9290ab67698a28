/**
 * nima.segment on planes chunked in Y/X (larger than memory): each plane's labels come from
 * the tiled algorithms (tiled/nima-segment.ts: streamed threshold, objects and labels merged
 * across tiles), identical to the whole-plane kernel. The result is lazy like the whole-plane
 * one: computing a tile runs the plane's global passes once (on the compute's executor) and
 * keeps only small per-component tables; tiles are then read from them.
 */
import { DataArray } from "../array/data-array.js";
import { type MainTaskContext, StreamedArray } from "../graph/lazy.js";
import { planeOfArray } from "../tiled/from-array.js";
import type { TiledLabels } from "../tiled/label.js";
import { tiledSegment } from "../tiled/nima-segment.js";
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
  const [tileY, tileX] = [ga.lazy.chunks[n - 2], ga.lazy.chunks[n - 1]];
  // The latest compute asking for tiles: the plane reads below run on its executor.
  let run: MainTaskContext | undefined;
  const compute = () => ({ executor: run?.executor, signal: run?.signal });
  const planes = new Map<string, Promise<TiledLabels>>();
  const labelsOf = (index: readonly number[]): Promise<TiledLabels> => {
    const key = index.join(",");
    let labels = planes.get(key);
    if (!labels) {
      const plane = ga.isel(
        Object.fromEntries(lead.map((d, i) => [d, { start: index[i], stop: index[i] + 1 }])),
      );
      labels = tiledSegment([planeOfArray(plane, compute)], { tileY, tileX }, params);
      // A failed or aborted pass is not kept: the next compute runs it again.
      labels.catch(() => planes.delete(key));
      planes.set(key, labels);
    }
    return labels;
  };
  const chunks = [...lead.map(() => 1), tileY, tileX];
  const lazy = new StreamedArray(
    ga.dims,
    ga.shape,
    "int32",
    chunks,
    "nima.segment",
    async (index, context) => {
      run = context;
      const labels = await labelsOf(index.slice(0, -2));
      const [iy, ix] = index.slice(-2);
      const y0 = iy * tileY;
      const x0 = ix * tileX;
      const y1 = Math.min(labels.ny, y0 + tileY);
      const x1 = Math.min(labels.nx, x0 + tileX);
      const data = await labels.read(y0, y1, x0, x1);
      return { data, shape: [...lead.map(() => 1), y1 - y0, x1 - x0], dtype: "int32" };
    },
  );
  return new DataArray(lazy, ga.labels());
}
