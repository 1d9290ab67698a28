/**
 * Writing a DataArray to zarr v3 / OME-Zarr 0.5 as it computes: each chunk is written as soon
 * as its task finishes and is then released, so a result larger than memory streams to disk.
 * The output appears at `path` only when complete (written beside it, then renamed).
 */

import { type Block, emptyBlock } from "../array/block.js";
import { type ComputeOptions, streamChunks } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { type Downsampling, downsample2 } from "../tiled/downsample.js";
import { createZarrWriter, type ZarrWriterOptions } from "./zarr-writer.js";

export interface ToZarrOptions extends ComputeOptions {
  /** Replace an existing store at the path (default false). */
  overwrite?: boolean;
  /** Write OME-Zarr metadata when the dims are TCZYX-like (default true). */
  ome?: boolean;
  /** zstd compression level (default 3). */
  level?: number;
  /**
   * An OME-Zarr multiscale pyramid: `levels` more resolutions, each halving Y and X by
   * "mean" (default) or "nearest", written from each chunk as it is computed (Y/X chunk
   * sides must be divisible by 2^levels, or whole).
   */
  pyramid?: { levels: number; method?: Downsampling };
}

/** Computes `array` chunk by chunk into a zarr store at `path`; returns the path written. */
export async function toZarr(
  array: DataArray,
  path: string,
  options: ToZarrOptions = {},
): Promise<string> {
  const { pyramid } = options;
  if (pyramid) checkPyramid(array, pyramid);
  const writerOptions: ZarrWriterOptions = {
    shape: [...array.shape],
    dims: [...array.dims],
    dtype: array.dtype,
    chunks: [...array.lazy.chunks],
    coords: array.coords,
    attrs: array.attrs,
    ome: options.ome,
    overwrite: options.overwrite,
    level: options.level,
    ...(pyramid ? { pyramid: { levels: pyramid.levels, method: pyramid.method ?? "mean" } } : {}),
  };
  const writer = await createZarrWriter(path, writerOptions);
  try {
    // Whole chunks only: zarr writes a chunk at a time, so no row bands.
    await streamChunks(array.lazy, { ...options, split: false }, async (index, block) => {
      await writer.writeBlock(index, block);
      let level = block;
      for (let k = 1; k <= (pyramid?.levels ?? 0); k++) {
        level = halvePlanes(level, pyramid?.method ?? "mean");
        await writer.writeBlock(index, level, k);
      }
    });
    await writer.close();
  } catch (error) {
    await writer.abort();
    throw error;
  }
  return writer.path ?? path;
}

/** Each Y/X chunk must halve onto the levels' chunk grid: sides divisible by 2^levels. */
function checkPyramid(array: DataArray, { levels, method }: NonNullable<ToZarrOptions["pyramid"]>) {
  if (!Number.isInteger(levels) || levels < 0) {
    throw new RangeError(`toZarr: pyramid.levels must be a non-negative integer, got ${levels}`);
  }
  if (method !== undefined && method !== "mean" && method !== "nearest") {
    throw new RangeError(
      `toZarr: pyramid.method must be "mean" or "nearest", got ${JSON.stringify(method)}`,
    );
  }
  for (const dim of ["Y", "X"]) {
    const chunk = array.chunks[dim];
    if (chunk !== undefined && chunk < array.sizes[dim] && chunk % 2 ** levels !== 0) {
      throw new RangeError(
        `toZarr: dim "${dim}" is chunked by ${chunk}, not divisible by 2^levels = ${2 ** levels}; rechunk it first`,
      );
    }
  }
}

/** Every YX plane of a block halved (ceil) by `method`. */
function halvePlanes(block: Block, method: Downsampling): Block {
  const n = block.shape.length;
  const [ny, nx] = [block.shape[n - 2], block.shape[n - 1]];
  const lead = block.shape.slice(0, -2);
  const planes = lead.reduce((a, b) => a * b, 1);
  const [hy, hx] = [Math.ceil(ny / 2), Math.ceil(nx / 2)];
  const out = emptyBlock(block.dtype, [...lead, hy, hx]);
  for (let p = 0; p < planes; p++) {
    const half = downsample2(block.data.subarray(p * ny * nx, (p + 1) * ny * nx), ny, nx, method);
    out.data.set(half.data, p * hy * hx);
  }
  return out;
}
