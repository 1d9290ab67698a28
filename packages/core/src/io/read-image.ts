/**
 * readImage: a TIFF / ImageJ / OME-TIFF / zarr / OME-Zarr image as a lazy TCZYX DataArray with
 * one loader task per plane, so only the planes a computation needs are ever decoded, by
 * whichever worker runs the task.
 */
import { DataArray } from "../array/data-array.js";
import { bytesPerElement } from "../array/dtype.js";
import { ShapeError } from "../array/errors.js";
import type { Coords } from "../array/indexing.js";
import type { ChunkSpec } from "../graph/chunks.js";
import { resolveChunks } from "../graph/chunks.js";
import { MemoryArray, TaskArray } from "../graph/lazy.js";
import { ImageLimitError } from "./errors.js";
import { checkBytes, formatBytes, resolveMaxBytes } from "./limits.js";
import { type OpenedImage, type OpenImageOptions, openImage } from "./open.js";
import { READ_CHUNK } from "./read-chunk.js";
import { type ByteSource, describeSource, type ImageInfo, isNode } from "./source.js";
import { checkChannelNames } from "./validate.js";
import type { ZarrStore } from "./zarr-store.js";

export interface ReadImageOptions extends OpenImageOptions {
  /** Names for the channels (C coords), e.g. ["G", "R", "C"]; must match the channel count. */
  channels?: readonly string[];
  /**
   * Chunk sizes per dim (default one whole YX plane per chunk). Y/X chunks (e.g.
   * `{ Y: 4096, X: 4096 }`) read a plane in windows, for planes larger than memory;
   * "stored" takes a zarr store's own chunks.
   */
  chunks?: ChunkSpec | "stored";
}

export async function readImage(
  source: ByteSource | ZarrStore,
  options: ReadImageOptions = {},
): Promise<DataArray> {
  const location = await absolute(source);
  const image = await openImage(location, options);
  try {
    return await wrap(image, describeSource(source), options);
  } finally {
    // Workers (or the inline executor) reopen the file by name; this handle is done.
    await image.close?.();
  }
}

async function wrap(
  image: OpenedImage,
  name: string,
  options: ReadImageOptions,
): Promise<DataArray> {
  const { info } = image;
  const channels = options.channels;
  if (channels) checkChannelNames(name, channels);
  if (channels && channels.length !== info.shape[1]) {
    throw new ShapeError(
      `${name}: ${channels.length} channel names (${channels.join(", ")}) given, but the image has ${info.shape[1]} channels`,
    );
  }
  const coords: Coords = {};
  const channelNames = channels ?? info.coords.C;
  if (channelNames) coords.C = [...channelNames];
  if (info.coords.T) coords.T = [...info.coords.T];
  const attrs = { ...info.attrs };
  const maxBytes = resolveMaxBytes(options.maxBytes);
  const spec = options.chunks === "stored" ? storedChunks(name, info) : options.chunks;
  const chunks = resolveChunks(info.dims, info.shape, spec);
  // Before any work: the largest block a read task will decode (a plane, or a Y/X window).
  const [cy, cx] = [chunks[3], chunks[4]];
  const tiled = cy < info.shape[3] || cx < info.shape[4];
  if (tiled) {
    checkBytes(
      name,
      `a ${cy}×${cx} window of a plane`,
      cy * cx * bytesPerElement(info.dtype),
      maxBytes,
    );
  } else {
    checkPlaneBytes(name, cy * cx * bytesPerElement(info.dtype), maxBytes);
  }
  const lazy = await buildLazy(image, chunks, options.maxBytes);
  return new DataArray(lazy, {
    coords,
    attrs,
    name: typeof attrs.name === "string" ? attrs.name : undefined,
  });
}

/** A zarr store's own chunk shape (`chunks: "stored"`). */
function storedChunks(name: string, info: ImageInfo): ChunkSpec {
  const stored = info.attrs.storedChunks as ChunkSpec | undefined;
  if (!stored) {
    throw new RangeError(
      `${name}: chunks "stored" needs a zarr store; TIFF planes are stored whole`,
    );
  }
  return stored;
}

/** A whole plane beyond the limit: say how to read it in Y/X chunks instead. */
function checkPlaneBytes(name: string, bytes: number, maxBytes: number): void {
  if (bytes <= maxBytes) return;
  throw new ImageLimitError(
    name,
    `one YX plane needs ${formatBytes(bytes)}, more than the ${formatBytes(maxBytes)} limit: read it in Y/X chunks (readImage(source, { chunks: { Y: 4096, X: 4096 } }), or { chunks: "stored" } for a zarr chunked in Y/X), or raise the limit (maxBytes option or NIMA_MAX_BYTES)`,
  );
}

async function buildLazy(
  image: OpenedImage,
  chunks: number[],
  maxBytes: number | undefined,
): Promise<TaskArray | MemoryArray> {
  const { info } = image;
  return image.reopen
    ? new TaskArray(info.dims, info.shape, info.dtype, chunks, "read", (index) => {
        const [t, c, z, y0, x0] = index.map((g, d) => g * chunks[d]);
        const shape = info.shape.map((s, d) => Math.min(chunks[d], s - index[d] * chunks[d]));
        const whole = shape[3] === info.shape[3] && shape[4] === info.shape[4];
        return {
          kernel: READ_CHUNK,
          params: {
            image: image.reopen,
            start: [t, c, z],
            shape,
            dtype: info.dtype,
            ...(whole ? {} : { window: { y0, y1: y0 + shape[3], x0, x1: x0 + shape[4] } }),
          },
          inputs: [],
        };
      })
    : await readAll(image, chunks, resolveMaxBytes(maxBytes));
}

/** Sources workers cannot reopen by name (bytes in memory, custom stores): read here, now. */
async function readAll(
  image: OpenedImage,
  chunks: number[],
  maxBytes: number,
): Promise<MemoryArray> {
  const { info } = image;
  const [nt, nc, nz, ny, nx] = info.shape;
  const bytes = nt * nc * nz * ny * nx * bytesPerElement(info.dtype);
  checkBytes(String(info.attrs.source), `the whole ${info.shape.join("×")} image`, bytes, maxBytes);
  const planes: Block["data"][] = [];
  for (let t = 0; t < nt; t++)
    for (let c = 0; c < nc; c++)
      for (let z = 0; z < nz; z++) planes.push((await image.readPlane(t, c, z)).data);
  const first = planes[0];
  const data = new (first.constructor as new (n: number) => typeof first)(nt * nc * nz * ny * nx);
  planes.forEach((p, i) => {
    data.set(p, i * ny * nx);
  });
  return new MemoryArray(data, info.dims, info.shape, info.dtype, chunks, "read");
}

type Block = import("../array/block.js").Block;

/** Relative paths become absolute, so workers open the same file whatever their cwd. */
async function absolute(source: ByteSource | ZarrStore): Promise<ByteSource | ZarrStore> {
  if (typeof source !== "string" || !isNode || /^[a-z][a-z0-9+.-]*:/i.test(source)) return source;
  const { resolve } = await import("node:path");
  return resolve(source);
}
