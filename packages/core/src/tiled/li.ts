/**
 * `skimage.filters.threshold_li` of a tiled plane, equal to kernels/threshold/li.ts on the
 * whole plane: a scan pass (NaN, constant, finite range), then for integer planes the
 * one-bin-per-value histogram counted over tiles and iterated on as the whole-plane code
 * does; for float planes every iteration is one streamed pass, the foreground and background
 * means summed in raster order through numpy's summation (StreamedSum), and the default
 * tolerance (half the smallest gap between distinct values) found by bucket passes.
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
import { StreamedSum } from "./raster.js";
import { type PlaneScan, scanPlane } from "./scan.js";
import { readTiles, type TiledPlane, type TileShape } from "./tiles.js";
import { rasterPixelStream } from "./values.js";

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
  // The shifted finite values, in raster order (numpy's `image[finite] - min`).
  const shifted = rasterPixelStream(plane, tiles, (v) => (v - v === 0 ? v - imageMin : undefined));

  let tolerance = options.tolerance || 0;
  if (!tolerance) {
    tolerance = integer ? 0.5 : (await smallestGap(shifted, { lo: 0, hi: shiftedMax })) / 2;
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
    : await iterateOnTiles(shifted, tNext, tolerance);
  return t + imageMin;
}

/** np.mean(image[image > t]) and of the rest, one raster pass per iteration. */
async function iterateOnTiles(
  shifted: ReturnType<typeof rasterPixelStream>,
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
    await shifted((v) => (v > t ? fore.pushOne(v) : back.pushOne(v)));
    const meanFore = fore.value() / fore.count;
    const meanBack = back.value() / back.count;
    if (meanBack === 0) break;
    tNext = (meanBack - meanFore) / (npLog(meanBack) - npLog(meanFore));
  }
  return tNext;
}
