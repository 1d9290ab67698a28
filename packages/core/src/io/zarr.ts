/**
 * zarr v2/v3 arrays and OME-Zarr images (zarrita) as a TCZYX PlaneSource. `readPlane` asks
 * zarrita for one (t, c, z) selection, so only the chunks holding that plane are read.
 */
import * as zarr from "zarrita";
import type { Block } from "../array/block.js";
import type { DType, TypedArray } from "../array/dtype.js";
import { allocate, canShareMemory, typedArrayMatches } from "../array/dtype.js";
import { scratch } from "../array/memory.js";
import {
  ImageFormatError,
  ImageIOError,
  ImageNotFoundError,
  UnsupportedImageError,
} from "./errors.js";
import { checkBytes, resolveMaxBytes } from "./limits.js";
import {
  checkPlaneIndex,
  checkWindow,
  type ImageDim,
  type ImageInfo,
  type PlaneSource,
  type PlaneWindow,
  type ReadPlaneOptions,
} from "./source.js";
import { readDtype, storedBytes, zarrStoredType } from "./stored-dtype.js";
import {
  mapAxes,
  nimaAttrsOf,
  type OmeImageMeta,
  omeImageMeta,
  omePhysicalSize,
  plainArrayDims,
} from "./zarr-axes.js";
import { checkArrayShape, checkChunks, checkStoreKey } from "./zarr-guard.js";
import type { ChunkReadOptions } from "./zarr-local-store.js";
import { resolveStore, type ZarrLocation, type ZarrStore } from "./zarr-store.js";

export interface OpenZarrOptions {
  /** Path of the array or OME-Zarr image group inside the store (default: the root). */
  path?: string;
  /** Dim names of a plain array whose metadata does not name them, e.g. ["T", "Y", "X"]. */
  dims?: string[];
  /** Largest plane or chunk to allocate, in bytes; see `defaultMaxBytes`. */
  maxBytes?: number;
  signal?: AbortSignal;
}

type AnyArray = zarr.Array<zarr.DataType, ZarrStore>;

/** Opens a zarr array or OME-Zarr image from a directory (Node), a URL or a zarrita store. */
export async function openZarr(
  location: ZarrLocation,
  opts: OpenZarrOptions = {},
): Promise<PlaneSource> {
  const { store, name } = await resolveStore(location);
  const where = opts.path ? `${name}/${opts.path.replace(/^\/+/, "")}` : name;
  const node = await openNode(zarr.root(store).resolve(opts.path ?? "/"), where, opts.signal);
  let array: AnyArray;
  let names: string[];
  let ome: OmeImageMeta | undefined;
  let groupAttrs: Record<string, unknown> = {};
  if (node instanceof zarr.Group) {
    groupAttrs = node.attrs;
    ome = omeImageMeta(groupAttrs, where);
    if (!ome) {
      throw new ImageFormatError(
        where,
        "zarr group without OME-Zarr multiscales metadata; pass { path } of an array inside it",
      );
    }
    const datasetWhere = `${where}/${ome.datasetPath}`;
    const dataset = await openNode(node.resolve(ome.datasetPath), datasetWhere, opts.signal);
    if (!(dataset instanceof zarr.Array)) {
      throw new ImageFormatError(datasetWhere, "OME-Zarr dataset is not an array");
    }
    array = dataset;
    names = opts.dims ?? ome.axes;
  } else {
    array = node;
    const stated = opts.dims ?? plainArrayDims(array.attrs, array.dimensionNames);
    if (!stated) {
      throw new ImageFormatError(
        where,
        `zarr array of shape [${array.shape}] does not name its dims (no dimension_names, _ARRAY_DIMENSIONS or OME axes); pass { dims }`,
      );
    }
    names = stated;
  }
  const axes = mapAxes(names, array.shape, where);
  const stored = zarrStoredType(array.dtype);
  if (!stored) {
    throw new UnsupportedImageError(where, `zarr data type ${array.dtype} is not supported`);
  }
  const dtype = readDtype(stored);
  const maxBytes = resolveMaxBytes(opts.maxBytes);
  checkArrayShape(array, where, storedBytes(stored), maxBytes);
  checkChunks(array, where);
  const info = imageInfo(array, axes, names, dtype, where, ome, { ...groupAttrs, ...array.attrs });
  if (stored !== dtype) info.attrs.storedDtype = stored;
  // The store's own chunk shape per dim, for readImage(..., { chunks: "stored" }).
  info.attrs.storedChunks = Object.fromEntries(
    info.dims.map((dim) => {
      const axis = axes.indexOf(dim);
      return [dim, axis < 0 ? 1 : array.chunks[axis]];
    }),
  );
  const yFirst = axes.indexOf("Y") < axes.indexOf("X");
  const [ny, nx] = [info.shape[3], info.shape[4]];
  // One chunk per plane (the layout nima-ts and dask write): read that chunk alone, decoded
  // straight into the destination, instead of zarrita's general selection (two more copies).
  const planeIsChunk = axes.every((dim, i) =>
    dim === "Y" || dim === "X" ? array.chunks[i] === array.shape[i] : array.chunks[i] === 1,
  );
  const itemBytes = storedBytes(stored);
  /** Reads window `w` (the whole plane when it covers it) of plane (t, c, z). */
  async function read(
    t: number,
    c: number,
    z: number,
    w: PlaneWindow,
    readOpts: ReadPlaneOptions,
  ): Promise<Block> {
    checkPlaneIndex(info, t, c, z);
    checkWindow(where, w, ny, nx);
    const [wy, wx] = [w.y1 - w.y0, w.x1 - w.x0];
    const whole = wy === ny && wx === nx;
    checkBytes(
      where,
      whole ? "one YX plane" : `a ${wy}×${wx} window`,
      wy * wx * itemBytes,
      maxBytes,
    );
    const index: Record<ImageDim, number | null> = { T: t, C: c, Z: z, Y: null, X: null };
    const into = fitsPlane(readOpts.into, dtype, wy * wx) ? readOpts.into : undefined;
    const borrowed: Uint8Array[] = [];
    try {
      let data: TypedArray;
      if (planeIsChunk && whole) {
        const coords = axes.map((dim) => (dim === undefined ? 0 : (index[dim] ?? 0)));
        const target = into && new Uint8Array(into.buffer, into.byteOffset, into.byteLength);
        const options: ChunkReadOptions = { signal: readOpts.signal, target, borrowed };
        const chunk = await array.getChunk(coords, options);
        const strides = [chunk.stride[axes.indexOf("Y")], chunk.stride[axes.indexOf("X")]];
        data = toPlane(chunk.data, strides, dtype, ny, nx, into);
        // Never hand out a view of scratch memory that is about to be reused.
        if (borrowed.some((b) => b.buffer === data.buffer)) data = copyOf(data, dtype);
      } else {
        const span: Record<ImageDim, number | zarr.Slice | null> = {
          ...index,
          Y: whole ? null : zarr.slice(w.y0, w.y1),
          X: whole ? null : zarr.slice(w.x0, w.x1),
        };
        const selection = axes.map((dim) => (dim === undefined ? 0 : span[dim]));
        // Shared output buffers let a C-order plane go to other threads without a copy.
        const chunk = await zarr.get(array, selection, {
          signal: readOpts.signal,
          useSharedArrayBuffer: canShareMemory,
        });
        const strides = yFirst ? chunk.stride : [chunk.stride[1], chunk.stride[0]];
        data = toPlane(chunk.data, strides, dtype, wy, wx, into);
      }
      return { data, shape: [wy, wx], dtype };
    } catch (cause) {
      readOpts.signal?.throwIfAborted();
      if (cause instanceof ImageIOError) throw cause; // already names the store and chunk
      const message = cause instanceof Error ? cause.message : String(cause);
      const what = whole ? "plane" : `window [${w.y0}:${w.y1}, ${w.x0}:${w.x1}] of plane`;
      throw new ImageIOError(where, `cannot read ${what} (t=${t}, c=${c}, z=${z}): ${message}`, {
        cause,
      });
    } finally {
      for (const bytes of borrowed) scratch.give(bytes);
    }
  }
  return {
    info,
    readPlane: (t, c, z, readOpts = {}) =>
      read(t, c, z, { y0: 0, y1: ny, x0: 0, x1: nx }, readOpts),
    readWindow: (t, c, z, w, readOpts = {}) => read(t, c, z, w, readOpts),
  };
}

async function openNode(location: zarr.Location<ZarrStore>, where: string, signal?: AbortSignal) {
  // zarrita decodes the path after resolving it: check it before open swallows our error.
  checkStoreKey(where, location.path);
  try {
    return await zarr.open(location, { signal });
  } catch (cause) {
    if (cause instanceof zarr.NotFoundError) {
      throw new ImageNotFoundError(
        where,
        "no zarr array or group here (no zarr.json, .zarray or .zgroup)",
        { cause },
      );
    }
    const message = cause instanceof Error ? cause.message : String(cause);
    throw new ImageFormatError(where, `invalid zarr metadata (${message})`, { cause });
  }
}

function imageInfo(
  array: AnyArray,
  axes: (ImageDim | undefined)[],
  names: string[],
  dtype: DType,
  where: string,
  ome: OmeImageMeta | undefined,
  attrs: Record<string, unknown>,
): ImageInfo {
  const size = (dim: ImageDim) => {
    const i = axes.indexOf(dim);
    return i < 0 ? 1 : array.shape[i];
  };
  const shape: ImageInfo["shape"] = [size("T"), size("C"), size("Z"), size("Y"), size("X")];
  const ours = nimaAttrsOf(attrs);
  const coords: ImageInfo["coords"] = {};
  // Our own files carry the exact coords (their omero labels may be placeholders like "C0").
  const labels = ours ? ours.coords?.C : ome?.channelLabels;
  if (labels && axes.includes("C") && labels.length === shape[1]) coords.C = labels.map(String);
  const times = ours?.coords?.T;
  if (times && times.length === shape[0] && times.every((v) => typeof v === "number")) {
    coords.T = times as number[];
  }
  const infoAttrs: Record<string, unknown> = {
    ...(ours?.attrs ?? {}),
    source: where,
    format: ome ? "ome-zarr" : "zarr",
    storedDims: ours?.dims ?? names,
    chunks: array.chunks,
  };
  if (ome) {
    infoAttrs.omeVersion = ome.version;
    const physical = omePhysicalSize(ome);
    if (physical && infoAttrs.physicalSize === undefined) infoAttrs.physicalSize = physical;
  }
  return { dims: ["T", "C", "Z", "Y", "X"], shape, dtype, coords, attrs: infoAttrs };
}

function fitsPlane(data: TypedArray | undefined, dtype: DType, n: number): data is TypedArray {
  return data !== undefined && typedArrayMatches(data, dtype) && data.length === n;
}

/** A copy of `data` in fresh shared memory. */
function copyOf(data: TypedArray, dtype: DType): TypedArray {
  const out = allocate(dtype, data.length);
  out.set(data);
  return out;
}

/**
 * A chunk's data as a C-order [Y, X] array of `dtype`, in `into` when given. zarrita returns
 * the array's own axis order and memory order (a transpose codec can make it F-order), so copy
 * by the Y and X strides unless it is already what we need.
 */
function toPlane(
  chunkData: zarr.Chunk<zarr.DataType>["data"],
  [strideY, strideX]: number[],
  dtype: DType,
  ny: number,
  nx: number,
  into?: TypedArray,
): TypedArray {
  let source = chunkData as unknown as ArrayLike<number>;
  if (source instanceof zarr.BoolArray) {
    source = new Uint8Array(source.buffer, source.byteOffset, source.length);
  }
  const cOrder = strideX === 1 && strideY === nx;
  const n = ny * nx;
  if (cOrder && fitsPlane(source as TypedArray, dtype, n)) {
    const plane = source as TypedArray;
    if (!into) return plane;
    if (plane.buffer !== into.buffer || plane.byteOffset !== into.byteOffset) into.set(plane);
    return into;
  }
  const out = into ?? allocate(dtype, n);
  if (cOrder) {
    out.set(
      ArrayBuffer.isView(source)
        ? (source as TypedArray).subarray(0, n)
        : Array.from(source).slice(0, n),
    );
    return out;
  }
  for (let y = 0; y < ny; y++)
    for (let x = 0; x < nx; x++) out[y * nx + x] = source[y * strideY + x * strideX];
  return out;
}
