/**
 * The neighbourhood kernels of kernels/ on tiled planes: each is `mapOverlap` with the
 * kernel's own halo, so every output tile is bit-identical to the same pixels of the
 * whole-plane result. wiener's default noise (the mean local variance of the whole plane) is
 * a global statistic: it comes from a streamed pass first (wienerNoise).
 */

import type { TypedArray } from "../array/dtype.js";
import { pair } from "../kernels/args.js";
import { entropy } from "../kernels/filters/entropy.js";
import { type GaussianFilterOptions, gaussianFilter } from "../kernels/filters/gaussian.js";
import { type WienerOptions, wiener, wienerLocalStats } from "../kernels/filters/wiener.js";
import type { Footprint } from "../kernels/footprint.js";
import {
  medianFilter,
  type PercentileFilterOptions,
  percentileFilter,
  type RankFilterOptions,
  type RankWindowOptions,
  rankFilter,
} from "../kernels/rank/rank-filter.js";
import {
  type BinaryMorphologyOptions,
  binaryClosing,
  binaryDilation,
  binaryErosion,
  binaryOpening,
  closing,
  dilation,
  erosion,
  type GreyMorphologyOptions,
  opening,
} from "../kernels/segmentation/morphology.js";
import {
  entropyHalo,
  gaussianHalo,
  type MorphologyOp,
  morphologyHalo,
  rankFilterHalo,
  wienerHalo,
} from "./halo.js";
import { mapOverlap } from "./map-overlap.js";
import { forEachRasterRun, StreamedSum } from "./raster.js";
import type { Tile, TiledPlane, TileShape } from "./tiles.js";

type Tiles<T extends TypedArray = TypedArray> = AsyncGenerator<Tile<T>>;

/** scipy.ndimage.median_filter, tile by tile. */
export function tiledMedianFilter(
  plane: TiledPlane,
  opts: RankWindowOptions,
  tiles: TileShape,
): Tiles {
  return mapOverlap(plane, (s, ny, nx) => medianFilter(s, ny, nx, opts), {
    ...tiles,
    halo: rankFilterHalo(opts),
    mode: opts.mode,
  });
}

/** scipy.ndimage.percentile_filter, tile by tile. */
export function tiledPercentileFilter(
  plane: TiledPlane,
  opts: PercentileFilterOptions,
  tiles: TileShape,
): Tiles {
  return mapOverlap(plane, (s, ny, nx) => percentileFilter(s, ny, nx, opts), {
    ...tiles,
    halo: rankFilterHalo(opts),
    mode: opts.mode,
  });
}

/** scipy.ndimage.rank_filter, tile by tile. */
export function tiledRankFilter(
  plane: TiledPlane,
  opts: RankFilterOptions,
  tiles: TileShape,
): Tiles {
  return mapOverlap(plane, (s, ny, nx) => rankFilter(s, ny, nx, opts), {
    ...tiles,
    halo: rankFilterHalo(opts),
    mode: opts.mode,
  });
}

/** scipy.ndimage.gaussian_filter, tile by tile. */
export function tiledGaussianFilter(
  plane: TiledPlane,
  opts: GaussianFilterOptions,
  tiles: TileShape,
): Tiles {
  return mapOverlap(plane, (s, ny, nx) => gaussianFilter(s, ny, nx, opts), {
    ...tiles,
    halo: gaussianHalo(opts),
    mode: opts.mode,
  });
}

/** skimage.filters.rank.entropy (uint8 or uint16 planes), tile by tile. */
export function tiledEntropy(
  plane: TiledPlane,
  footprint: number | Footprint,
  tiles: TileShape,
): Tiles {
  return mapOverlap(
    plane,
    (s, ny, nx) => entropy(s as Uint8Array | Uint16Array, ny, nx, footprint),
    { ...tiles, halo: entropyHalo(footprint) },
  );
}

/**
 * scipy.signal.wiener's default noise, `mean(lVar)` over the whole plane: the local variance
 * of each tile (with halo) streamed in raster order through numpy's summation.
 */
export async function wienerNoise(
  plane: TiledPlane,
  mySize: number | readonly [number, number] = [3, 3],
  tiles: TileShape,
): Promise<number> {
  const [ky, kx] = pair(mySize, "mySize", "wienerNoise");
  const lVars = mapOverlap(plane, (s, ny, nx) => wienerLocalStats(s, ny, nx, ky, kx).lVar, {
    ...tiles,
    halo: wienerHalo(mySize),
    mode: "constant",
  });
  const sum = new StreamedSum();
  await forEachRasterRun(lVars, plane.nx, (d, start, n) => sum.push(d, start, n));
  return sum.value() / (plane.ny * plane.nx);
}

/** scipy.signal.wiener, tile by tile (a noise pass first when `noise` is not given). */
export async function* tiledWiener(
  plane: TiledPlane,
  opts: WienerOptions,
  tiles: TileShape,
): Tiles<Float64Array> {
  const mySize = opts.mySize ?? [3, 3];
  const noise = opts.noise ?? (await wienerNoise(plane, mySize, tiles));
  yield* mapOverlap(plane, (s, ny, nx) => wiener(s, ny, nx, { mySize, noise }), {
    ...tiles,
    halo: wienerHalo(mySize),
    mode: "constant",
  });
}

const MORPHOLOGY = {
  erosion,
  dilation,
  opening,
  closing,
  binary_erosion: binaryErosion,
  binary_dilation: binaryDilation,
  binary_opening: binaryOpening,
  binary_closing: binaryClosing,
} as const;

/** skimage.morphology grey and binary operations, tile by tile. */
export function tiledMorphology(
  plane: TiledPlane,
  op: MorphologyOp,
  opts: GreyMorphologyOptions & BinaryMorphologyOptions,
  tiles: TileShape,
): Tiles {
  const fn = MORPHOLOGY[op] as (
    s: TypedArray,
    ny: number,
    nx: number,
    o: GreyMorphologyOptions & BinaryMorphologyOptions,
  ) => TypedArray;
  if (!fn) throw new RangeError(`tiledMorphology: unknown operation ${JSON.stringify(op)}`);
  return mapOverlap(plane, (s, ny, nx) => fn(s, ny, nx, opts), {
    ...tiles,
    halo: morphologyHalo(op, opts.footprint),
    mode: op.startsWith("binary_") ? "constant" : opts.mode,
  });
}
