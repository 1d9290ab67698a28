/**
 * Streams blocks into a zarr v3 array, one chunk per `writeBlock`, as the scheduler finishes
 * them. Chunks are encoded with the `bytes` codec (little-endian) and `zstd` (level 3):
 * zarrita cannot encode gzip, and zstd is what zarr-python 3 writes by default.
 *
 * Layout: with `ome` (the default) and dims that OME-Zarr allows (a TCZYX subset in that
 * order), an OME-Zarr 0.5 image: the group's zarr.json holds `ome` (multiscales with one
 * dataset "0", omero channels) and the array is at "0". Otherwise a plain array at the root,
 * whose `dimension_names` are the dims. Either way the DataArray's dims, coords and attrs are
 * kept under the `nima-ts` attribute so `openZarr` restores them.
 *
 * Writing to a directory is atomic: everything goes to `<path>.partial-<random>`, which
 * `close()` renames to `<path>`; `abort()` deletes it. A crash leaves only the partial folder.
 */
import type { AsyncMutable, Mutable } from "@zarrita/storage";
import * as zarr from "zarrita";
import { type Block, stridesOf } from "../array/block.js";
import type { DType } from "../array/dtype.js";
import { ImageIOError } from "./errors.js";
import {
  type ChannelWindow,
  defaultWindow,
  omeAttributes,
  omeCompatible,
} from "./ome-zarr-meta.js";
import { isNode, isRemote, locationOf, type PhysicalSize } from "./source.js";
import { canonicalDim, NIMA_ATTRS_KEY, type NimaZarrAttrs } from "./zarr-axes.js";
import { guardStore } from "./zarr-guard.js";
import { isStore } from "./zarr-store.js";

export interface ZarrWriterOptions {
  shape: number[];
  dims: string[];
  dtype: DType;
  /** Chunk shape; -1 means the whole dim. Default: one YX plane per chunk. */
  chunks?: number[];
  coords?: Record<string, readonly (number | string)[]>;
  attrs?: Record<string, unknown>;
  /** Write OME-Zarr 0.5 when the dims allow it (default true). */
  ome?: boolean;
  /** Replace an existing directory at close (default false: refuse to start). */
  overwrite?: boolean;
  /**
   * "zstd" (default; level 3, as zarr-python 3) or "none". numcodecs' WebAssembly zstd runs
   * at ~100 MB/s encode, ~250 MB/s decode on incompressible float64 here: "none" trades disk
   * for speed.
   */
  compression?: "zstd" | "none";
  /** zstd level (default 3). */
  level?: number;
  /**
   * OME-Zarr multiscale levels after the full resolution, each halving Y and X (shape and
   * chunks rounded up), at paths "1", "2", …; blocks for them go to `writeBlock(…, level)`.
   * `method` is recorded as the multiscale's type. Default: no extra level.
   */
  pyramid?: { levels: number; method: string };
}

export interface ZarrWriter {
  /** "ome-zarr" or "zarr": what the metadata describes. */
  readonly layout: "ome-zarr" | "zarr";
  readonly chunks: number[];
  /** The final directory, for filesystem targets. */
  readonly path?: string;
  /**
   * Writes the chunk at grid position `chunkCoords` of multiscale `level` (default 0, full
   * resolution); edge blocks are smaller than the level's chunks.
   */
  writeBlock(chunkCoords: number[], block: Block, level?: number): Promise<void>;
  /** Waits for pending writes, finalises metadata, and moves the output into place. */
  close(): Promise<void>;
  /** Stops and deletes the partial output (filesystem targets). */
  abort(): Promise<void>;
}

export async function createZarrWriter(
  target: string | URL | Mutable,
  opts: ZarrWriterOptions,
): Promise<ZarrWriter> {
  const { shape, dims, dtype } = opts;
  checkOptions(opts);
  const chunks = (opts.chunks ?? defaultChunks(dims)).map((c, i) =>
    c === -1 ? shape[i] : Math.min(c, shape[i]),
  );
  const layout = (opts.ome ?? true) && omeCompatible(dims) ? "ome-zarr" : "zarr";
  const extraLevels = opts.pyramid?.levels ?? 0;
  if (!Number.isInteger(extraLevels) || extraLevels < 0) {
    throw new RangeError(
      `createZarrWriter: pyramid.levels must be a non-negative integer, got ${extraLevels}`,
    );
  }
  if (extraLevels > 0 && layout !== "ome-zarr") {
    throw new RangeError(
      `createZarrWriter: a pyramid needs OME-Zarr dims (a TCZYX subset), got [${dims}]`,
    );
  }
  // Shape and chunks of each level: Y and X halved (rounded up) per level.
  const halved = (sizes: number[], k: number) =>
    sizes.map((n, i) =>
      canonicalDim(dims[i]) === "Y" || canonicalDim(dims[i]) === "X" ? Math.ceil(n / 2 ** k) : n,
    );
  const levelShapes = Array.from({ length: extraLevels + 1 }, (_, k) => halved(shape, k));
  const levelChunks = Array.from({ length: extraLevels + 1 }, (_, k) => halved(chunks, k));
  const output = await openOutput(target, opts.overwrite ?? false);
  const nima: NimaZarrAttrs = {
    dims: [...dims],
    coords: copyCoords(opts.coords),
    attrs: opts.attrs ?? {},
  };
  const channelAxis = dims.findIndex((d) => canonicalDim(d) === "C");
  const channels = channelLabels(
    opts.coords,
    channelAxis < 0 ? 1 : shape[channelAxis],
    channelAxis >= 0,
  );
  const windows = new WindowTracker(channels.length, channelAxis);
  const writeGroupMetadata = () =>
    writeJson(output.store, "/zarr.json", {
      zarr_format: 3,
      node_type: "group",
      attributes: {
        ome: omeAttributes({
          dims,
          name: typeof opts.attrs?.name === "string" ? opts.attrs.name : undefined,
          physicalSize: opts.attrs?.physicalSize as PhysicalSize | undefined,
          channels,
          windows: windows.windows(dtype),
          levels: extraLevels + 1,
          downsampling: opts.pyramid?.method,
        }),
        [NIMA_ATTRS_KEY]: nima,
      },
    });
  const arrays: zarr.Array<zarr.DataType, Mutable>[] = [];
  try {
    if (layout === "ome-zarr") await writeGroupMetadata();
    for (let k = 0; k <= extraLevels; k++) {
      const location = zarr.root(output.store).resolve(layout === "ome-zarr" ? String(k) : "/");
      arrays.push(
        await zarr.create(location, {
          shape: levelShapes[k],
          chunkShape: levelChunks[k],
          dtype: dtype as zarr.DataType,
          codecs: [
            { name: "bytes", configuration: { endian: "little" } },
            ...(opts.compression === "none"
              ? []
              : [{ name: "zstd", configuration: { level: opts.level ?? 3, checksum: false } }]),
          ],
          fillValue: (dtype === "bool" ? false : 0) as never,
          dimensionNames:
            layout === "ome-zarr" ? dims.map((d) => canonicalDim(d)!.toLowerCase()) : [...dims],
          attributes: { [NIMA_ATTRS_KEY]: nima },
        }),
      );
    }
  } catch (error) {
    await output.discard();
    throw error;
  }

  const pending = new Set<Promise<void>>();
  let state: "open" | "closed" | "aborted" = "open";
  const where = output.name;
  return {
    layout,
    chunks,
    path: output.finalPath,
    async writeBlock(chunkCoords: number[], block: Block, level = 0): Promise<void> {
      if (state !== "open")
        throw new ImageIOError(where, `writeBlock after ${state === "closed" ? "close" : "abort"}`);
      const array = arrays[level];
      if (!array) {
        throw new RangeError(`${where}: no multiscale level ${level} (levels 0..${extraLevels})`);
      }
      const start = checkBlock(
        chunkCoords,
        block,
        levelShapes[level],
        levelChunks[level],
        dtype,
        where,
      );
      if (layout === "ome-zarr" && level === 0) windows.add(block, start);
      const selection = block.shape.map((n, i) => zarr.slice(start[i], start[i] + n));
      const data =
        dtype === "bool"
          ? new zarr.BoolArray(block.data.buffer, block.data.byteOffset, block.data.length)
          : block.data;
      const write = zarr
        .set(array, selection, {
          data,
          shape: block.shape,
          stride: stridesOf(block.shape),
        } as never)
        .catch((cause: unknown) => {
          const message = cause instanceof Error ? cause.message : String(cause);
          throw new ImageIOError(where, `cannot write chunk [${chunkCoords}] (${message})`, {
            cause,
          });
        });
      pending.add(write);
      try {
        await write;
      } finally {
        pending.delete(write);
      }
    },
    async close(): Promise<void> {
      if (state !== "open")
        throw new ImageIOError(where, `close after ${state === "closed" ? "close" : "abort"}`);
      state = "closed";
      await Promise.all(pending);
      if (layout === "ome-zarr") await writeGroupMetadata(); // now with the observed windows
      await output.commit();
    },
    async abort(): Promise<void> {
      if (state === "aborted") return;
      state = "aborted";
      await Promise.allSettled(pending);
      await output.discard();
    },
  };
}

function checkOptions({ shape, dims, dtype, chunks, coords, compression }: ZarrWriterOptions) {
  if (compression !== undefined && compression !== "zstd" && compression !== "none") {
    throw new RangeError(
      `createZarrWriter: compression must be "zstd" or "none", got ${compression}`,
    );
  }
  if (shape.length !== dims.length) {
    throw new RangeError(`createZarrWriter: dims [${dims}] and shape [${shape}] differ in length`);
  }
  if (new Set(dims).size !== dims.length)
    throw new RangeError(`createZarrWriter: repeated dim in [${dims}]`);
  if (!shape.every((n) => Number.isInteger(n) && n >= 0)) {
    throw new RangeError(`createZarrWriter: shape [${shape}] must be non-negative integers`);
  }
  if (!["uint8", "uint16", "int32", "float32", "float64", "bool"].includes(dtype)) {
    throw new RangeError(`createZarrWriter: unsupported dtype ${dtype}`);
  }
  for (const [dim, values] of Object.entries(coords ?? {})) {
    const axis = dims.indexOf(dim);
    if (axis >= 0 && values.length !== shape[axis]) {
      throw new RangeError(
        `createZarrWriter: coords.${dim} has ${values.length} values but dim ${dim} has size ${shape[axis]}`,
      );
    }
  }
  if (
    chunks &&
    (chunks.length !== shape.length ||
      !chunks.every((c) => c === -1 || (Number.isInteger(c) && c > 0)))
  ) {
    throw new RangeError(
      `createZarrWriter: chunks [${chunks}] must give a positive size (or -1) per dim`,
    );
  }
}

/** One YX plane per chunk, the DataArray default. */
function defaultChunks(dims: readonly string[]): number[] {
  return dims.map((d) => (canonicalDim(d) === "Y" || canonicalDim(d) === "X" ? -1 : 1));
}

function copyCoords(coords: ZarrWriterOptions["coords"]): Record<string, (number | string)[]> {
  return Object.fromEntries(Object.entries(coords ?? {}).map(([k, v]) => [k, [...v]]));
}

function channelLabels(coords: ZarrWriterOptions["coords"], n: number, hasAxis: boolean): string[] {
  const named = coords?.C;
  if (named && named.length === n) return named.map(String);
  return Array.from({ length: n }, (_, i) => (hasAxis ? `C${i}` : "channel"));
}

/** Validates a block against the chunk grid and returns its start index per dim. */
function checkBlock(
  coords: number[],
  block: Block,
  shape: number[],
  chunks: number[],
  dtype: DType,
  where: string,
): number[] {
  if (block.dtype !== dtype)
    throw new TypeError(`${where}: block is ${block.dtype}, the array is ${dtype}`);
  if (coords.length !== shape.length || block.shape.length !== shape.length) {
    throw new RangeError(
      `${where}: chunk coords [${coords}] / block shape [${block.shape}] need ${shape.length} dims`,
    );
  }
  return coords.map((c, i) => {
    const start = c * chunks[i];
    const expected = Math.min(chunks[i], shape[i] - start);
    if (
      !Number.isInteger(c) ||
      c < 0 ||
      start >= Math.max(shape[i], 1) ||
      block.shape[i] !== expected
    ) {
      throw new RangeError(
        `${where}: block [${block.shape}] at chunk [${coords}] does not fit chunks [${chunks}] of shape [${shape}]`,
      );
    }
    return start;
  });
}

/** Per-channel min/max of the data written, for the omero display windows. */
class WindowTracker {
  readonly #min: number[];
  readonly #max: number[];
  constructor(
    channels: number,
    private readonly channelAxis: number,
  ) {
    this.#min = new Array(channels).fill(Number.POSITIVE_INFINITY);
    this.#max = new Array(channels).fill(Number.NEGATIVE_INFINITY);
  }

  add(block: Block, start: number[]) {
    const { data, shape } = block;
    const axis = this.channelAxis;
    const nc = axis < 0 ? 1 : shape[axis];
    const inner = axis < 0 ? data.length : shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const outer = axis < 0 ? 1 : shape.slice(0, axis).reduce((a, b) => a * b, 1);
    for (let o = 0; o < outer; o++) {
      for (let c = 0; c < nc; c++) {
        const channel = axis < 0 ? 0 : start[axis] + c;
        let lo = this.#min[channel];
        let hi = this.#max[channel];
        const base = (o * nc + c) * inner;
        for (let i = base; i < base + inner; i++) {
          const v = data[i];
          if (v < lo) lo = v;
          if (v > hi) hi = v; // NaN fails both tests and is skipped
        }
        this.#min[channel] = lo;
        this.#max[channel] = hi;
      }
    }
  }

  windows(dtype: DType): ChannelWindow[] {
    // No finite data seen (nothing written, all NaN, or infinities): announce the dtype's range.
    return this.#min.map((lo, i) =>
      Number.isFinite(lo) && Number.isFinite(this.#max[i])
        ? { min: lo, max: this.#max[i] }
        : defaultWindow(dtype),
    );
  }
}

interface Output {
  store: Mutable;
  name: string;
  finalPath?: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

async function openOutput(target: string | URL | Mutable, overwrite: boolean): Promise<Output> {
  if (isStore(target)) {
    const noop = async () => {};
    const store = guardStore(target as Mutable, "<zarr store>");
    return { store, name: "<zarr store>", commit: noop, discard: noop };
  }
  const finalPath = await locationOf(target as string | URL);
  if (isRemote(finalPath) || !isNode) {
    throw new ImageIOError(
      finalPath,
      "writing zarr over HTTP is not supported; pass a directory or a store",
    );
  }
  const fs = await import("node:fs/promises");
  const { dirname } = await import("node:path");
  const exists = (p: string) =>
    fs.stat(p).then(
      () => true,
      () => false,
    );
  if (!overwrite && (await exists(finalPath))) {
    throw new ImageIOError(finalPath, "already exists (pass overwrite: true to replace it)");
  }
  const tag = Math.random().toString(36).slice(2, 10);
  const partial = `${finalPath}.partial-${tag}`;
  await fs.mkdir(dirname(finalPath), { recursive: true });
  await fs.mkdir(partial);
  const { default: FileSystemStore } = await import("@zarrita/storage/fs");
  return {
    store: guardStore(new FileSystemStore(partial) as AsyncMutable, finalPath),
    name: finalPath,
    finalPath,
    async commit() {
      let replaced: string | undefined;
      if (await exists(finalPath)) {
        if (!overwrite)
          throw new ImageIOError(finalPath, `appeared while writing; output left in ${partial}`);
        replaced = `${finalPath}.replaced-${tag}`;
        await fs.rename(finalPath, replaced);
      }
      await fs.rename(partial, finalPath);
      if (replaced) await fs.rm(replaced, { recursive: true, force: true });
    },
    async discard() {
      await fs.rm(partial, { recursive: true, force: true });
    },
  };
}

async function writeJson(store: Mutable, key: `/${string}`, value: unknown): Promise<void> {
  await store.set(key, new TextEncoder().encode(JSON.stringify(value, null, 2)));
}
