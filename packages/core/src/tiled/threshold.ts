/**
 * threshold_otsu and threshold_yen of a tiled plane: the same image histogram as the whole
 * plane (counted tile by tile, histogram.ts) through the same criterion (kernels/threshold).
 */
import { otsuOfHistogram } from "../kernels/threshold/otsu.js";
import { yenOfHistogram } from "../kernels/threshold/yen.js";
import { tiledThresholdHistogram } from "./histogram.js";
import { scanPlane } from "./scan.js";
import type { TiledPlane, TileShape } from "./tiles.js";

/** `skimage.filters.threshold_otsu(plane, nbins)` over tiles. */
export async function tiledThresholdOtsu(
  plane: TiledPlane,
  tiles: TileShape,
  { nbins = 256 } = {},
): Promise<number> {
  if (plane.ny * plane.nx === 0) throw new RangeError("threshold_otsu: empty image");
  const scan = await scanPlane(plane, tiles);
  // skimage: a plane whose pixels all equal the first (no NaN) returns that value.
  if (!scan.hasNaN && scan.constant) return scan.first;
  return otsuOfHistogram(
    await tiledThresholdHistogram(plane, nbins, tiles, "threshold_otsu", scan),
  );
}

/** `skimage.filters.threshold_yen(plane, nbins)` over tiles. */
export async function tiledThresholdYen(
  plane: TiledPlane,
  tiles: TileShape,
  { nbins = 256 } = {},
): Promise<number> {
  return yenOfHistogram(await tiledThresholdHistogram(plane, nbins, tiles, "threshold_yen"));
}
