/**
 * The contract between the format readers and the lazy DataArray: an image is a TCZYX stack of
 * YX planes, opened once for its metadata and then read one plane at a time (possibly in many
 * worker threads, each with its own open source).
 */
import type { Block } from "../array/block.js";
import type { DType, TypedArray } from "../array/dtype.js";

/** The five dims every source reports, in this order; missing dims have size 1. */
export const IMAGE_DIMS = ["T", "C", "Z", "Y", "X"] as const;
export type ImageDim = (typeof IMAGE_DIMS)[number];

export interface PhysicalSize {
  X?: number;
  Y?: number;
  Z?: number;
  /** Unit of X/Y/Z as the file names it (e.g. "µm", "micrometer"). */
  unit?: string;
}

export interface ImageInfo {
  dims: ["T", "C", "Z", "Y", "X"];
  shape: [number, number, number, number, number];
  dtype: DType;
  /** Channel names (OME-XML Channel Name, OME-Zarr omero label) and time points, when known. */
  coords: { T?: number[]; C?: string[] };
  /**
   * Format details: always `format` ("imagej" | "ome-tiff" | "tiff" | "zarr" | "ome-zarr") and
   * `source`; `physicalSize` when the file states it; readers may add more.
   */
  attrs: Record<string, unknown>;
}

export interface ReadPlaneOptions {
  signal?: AbortSignal;
  /**
   * Where to decode the plane (C order, the image's dtype, Y·X values). A reader that can
   * writes there and returns it; others return their own array.
   */
  into?: TypedArray;
}

/** Rows [y0, y1) × columns [x0, x1) of a plane. */
export interface PlaneWindow {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

/** An open image: metadata plus random access to its YX planes. */
export interface PlaneSource {
  info: ImageInfo;
  /** Decodes the plane (t, c, z) as a C-order block of shape [Y, X]. */
  readPlane(t: number, c: number, z: number, opts?: ReadPlaneOptions): Promise<Block>;
  /**
   * Decodes a window of the plane (t, c, z), reading only the stored chunks under it, as a
   * C-order block [y1 − y0, x1 − x0]. Readers without it read the whole plane and crop.
   */
  readWindow?(
    t: number,
    c: number,
    z: number,
    window: PlaneWindow,
    opts?: ReadPlaneOptions,
  ): Promise<Block>;
  close?(): Promise<void>;
}

/** Anything a reader accepts as a location: a path, a URL or the bytes themselves. */
export type ByteSource = string | URL | ArrayBuffer | Uint8Array;

/** A short human name for a source, used in error messages. */
export function describeSource(source: unknown): string {
  if (typeof source === "string") return source;
  if (source instanceof URL) return source.href;
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    return `<${(source as ArrayBuffer | ArrayBufferView).byteLength} bytes in memory>`;
  }
  return "<store>";
}

/** Whether a string names a remote resource rather than a local path. */
export function isRemote(source: string): boolean {
  return /^(https?|blob|data):/i.test(source);
}

/** Whether this thread runs under Node (so local paths go through node:fs). */
export const isNode: boolean =
  typeof process !== "undefined" && typeof process.versions?.node === "string";

/** Resolves `file:` URLs to paths; leaves other URLs and paths as strings. */
export async function locationOf(source: string | URL): Promise<string> {
  const text = source instanceof URL ? source.href : source;
  if (/^file:/i.test(text) && isNode) {
    const { fileURLToPath } = await import("node:url");
    return fileURLToPath(text);
  }
  return text;
}

/** Throws a RangeError naming the image when (t, c, z) is outside its shape. */
export function checkPlaneIndex(info: ImageInfo, t: number, c: number, z: number): void {
  const [nt, nc, nz] = info.shape;
  const ok = (i: number, n: number) => Number.isInteger(i) && i >= 0 && i < n;
  if (!ok(t, nt) || !ok(c, nc) || !ok(z, nz)) {
    throw new RangeError(
      `${String(info.attrs.source)}: plane (t=${t}, c=${c}, z=${z}) is outside T=${nt}, C=${nc}, Z=${nz}`,
    );
  }
}

/** Throws a RangeError naming the source unless `w` is a non-empty window inside ny × nx. */
export function checkWindow(source: string, w: PlaneWindow, ny: number, nx: number): void {
  const ok = (a: number, b: number, n: number) =>
    Number.isInteger(a) && Number.isInteger(b) && a >= 0 && a < b && b <= n;
  if (!ok(w.y0, w.y1, ny) || !ok(w.x0, w.x1, nx)) {
    throw new RangeError(
      `${source}: window [${w.y0}:${w.y1}, ${w.x0}:${w.x1}] is not inside the ${ny}×${nx} plane`,
    );
  }
}

/** Rows and columns `w` of a C-order plane block (no copy when `w` is the whole plane). */
export function cropWindow(plane: Block, w: PlaneWindow): Block {
  const [ny, nx] = plane.shape;
  if (w.y0 === 0 && w.x0 === 0 && w.y1 === ny && w.x1 === nx) return plane;
  const wx = w.x1 - w.x0;
  const data = new (plane.data.constructor as new (n: number) => TypedArray)((w.y1 - w.y0) * wx);
  for (let y = w.y0; y < w.y1; y++)
    data.set(plane.data.subarray(y * nx + w.x0, y * nx + w.x1), (y - w.y0) * wx);
  return { data, shape: [w.y1 - w.y0, wx], dtype: plane.dtype };
}
