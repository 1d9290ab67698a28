/**
 * nima.bg's per-plane background on planes chunked in Y/X: each plane's value comes from
 * tiled/nima-bg.ts (calculate_bg's streamed passes, identical to the whole plane), computed
 * when that plane's value is asked for. The plane is first computed once (all tiles, on the
 * compute's workers) into a tile store; the passes over it run in a worker, so the planes
 * of an image are estimated in parallel.
 */
import { DataArray } from "../array/data-array.js";
import { bytesPerElement } from "../array/dtype.js";
import { type MainTaskContext, StreamedArray } from "../graph/lazy.js";
import { storeArrayPlane } from "../tiled/from-array.js";
import { openStageArea, type StoredPlane, stageTiles } from "../tiled/tile-store.js";
import type { TileShape } from "../tiled/tiles.js";
import { bgTiledKernel } from "./kernel-specs.js";
import type { BgKernelParams } from "./kernels-bg.js";
import type { BgTiledParams } from "./kernels-bg-tiles.js";

/** The background (calculate_bg's iqr[1]) of every YX plane of `im`, lazily: dims without Y, X. */
export function bgTiles(im: DataArray, { params, downscale }: BgKernelParams): DataArray {
  if (downscale) {
    throw new RangeError(
      "nima.bg: downscale on Y/X tiles is not supported yet (block means across tile borders); rechunk({ Y: -1, X: -1 }) or drop downscale",
    );
  }
  const n = im.dims.length;
  const lead = im.dims.slice(0, -2);
  const tiles = { tileY: im.lazy.chunks[n - 2], tileX: im.lazy.chunks[n - 1] };
  const shape = im.shape.slice(0, -2);
  // A plane's background is one number: kept for the life of this array (a failed pass is
  // not), so every compute reading it (each window a measure reads) does not redo the passes.
  const values = new Map<string, Promise<number>>();
  const background = (index: readonly number[], run: MainTaskContext): Promise<number> => {
    const key = index.join(",");
    let value = values.get(key);
    if (!value) {
      value = planeBackground(im, index, tiles, params, run);
      value.catch(() => values.delete(key));
      values.set(key, value);
    }
    return value;
  };
  const lazy = new StreamedArray(
    lead,
    shape,
    "float64",
    lead.map(() => 1),
    "nima.bg",
    async (index, run) => ({
      data: Float64Array.of(await background(index, run)),
      shape: lead.map(() => 1),
      dtype: "float64",
    }),
  );
  const coords = Object.fromEntries(Object.entries(im.coords).filter(([d]) => lead.includes(d)));
  return new DataArray(lazy, { ...im.labels(), coords });
}

/**
 * calculate_bg's iqr[1] of plane `index` of `im`: the plane is computed once (all tiles, on
 * the compute's workers) into a store, whose passes then run in one worker (nima.bg_tiled).
 */
async function planeBackground(
  im: DataArray,
  index: readonly number[],
  tiles: TileShape,
  params: BgKernelParams["params"],
  run: MainTaskContext,
): Promise<number> {
  const lead = im.dims.slice(0, -2);
  // The stored plane's tiles: a band of them (what a raster pass holds) stays small.
  const stage = stageTiles(tiles, im.sizes.X, bytesPerElement(im.dtype));
  const plane = im.isel(
    Object.fromEntries(lead.map((d, i) => [d, { start: index[i], stop: index[i] + 1 }])),
  );
  const area = await openStageArea(im.sizes.Y * im.sizes.X * bytesPerElement(im.dtype));
  let stored: StoredPlane | undefined;
  try {
    stored = await storeArrayPlane(plane, stage, area.at("plane"), {
      executor: run.executor,
      signal: run.signal,
      memoryBudget: run.memoryBudget,
    });
    const kernelParams: BgTiledParams = {
      plane: stored.portable(),
      params,
      stages: area.at("stages"),
    };
    const message = {
      steps: [{ kernel: bgTiledKernel.name, params: { ...kernelParams }, args: [] }],
      inputs: [],
    };
    const { data } = await run.executor.run(message, run.signal);
    return data[0];
  } finally {
    await stored?.dispose();
    await area.dispose();
  }
}
