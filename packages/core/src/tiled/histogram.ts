/**
 * Histograms of tiled planes, equal to the whole-plane ones: numpy's `np.histogram` (the
 * autodetected range from a min/max pass, then every tile binned against the same edges;
 * counts add up) and the image histogram scikit-image's thresholds take (one bin per integer
 * for integer planes, `nbins` equal bins for float ones; stats/histogram.ts and
 * threshold/histogram-input.ts on one plane).
 */
import {
  type Histogram,
  histogram,
  imageHistogram,
  isIntegerArray,
} from "../kernels/stats/histogram.js";
import type { ThresholdHistogram } from "../kernels/threshold/histogram-input.js";
import { type PlaneScan, scanPlane } from "./scan.js";
import { readTiles, type TiledPlane, type TileShape } from "./tiles.js";

export interface TiledHistogramOptions {
  /** Number of equal bins (default 10, numpy's). */
  bins?: number;
  /** [min, max]; default the plane's own min and max (one extra pass). */
  range?: readonly [number, number];
}

/** `np.histogram(plane, bins, range)` streamed over tiles. */
export async function tiledHistogram(
  plane: TiledPlane,
  options: TiledHistogramOptions,
  tiles: TileShape,
): Promise<Histogram> {
  const bins = options.bins ?? 10;
  let binOptions: {
    bins: number;
    range?: readonly [number, number];
    dataRange?: readonly [number, number];
  };
  if (options.range) binOptions = { bins, range: options.range };
  else {
    const scan = await scanPlane(plane, tiles);
    binOptions = scan.size === 0 ? { bins } : { bins, dataRange: [scan.min, scan.max] };
  }
  let total: Histogram | undefined;
  for await (const t of readTiles(plane, tiles)) {
    const h = histogram(t.data, binOptions);
    if (!total) total = h;
    else for (let i = 0; i < bins; i++) total.counts[i] += h.counts[i];
  }
  return total ?? histogram(new Float64Array(0), binOptions);
}

/** Planes whose one-bin-per-value table has at most this many bins. */
const MAX_INTEGER_BINS = 2 ** 26;

/**
 * scikit-image's `_validate_image_histogram` on a tiled plane: counts (as float32 values),
 * bin centres and whether the plane is float32. `scan` may be passed when already made.
 */
export async function tiledThresholdHistogram(
  plane: TiledPlane,
  nbins: number,
  tiles: TileShape,
  fn: string,
  scan?: PlaneScan,
): Promise<ThresholdHistogram> {
  if (plane.ny * plane.nx === 0) throw new RangeError(`${fn}: empty image`);
  if (!Number.isInteger(nbins) || nbins < 1) {
    throw new RangeError(`${fn}: nbins must be a positive integer, got ${nbins}`);
  }
  const s = scan ?? (await scanPlane(plane, tiles));
  let counts: Float64Array;
  let centers: Float64Array;
  if (isIntegerArray(s.sample)) {
    // One bin per integer from min to max, counted across tiles.
    const size = s.max - s.min + 1;
    if (size > MAX_INTEGER_BINS) {
      throw new RangeError(`${fn}: integer range ${s.min}..${s.max} needs too many bins (${size})`);
    }
    counts = new Float64Array(size);
    const min = s.min;
    for await (const t of readTiles(plane, tiles)) {
      const d = t.data;
      for (let i = 0; i < d.length; i++) counts[d[i] - min] += 1;
    }
    centers = Float64Array.from({ length: size }, (_, i) => s.min + i);
  } else {
    counts = new Float64Array(nbins);
    centers = new Float64Array(0);
    for await (const t of readTiles(plane, tiles)) {
      const h = imageHistogram(t.data, { nbins, dataRange: [s.min, s.max] });
      for (let i = 0; i < nbins; i++) counts[i] += h.counts[i];
      centers = h.centers;
    }
  }
  for (let i = 0; i < counts.length; i++) counts[i] = Math.fround(counts[i]);
  return { counts, centers, float32: s.sample instanceof Float32Array };
}
