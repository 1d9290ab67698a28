/**
 * `skimage.filters.threshold_li` of a tiled plane, equal to kernels/threshold/li.ts on the
 * whole plane: a scan pass (NaN, constant, finite range), then for integer planes the
 * one-bin-per-value histogram counted over tiles and iterated on as the whole-plane code
 * does; for float planes every iteration is one streamed pass, the foreground and background
 * means summed in raster order through numpy's summation (StreamedSum), and the default
 * tolerance (half the smallest gap between distinct values) from the distinct values in one
 * pass when at most 2^24 (distinct.ts), else by bucket passes (each collect pass reads the
 * plane for 2^20 values: about n / 2^20 passes on a plane of n distinct floats).
 */
import { isIntegerArray } from "../kernels/stats/histogram.js";
import { npLog } from "../kernels/stats/npmath.js";
import {
  castToDtype,
  exactWeightedSum,
  iterateOnHistogram,
  type ThresholdLiOptions,
} from "../kernels/threshold/li.js";
import { smallestGap } from "./buckets.js";
import { distinctSorted } from "./distinct.js";
import { forEachRasterRun, StreamedSum } from "./raster.js";
import { type PlaneScan, scanPlane } from "./scan.js";
import { readTiles, type TiledPlane, type TileShape } from "./tiles.js";
import { pixelStream, rasterPixelStream } from "./values.js";

export interface TiledLiOptions extends ThresholdLiOptions {
  initialGuess?: number;
  /** The plane's scanPlane, when the caller has it (saves a pass). */
  scan?: PlaneScan;
}

export async function tiledThresholdLi(
  plane: TiledPlane,
  tiles: TileShape,
  options: TiledLiOptions = {},
): Promise<number> {
  if (typeof options.initialGuess === "function") {
    throw new TypeError(
      "threshold_li on a tiled plane: initialGuess must be a number (a function needs every value in memory)",
    );
  }
  const scan = options.scan ?? (await scanPlane(plane, tiles));
  if (scan.count === 0) return Number.NaN;
  if (scan.constant) return scan.first;
  if (scan.finite === 0) return 0;
  const { finite: n, finiteMin: imageMin, finiteMax: imageMax } = scan;
  const shiftedMax = imageMax - imageMin;
  const integer = isIntegerArray(scan.sample);
  // The shifted finite values (numpy's `image[finite] - min`), in raster order for sums.
  const shift = (v: number) => (v - v === 0 ? v - imageMin : undefined);
  const shifted = rasterPixelStream(plane, tiles, shift);

  let tolerance = options.tolerance || 0;
  if (!tolerance) {
    tolerance = integer ? 0.5 : (await shiftedGap(plane, tiles, shift, shiftedMax)) / 2;
  }
  let hist = new Float64Array(0);
  if (integer) {
    hist = new Float64Array(shiftedMax + 1);
    for await (const t of readTiles(plane, tiles)) {
      const d = t.data;
      for (let i = 0; i < d.length; i++) hist[d[i] - imageMin] += 1;
    }
  }
  let tNext: number;
  const guess = options.initialGuess;
  if (guess === undefined) {
    if (integer && n * shiftedMax <= 2 ** 53) tNext = exactWeightedSum(hist) / n;
    else {
      const sum = new StreamedSum();
      await shifted((v) => sum.pushOne(v));
      tNext = sum.value() / n;
    }
  } else if (typeof guess === "number") {
    tNext = guess - imageMin;
    if (!(tNext > 0 && tNext < shiftedMax)) {
      throw new RangeError(
        `threshold_li: the initial guess must be within the range of the image. Got ${guess} ` +
          `for image min ${imageMin} and max ${imageMax}.`,
      );
    }
    tNext = castToDtype(scan.sample, tNext);
  } else {
    throw new TypeError("threshold_li: initialGuess must be a number");
  }
  const t = integer
    ? iterateOnHistogram(hist, tNext, tolerance)
    : await iterateOnTiles(plane, tiles, imageMin, tNext, tolerance);
  return t + imageMin;
}

/**
 * `np.min(np.diff(np.unique(shifted)))`: from the distinct values when there are few enough
 * to hold (one pass, any order), else by bucket passes.
 */
async function shiftedGap(
  plane: TiledPlane,
  tiles: TileShape,
  shift: (v: number) => number | undefined,
  shiftedMax: number,
): Promise<number> {
  const distinct = await distinctSorted(pixelStream(plane, tiles, shift));
  if (!distinct)
    return smallestGap(rasterPixelStream(plane, tiles, shift), { lo: 0, hi: shiftedMax });
  let gap = Number.POSITIVE_INFINITY;
  for (let i = 1; i < distinct.length; i++) gap = Math.min(gap, distinct[i] - distinct[i - 1]);
  return gap;
}

/**
 * np.mean(image[image > t]) and of the rest (shifted by the image minimum, non-finite
 * values skipped), one raster pass per iteration; the loop is inline, not a stream of
 * callbacks: it runs over every pixel of the plane each iteration.
 */
async function iterateOnTiles(
  plane: TiledPlane,
  tiles: TileShape,
  imageMin: number,
  start: number,
  tolerance: number,
): Promise<number> {
  let tNext = start;
  let tCurr = -2 * tolerance;
  while (Math.abs(tNext - tCurr) > tolerance) {
    tCurr = tNext;
    const fore = new StreamedSum();
    const back = new StreamedSum();
    const t = tCurr;
    await forEachRasterRun(readTiles(plane, tiles), plane.nx, (d, from, n) => {
      for (let i = from; i < from + n; i++) {
        const raw = d[i];
        if (raw - raw !== 0) continue;
        const v = raw - imageMin;
        if (v > t) fore.pushOne(v);
        else back.pushOne(v);
      }
    });
    const meanFore = fore.value() / fore.count;
    const meanBack = back.value() / back.count;
    if (meanBack === 0) break;
    tNext = (meanBack - meanFore) / (npLog(meanBack) - npLog(meanFore));
  }
  return tNext;
}
