/**
 * `nima.bg_tiled`: calculate_bg's background median of one plane stored in tiles (a tile
 * store's `portable()` form), run in a worker so the streamed passes of several planes run
 * in parallel and the main thread stays free. Its own stages go to memory or to `stages`.
 * Params: `{ plane: PortablePlane, params: BgParamsJson, stages: "memory" | directory }`.
 * No array inputs; returns one float64.
 */
import type { Block } from "../array/block.js";
import type { Kernel } from "../kernels/registry.js";
import { tiledCalculateBg } from "../tiled/nima-bg.js";
import { openPortablePlane, type PortablePlane, tileStorePersist } from "../tiled/tile-store.js";
import type { BgParamsJson } from "./bg-params.js";

export interface BgTiledParams {
  plane: PortablePlane;
  params: BgParamsJson;
  stages: "memory" | string;
}

const bgTiledKernel: Kernel = async (_inputs, raw): Promise<Block> => {
  const { plane, params, stages } = raw as unknown as BgTiledParams;
  const kept = tileStorePersist(plane.tiles, stages);
  try {
    const { iqr } = await tiledCalculateBg(openPortablePlane(plane), plane.tiles, params, {
      persist: kept.persist,
    });
    return { data: Float64Array.of(iqr[1]), shape: [1], dtype: "float64" };
  } finally {
    await kept.dispose();
  }
};

export const kernels: Record<string, Kernel> = { "nima.bg_tiled": bgTiledKernel };
