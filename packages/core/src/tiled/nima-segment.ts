/**
 * One plane of `nima.segment` on tiled channel planes, equal to `segmentPlane` (nima/
 * kernels-segment.ts) on the whole plane: ga, optional wiener, yen or li threshold, mask,
 * remove_small_objects, closing, optional clear_border, label. Every stage is a tiled plane
 * computed on demand (lazy.ts); the global steps (wiener's noise, the threshold, component
 * sizes and frame contacts, label numbering) are streamed passes that keep one number per
 * component. `persist` may store a stage that later passes would otherwise recompute.
 */
import { wiener } from "../kernels/filters/wiener.js";
import type { SegmentPlaneParams } from "../nima/kernels-segment.js";
import { wienerNoise } from "./filters.js";
import { morphologyHalo, wienerHalo } from "./halo.js";
import { type TiledLabels, tiledLabel } from "./label.js";
import {
  binary,
  cachedPlane,
  cast,
  exprPlane,
  overlapPlane,
  type Persist,
  persisted,
  zipPlanes,
} from "./lazy.js";
import { tiledThresholdLi } from "./li.js";
import { clearBorderPlane, removeSmallObjectsPlane } from "./objects.js";
import { tiledThresholdYen } from "./threshold.js";
import { inThread, type TileWork } from "./tile-work.js";
import { checkTiling, type TiledPlane, type TileShape } from "./tiles.js";

export interface TiledSegmentOptions extends Partial<SegmentPlaneParams> {
  /** Stores a stage ("ga", "image", "mask", "closed", "cleared") and reads it back. */
  persist?: Persist;
  /**
   * Where the tiles are labelled and closed (default: this thread). With workers
   * (`onWorkers`), give `persist` the same `ahead` (tileStorePersist) so stored stages read
   * that many tiles at once.
   */
  work?: TileWork;
  /**
   * Without `persist`: tiles of each stage kept for the next reads (default two tile-rows
   * and two tiles, what halo'd raster-order reads revisit); 0 recomputes every read.
   */
  cacheTiles?: number;
}

/**
 * `ga = (c0·c1·…)^(1/n)` over the channel planes as nima.segment's `geometricMean` computes
 * it (float64 casts, the product in channel order, then `pow`), through the engine's own
 * expression compiler; one channel is used as is.
 */
export function geometricMeanPlane(channels: readonly TiledPlane[]): TiledPlane {
  if (channels.length === 0)
    throw new RangeError("tiledSegment: channels must list at least one plane");
  if (channels.length === 1) return channels[0];
  return exprPlane(channels, (leaves) => {
    let product = cast(leaves[0], "float64");
    for (const c of leaves.slice(1)) product = binary("mul", product, cast(c, "float64"));
    return binary("pow", product, 1 / leaves.length);
  });
}

/** Options nima's whole-plane path cannot give tile by tile, with the reason. */
function refuseUntileable(params: SegmentPlaneParams): void {
  if (params.watershed) {
    const what = params.randomwalk ? "watershed with randomwalk" : "watershed";
    throw new RangeError(
      `tiledSegment: ${what} is not tile-exact: it splits cells from peak_local_max peaks ` +
        "(greedy min_distance thinning over the whole plane) of distance_transform_edt " +
        "(the nearest background can be anywhere), flooded by one global priority queue" +
        (params.randomwalk ? " or solved by random_walker over the whole mask" : "") +
        "; segment without watershed, or use the whole-plane nima.segment",
    );
  }
}

function resolveParams(options: TiledSegmentOptions): SegmentPlaneParams {
  const params: SegmentPlaneParams = {
    thresholdMethod: options.thresholdMethod ?? "yen",
    minSize: options.minSize === undefined ? 640 : options.minSize,
    wiener: Boolean(options.wiener),
    clearBorder: Boolean(options.clearBorder),
    watershed: Boolean(options.watershed),
    randomwalk: Boolean(options.randomwalk),
  };
  if (params.thresholdMethod !== "yen" && params.thresholdMethod !== "li") {
    throw new RangeError(
      `tiledSegment: thresholdMethod must be "yen" or "li", got ${JSON.stringify(params.thresholdMethod)}`,
    );
  }
  const { minSize } = params;
  if (minSize !== null && !(typeof minSize === "number" && minSize >= 0)) {
    throw new RangeError(
      `tiledSegment: minSize must be a number of pixels >= 0 (or null), got ${String(minSize)}`,
    );
  }
  refuseUntileable(params);
  return params;
}

/**
 * Labels of one plane as `segmentPlane(ga, ny, nx, params)` gives them, from the channel
 * planes (in the order nima multiplies them). Defaults as nima.segment: yen, minSize 640.
 * The labels are a tiled plane read on demand (`count` = number of cells).
 */
export async function tiledSegment(
  channels: readonly TiledPlane[],
  tiles: TileShape,
  options: TiledSegmentOptions = {},
): Promise<TiledLabels> {
  const params = resolveParams(options);
  const gaPlane = geometricMeanPlane(channels);
  checkTiling("tiledSegment", gaPlane, tiles);
  const perRow = Math.ceil(gaPlane.nx / tiles.tileX);
  const { persist, cacheTiles = 2 * perRow + 2, work = inThread } = options;
  if (!Number.isInteger(cacheTiles) || cacheTiles < 0) {
    throw new RangeError(`tiledSegment: cacheTiles must be an integer >= 0, got ${cacheTiles}`);
  }
  // A stored stage, or the lazy one with its recent tiles cached.
  const stage = (name: string, plane: TiledPlane) =>
    persist || cacheTiles === 0
      ? persisted(persist, name, plane)
      : Promise.resolve(cachedPlane(plane, tiles, cacheTiles));
  const ga = await persisted(persist, "ga", gaPlane);
  let image = ga;
  if (params.wiener) {
    const noise = await wienerNoise(ga, [3, 3], tiles);
    const filtered = overlapPlane(
      ga,
      (s, ny, nx) => wiener(s, ny, nx, { mySize: [3, 3], noise }),
      wienerHalo([3, 3]),
      "constant",
    );
    image = await stage("image", filtered);
  }
  const threshold =
    params.thresholdMethod === "li"
      ? await tiledThresholdLi(image, tiles)
      : await tiledThresholdYen(image, tiles);
  let mask: TiledPlane = zipPlanes([image], ([v], n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = v[i] > threshold ? 1 : 0;
    return out;
  });
  if (params.minSize) {
    mask = await removeSmallObjectsPlane(mask, tiles, { maxSize: params.minSize - 1 }, work);
  }
  mask = await stage("mask", mask);
  let closed: TiledPlane = overlapPlane(
    mask,
    (s, ny, nx) => work.closing(s, ny, nx),
    morphologyHalo("closing"),
  );
  closed = await stage("closed", closed);
  if (params.clearBorder) {
    closed = await stage("cleared", await clearBorderPlane(closed, tiles, {}, work));
  }
  return tiledLabel(closed, tiles, { work });
}
