/**
 * The I/O kernel module, loaded lazily by the kernel registry on each thread:
 * `io.read_plane` decodes one YX plane of a TIFF or zarr image, so a lazy image becomes one
 * loader task per plane that any worker can run.
 *
 * Each thread keeps its opened sources (up to 32, least recently used first out), so decoding
 * many planes of a file opens and parses it once per worker.
 */
import type { Block } from "../array/block.js";
import type { Kernel } from "../kernels/registry.js";
import { type ImageFormat, openImage, type ReopenParams } from "./open.js";
import { cropWindow, type PlaneSource, type PlaneWindow } from "./source.js";

export const READ_PLANE = "io.read_plane";

/** Params of `io.read_plane`: where the image is, and which plane. */
export interface ReadPlaneParams extends ReopenParams {
  t: number;
  c: number;
  z: number;
  /** Only this window of the plane (Y/X-chunked images). */
  window?: PlaneWindow;
}

const MAX_OPEN = 32;

interface Entry {
  source: Promise<PlaneSource>;
  inflight: number;
  evicted: boolean;
}

const cache = new Map<string, Entry>();

function cacheKey(p: ReopenParams): string {
  return JSON.stringify([p.format, p.source, p.path ?? "", p.dims ?? null, p.pageAxis ?? null]);
}

async function withSource<T>(
  params: ReopenParams,
  use: (source: PlaneSource) => Promise<T>,
): Promise<T> {
  const key = cacheKey(params);
  let entry = cache.get(key);
  if (entry) {
    cache.delete(key); // re-insert: Map order is the LRU order
  } else {
    const { format, source, ...opts } = params;
    entry = { source: openImage(source, { format, ...opts }), inflight: 0, evicted: false };
  }
  cache.set(key, entry);
  evictBeyond(MAX_OPEN);
  entry.inflight++;
  try {
    const source = await entry.source.catch((error: unknown) => {
      if (cache.get(key) === entry) cache.delete(key); // let a later task retry the open
      throw error;
    });
    return await use(source);
  } finally {
    entry.inflight--;
    if (entry.evicted && entry.inflight === 0) void closeQuietly(entry);
  }
}

function evictBeyond(limit: number) {
  for (const [key, entry] of cache) {
    if (cache.size <= limit) break;
    cache.delete(key);
    entry.evicted = true;
    if (entry.inflight === 0) void closeQuietly(entry);
  }
}

async function closeQuietly(entry: Entry) {
  try {
    await (await entry.source).close?.();
  } catch {
    // A source that failed to open or close has nothing left to release.
  }
}

/** Closes every source this thread has open (tests, worker shutdown). */
export async function closeCachedSources(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  for (const entry of entries) entry.evicted = true;
  await Promise.all(entries.filter((e) => e.inflight === 0).map(closeQuietly));
}

function checkParams(params: Record<string, unknown>): ReadPlaneParams {
  const { format, source, t, c, z } = params;
  if (format !== "tiff" && format !== "zarr") {
    throw new TypeError(
      `${READ_PLANE}: format must be "tiff" or "zarr", got ${JSON.stringify(format)}`,
    );
  }
  if (typeof source !== "string" || source === "") {
    throw new TypeError(`${READ_PLANE}: source must be a path or URL string`);
  }
  for (const [name, value] of Object.entries({ t, c, z })) {
    if (!Number.isInteger(value) || (value as number) < 0) {
      throw new RangeError(`${READ_PLANE}: ${name} must be a non-negative integer, got ${value}`);
    }
  }
  return params as unknown as ReadPlaneParams;
}

const readPlane: Kernel = async (_inputs, params, destination): Promise<Block> => {
  const p = checkParams(params);
  const into = destination?.data;
  return withSource(p, async (source) => {
    const w = p.window;
    if (!w) return source.readPlane(p.t, p.c, p.z, { into });
    if (source.readWindow) return source.readWindow(p.t, p.c, p.z, w, { into });
    // A reader without windows (TIFF strips decode whole): read the plane, keep the window.
    return cropWindow(await source.readPlane(p.t, p.c, p.z), w);
  });
};

export const kernels: Record<string, Kernel> = { [READ_PLANE]: readPlane };

export type { ImageFormat };
