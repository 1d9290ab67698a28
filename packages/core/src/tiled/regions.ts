/**
 * `regionprops` (area, centroid, bbox, eccentricity, equivalent_diameter_area,
 * intensity_mean) and `find_objects` of a tiled label plane, equal to kernels/measure/
 * regionprops.ts and kernels/segmentation/findObjects.ts on the whole plane.
 *
 * Pass 1 (any tile order) merges exact per-tile partial results: counts, integer coordinate
 * sums and bounding boxes. Pass 2 goes in raster order, where each region's pixels arrive as
 * on the whole plane: the per-column moment sums (each column's pixels top to bottom) and
 * the intensity sum (numpy's summation over the region's pixels in raster order, one
 * StreamedSum per region) see the same additions, so the floats are the same bits.
 */
import {
  eccentricityOfColumns,
  emptyRegionTable,
  equivalentDiameterArea,
  type RegionTable,
} from "../kernels/measure/regionprops.js";
import type { BoundingBox } from "../kernels/segmentation/findObjects.js";
import { forEachRasterRun, StreamedSum } from "./raster.js";
import {
  readBox,
  readTiles,
  type Tile,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";

interface Region {
  count: number;
  sumRow: number;
  sumCol: number;
  box: BoundingBox;
}

/** Pass 1: count, coordinate sums and bounding box of every label > 0. */
async function regionSums(labels: TiledPlane, tiles: TileShape): Promise<Map<number, Region>> {
  const regions = new Map<number, Region>();
  for await (const t of readTiles(labels, tiles)) {
    const w = t.x1 - t.x0;
    for (let i = 0; i < t.data.length; i++) {
      const l = t.data[i];
      if (!(l > 0)) continue;
      const y = t.y0 + Math.floor(i / w);
      const x = t.x0 + (i % w);
      let r = regions.get(l);
      if (!r) {
        r = {
          count: 0,
          sumRow: 0,
          sumCol: 0,
          box: { rowStart: y, rowStop: y + 1, colStart: x, colStop: x + 1 },
        };
        regions.set(l, r);
      }
      r.count++;
      r.sumRow += y;
      r.sumCol += x;
      const b = r.box;
      if (y < b.rowStart) b.rowStart = y;
      if (y >= b.rowStop) b.rowStop = y + 1;
      if (x < b.colStart) b.colStart = x;
      if (x >= b.colStop) b.colStop = x + 1;
    }
  }
  return regions;
}

/** `scipy.ndimage.find_objects`: entry k − 1 is the box of label k (null when absent). */
export async function tiledFindObjects(
  labels: TiledPlane,
  tiles: TileShape,
  maxLabel?: number,
): Promise<(BoundingBox | null)[]> {
  const regions = await regionSums(labels, tiles);
  const top = maxLabel ?? Math.max(0, ...regions.keys());
  const boxes: (BoundingBox | null)[] = new Array(top).fill(null);
  for (const [l, r] of regions) if (l <= top) boxes[l - 1] = r.box;
  return boxes;
}

/** A region's pass-2 state, alive from its first row to its last (rowStop − 1). */
interface Moments {
  row0: number;
  col0: number;
  localRow: number;
  s0: Float64Array;
  s1: Float64Array;
  s2: Float64Array;
  /** One numpy-order sum per intensity plane. */
  intensity: StreamedSum[];
}

/** A label tile with the intensity tiles of the same box. */
interface PairedTile extends Tile {
  intensities: ArrayLike<number>[];
}

async function* pairedTiles(
  labels: TiledPlane,
  intensities: readonly TiledPlane[],
  tiles: TileShape,
): AsyncGenerator<PairedTile> {
  for (const b of tileBoxes(labels.ny, labels.nx, tiles)) {
    const data = await readBox(labels, b);
    yield { ...b, data, intensities: await Promise.all(intensities.map((p) => readBox(p, b))) };
  }
}

/** The shape columns of regionprops_table and each intensity plane's intensity_mean. */
export interface RegionMeasurements {
  table: RegionTable;
  intensityMeans: Float64Array[];
}

/**
 * regionprops_table of a tiled label plane with the mean of every plane of `intensities`
 * in one pass over the labels. A region's moment and intensity sums live only while the
 * raster order is within its rows, so memory follows the regions crossing one band of
 * rows, not the number of regions in the plane.
 */
export async function tiledRegionMeasurements(
  labels: TiledPlane,
  tiles: TileShape,
  intensities: readonly TiledPlane[],
): Promise<RegionMeasurements> {
  for (const intensity of intensities) {
    if (intensity.ny !== labels.ny || intensity.nx !== labels.nx) {
      throw new RangeError(
        `tiledRegionprops: intensity is ${intensity.ny} × ${intensity.nx}, labels ${labels.ny} × ${labels.nx}`,
      );
    }
  }
  const regions = await regionSums(labels, tiles);
  const present = [...regions.keys()].sort((a, b) => a - b);
  const table = emptyRegionTable(present, false);
  const intensityMeans = intensities.map(() => new Float64Array(present.length));
  const rowOf = new Map(present.map((l, row) => [l, row]));
  // Regions by their last row: finished (and freed) when the raster order leaves it.
  const endingAt = new Map<number, number[]>();
  for (const [l, r] of regions) {
    const last = r.box.rowStop - 1;
    const ending = endingAt.get(last);
    if (ending) ending.push(l);
    else endingAt.set(last, [l]);
  }
  const live = new Map<number, Moments>();
  const start = (l: number): Moments => {
    const r = regions.get(l)!;
    const width = r.box.colStop - r.box.colStart;
    const m: Moments = {
      row0: r.box.rowStart,
      col0: r.box.colStart,
      localRow: (r.sumRow - r.count * r.box.rowStart) / r.count,
      s0: new Float64Array(width),
      s1: new Float64Array(width),
      s2: new Float64Array(width),
      intensity: intensities.map(() => new StreamedSum(r.count)),
    };
    live.set(l, m);
    return m;
  };
  const finish = (l: number) => {
    const r = regions.get(l)!;
    const m = live.get(l)!;
    live.delete(l);
    const row = rowOf.get(l)!;
    table.area[row] = r.count;
    table.centroidRow[row] = r.sumRow / r.count;
    table.centroidCol[row] = r.sumCol / r.count;
    table.bboxMinRow[row] = r.box.rowStart;
    table.bboxMinCol[row] = r.box.colStart;
    table.bboxMaxRow[row] = r.box.rowStop;
    table.bboxMaxCol[row] = r.box.colStop;
    const localCol = (r.sumCol - r.count * r.box.colStart) / r.count;
    table.eccentricity[row] = eccentricityOfColumns(m.s0, m.s1, m.s2, localCol);
    table.equivalentDiameterArea[row] = equivalentDiameterArea(r.count);
    m.intensity.forEach((sum, c) => {
      intensityMeans[c][row] = sum.value() / r.count;
    });
  };
  const nc = intensities.length;
  await forEachRasterRun(
    pairedTiles(labels, intensities, tiles),
    labels.nx,
    (data, from, n, tile, y) => {
      for (let i = from; i < from + n; i++) {
        const l = data[i];
        if (!(l > 0)) continue;
        const m = live.get(l) ?? start(l);
        const c = tile.x0 + (i - from) - m.col0;
        const dr = y - m.row0 - m.localRow;
        m.s0[c] += 1;
        m.s1[c] += dr;
        m.s2[c] += dr * dr;
        for (let k = 0; k < nc; k++) m.intensity[k].pushOne(tile.intensities[k][i]);
      }
      if (tile.x1 === labels.nx) for (const l of endingAt.get(y) ?? []) finish(l);
    },
  );
  return { table, intensityMeans };
}

/** `skimage.measure.regionprops_table` of a tiled label plane (ascending labels). */
export async function tiledRegionprops(
  labels: TiledPlane,
  tiles: TileShape,
  intensity?: TiledPlane,
): Promise<RegionTable> {
  const { table, intensityMeans } = await tiledRegionMeasurements(
    labels,
    tiles,
    intensity ? [intensity] : [],
  );
  return intensity ? { ...table, intensityMean: intensityMeans[0] } : table;
}
