/**
 * The huge-plane pipeline, median → background → segment → measure on two channels (G, R),
 * twice: tiled (tiles read off a Y/X-chunked zarr, intermediates persisted tile by tile to
 * scratch zarr stores) and whole (the lazy nima path on an in-memory DataArray). Both do the
 * same arithmetic, so their label counts and tables must be identical:
 *
 *   med_c   = nima.median (disk(1), reflect), uint16
 *   bg_c    = median of med_c over the plane (np.median; a streamed percentile when tiled)
 *   corr_c  = clip(med_c − bg_c, 0) in float64
 *   labels  = nima.segment(corr, channels G, R): geometric mean → yen → remove_small_objects
 *             → closing → label (4-connected)
 *   table   = regionprops_table(labels, corr_G)
 *
 * The background is the plane's median, not nima.bg's (arcsinh-masked) estimate, and the
 * segmentation is spelled out with tiled/ functions: the tiled nima.bg / nima.segment /
 * nima.measure are being written (issue 11) and replace these steps when they land.
 */
import { join } from "node:path";
import { DataArray, measure, morphology, nima, plane, type TypedArray, tiled } from "@nima-ts/core";
import { openTiles, writeTiles } from "./zarr-tiles.js";

export const CHANNELS = ["G", "R"] as const;

export interface PipelineOptions {
  tiles: tiled.TileShape;
  /** nima.segment's minSize. */
  minSize: number;
  /** The engine's memoryBudget for each compute (bytes). */
  memoryBudget: number;
  /** Called when a stage ends, with its seconds. */
  onStage?: (stage: string, seconds: number) => void;
}

export interface PipelineResult {
  bgs: number[];
  threshold: number;
  /** Number of labels. */
  count: number;
  table: measure.RegionTable;
}

/** Times `fn` as stage `name`. */
async function stage<T>(
  name: string,
  options: Pick<PipelineOptions, "onStage">,
  fn: () => Promise<T>,
): Promise<T> {
  const t0 = performance.now();
  const out = await fn();
  options.onStage?.(name, (performance.now() - t0) / 1000);
  return out;
}

/** A tiled plane computed window by window from other planes' windows. */
function derived(
  sources: readonly tiled.TiledPlane[],
  fn: (windows: TypedArray[]) => TypedArray,
): tiled.TiledPlane {
  const { ny, nx } = sources[0];
  return {
    ny,
    nx,
    read: async (y0, y1, x0, x1) =>
      fn(await Promise.all(sources.map((s) => s.read(y0, y1, x0, x1)))),
  };
}

// Plain loops below: TypedArray.from with a map callback is several times slower in V8.

/** clip(med − bg, 0) in float64, as `med.astype("float64").sub(bg).clip(0)`. */
const corrected = (med: tiled.TiledPlane, bg: number) =>
  derived([med], ([m]) => {
    const out = new Float64Array(m.length);
    for (let i = 0; i < m.length; i++) out[i] = Math.max(m[i] - bg, 0);
    return out;
  });

/** The geometric mean of two planes as nima.segment computes it: (g·r)^(1/2). */
const geometricMean = (g: tiled.TiledPlane, r: tiled.TiledPlane) =>
  derived([g, r], ([a, b]) => {
    const out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) out[i] = (a[i] * b[i]) ** 0.5;
    return out;
  });

const above = (plane: tiled.TiledPlane, threshold: number) =>
  derived([plane], ([v]) => {
    const out = new Uint8Array(v.length);
    for (let i = 0; i < v.length; i++) out[i] = v[i] > threshold ? 1 : 0;
    return out;
  });

/**
 * np.median of a uint16 plane in one streamed pass: a 65536-bin histogram gives the middle
 * order statistics exactly (tiled.tiledPercentile takes several bucket passes, as it must
 * for any dtype). An even count averages the two middle values, as numpy does.
 */
async function uint16Median(plane: tiled.TiledPlane, tiles: tiled.TileShape): Promise<number> {
  const counts = new Float64Array(65536);
  for await (const t of tiled.readTiles(plane, tiles)) {
    const d = t.data;
    for (let i = 0; i < d.length; i++) counts[d[i]]++;
  }
  const n = plane.ny * plane.nx;
  const kth = (k: number) => {
    let seen = 0;
    for (let v = 0; v < counts.length; v++) {
      seen += counts[v];
      if (seen > k) return v;
    }
    throw new RangeError(`uint16Median: the plane has fewer than ${k + 1} pixels`);
  };
  return n % 2 === 1 ? kth((n - 1) / 2) : (kth(n / 2 - 1) + kth(n / 2)) / 2;
}

/** Writes the tiles of a one-channel tile stream to a scratch zarr and opens it. */
async function persist(
  path: string,
  ny: number,
  nx: number,
  tiles: tiled.TileShape,
  source: AsyncIterable<tiled.Tile>,
): Promise<tiled.TiledPlane> {
  const iterator = source[Symbol.asyncIterator]();
  await writeTiles(path, { ny, nx, ...tiles, channels: ["mask"], dtype: "uint8" }, async (b) => {
    const next = await iterator.next();
    if (next.done || next.value.y0 !== b.y0 || next.value.x0 !== b.x0) {
      throw new RangeError(`persist ${path}: the tile stream is not in raster order`);
    }
    const { data } = next.value;
    return [data instanceof Uint8Array ? data : Uint8Array.from(data)];
  });
  return (await openTiles(path))[0];
}

/**
 * The tiled pipeline on `raw` (one tiled uint16 plane per channel of CHANNELS); scratch
 * stores go to `dir`. The median runs on the engine's worker pool, all channels of a tile
 * (plus its halo) at once; everything else streams tile by tile in this thread.
 */
export async function tiledPipeline(
  raw: readonly tiled.TiledPlane[],
  dir: string,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const { ny, nx } = raw[0];
  const { tiles, memoryBudget } = options;
  const halo = tiled.rankFilterHalo({ footprint: morphology.disk(1) });
  const medPath = join(dir, "median.zarr");
  await stage("median", options, () =>
    writeTiles(medPath, { ny, nx, ...tiles, channels: CHANNELS, dtype: "uint16" }, async (b) => {
      const w = tiled.haloWindow(b, halo, ny, nx);
      const h = w.y1 - w.y0;
      const wx = w.x1 - w.x0;
      const stack = new Uint16Array(raw.length * h * wx);
      const windows = await Promise.all(raw.map((p) => p.read(w.y0, w.y1, w.x0, w.x1)));
      windows.forEach((data, c) => {
        stack.set(data, c * h * wx);
      });
      const im = DataArray.from(stack, { shape: [raw.length, h, wx], dims: ["C", "Y", "X"] });
      const med = (await nima.median(im).compute({ memoryBudget })).values as Uint16Array;
      const inner = { y0: b.y0 - w.y0, y1: b.y1 - w.y0, x0: b.x0 - w.x0, x1: b.x1 - w.x0 };
      return raw.map((_, c) =>
        tiled.cropPlane(med.subarray(c * h * wx, (c + 1) * h * wx), wx, inner),
      );
    }),
  );
  const med = await openTiles(medPath);
  const bgs = await stage("background", options, async () => {
    const out: number[] = [];
    for (const m of med) out.push(await uint16Median(m, tiles));
    return out;
  });
  const corr = med.map((m, c) => corrected(m, bgs[c]));
  const { threshold, count, labels } = await stage("segment", options, async () => {
    const ga = geometricMean(corr[0], corr[1]);
    const threshold = await tiled.tiledThresholdYen(ga, tiles);
    const mask = above(ga, threshold);
    const big = await persist(
      join(dir, "mask.zarr"),
      ny,
      nx,
      tiles,
      tiled.tiledRemoveSmallObjects(mask, tiles, { maxSize: options.minSize - 1 }),
    );
    const closed = await persist(
      join(dir, "closed.zarr"),
      ny,
      nx,
      tiles,
      tiled.tiledMorphology(big, "closing", {}, tiles),
    );
    const labels = await tiled.tiledLabel(closed, tiles);
    return { threshold, count: labels.count, labels };
  });
  const table = await stage("measure", options, () =>
    tiled.tiledRegionprops(labels, tiles, corr[0]),
  );
  return { bgs, threshold, count, table };
}

/**
 * The same pipeline on a (C, Y, X) uint16 DataArray in memory, through the lazy nima API,
 * with the engine's default memory budget (whole float64 planes exceed the tiled budget).
 */
export async function wholePipeline(
  im: DataArray,
  options: Pick<PipelineOptions, "minSize" | "onStage">,
): Promise<Omit<PipelineResult, "threshold">> {
  const { minSize } = options;
  const memoryBudget = undefined;
  const [, ny, nx] = im.shape;
  const med = await stage("median", options, () => nima.median(im).compute({ memoryBudget }));
  const bgArray = await stage("background", options, () =>
    med.median(["Y", "X"]).compute({ memoryBudget }),
  );
  const corr = med.astype("float64").sub(bgArray).clip(0);
  const labels = await stage("segment", options, () =>
    nima.segment(corr, { channels: [...CHANNELS], minSize }).compute({ memoryBudget }),
  );
  const count = (labels.values as Int32Array).reduce((m, v) => Math.max(m, v), 0);
  const table = await stage("measure", options, async () => {
    const g = await corr.sel({ C: "G" }).compute({ memoryBudget });
    return measure.regionpropsTable(
      plane(labels.values as Int32Array, [ny, nx]),
      plane(g.values as Float64Array, [ny, nx]),
    );
  });
  return { bgs: Array.from(bgArray.values as ArrayLike<number>), count, table };
}

/** The table as CSV text (shortest round-trip floats), to compare tiled with whole. */
export function tableCsv(table: measure.RegionTable): string {
  const columns = Object.entries(table).filter(([, v]) => v !== undefined) as [
    string,
    ArrayLike<number>,
  ][];
  const lines = [columns.map(([name]) => name).join(",")];
  for (let i = 0; i < table.label.length; i++) {
    lines.push(columns.map(([, v]) => String(v[i])).join(","));
  }
  return `${lines.join("\n")}\n`;
}
