/**
 * Opens a TIFF with geotiff.js from a path (Node), a URL or bytes, turning its failures into
 * typed errors that name the file. Node-only modules are imported lazily so this module also
 * loads in browsers.
 */
import GeoTIFF, { fromUrl } from "geotiff";
import { ImageFormatError, ImageIOError, ImageNotFoundError } from "./errors.js";
import { type ByteSource, describeSource, isNode, isRemote, locationOf } from "./source.js";
import { type BoundedSource, bufferSource, fileSource } from "./tiff-source.js";

export interface OpenedTiff {
  tiff: GeoTIFF;
  /** Name used in messages and attrs.source (path, URL or a description of the bytes). */
  name: string;
  /** Total bytes when known (files and buffers; not URLs). */
  byteLength?: number;
}

export async function openGeoTiff(source: ByteSource, signal?: AbortSignal): Promise<OpenedTiff> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) {
    const name = describeSource(source);
    const bytes = source instanceof ArrayBuffer ? new Uint8Array(source) : source;
    const buffer =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
        ? (bytes.buffer as ArrayBuffer)
        : (bytes.slice().buffer as ArrayBuffer);
    return {
      tiff: await parse(name, () => fromBounded(bufferSource(name, buffer), signal)),
      name,
      byteLength: bytes.byteLength,
    };
  }
  const location = await locationOf(source);
  if (isRemote(location) || !isNode) {
    return { tiff: await parse(location, () => fromUrl(location, {}, signal)), name: location };
  }
  const { stat } = await import("node:fs/promises");
  const info = await stat(location).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === "ENOENT") throw new ImageNotFoundError(location, "no such file", { cause });
    throw new ImageIOError(location, `cannot read (${cause.message})`, { cause });
  });
  if (!info.isFile()) throw new ImageNotFoundError(location, "is not a file");
  return {
    tiff: await parse(location, async () =>
      fromBounded(await fileSource(location, info.size), signal),
    ),
    name: location,
    byteLength: info.size,
  };
}

async function fromBounded(source: BoundedSource, signal?: AbortSignal): Promise<GeoTIFF> {
  try {
    return await GeoTIFF.fromSource(source as never, undefined, signal);
  } catch (error) {
    await source.close();
    throw error;
  }
}

async function parse(name: string, open: () => Promise<GeoTIFF>): Promise<GeoTIFF> {
  try {
    return await open();
  } catch (cause) {
    if (cause instanceof ImageIOError) throw cause;
    const message = cause instanceof Error ? cause.message : String(cause);
    if (/byte order|magic number/i.test(message)) {
      throw new ImageFormatError(name, "not a TIFF file (bad header)", { cause });
    }
    if (cause instanceof RangeError) {
      throw new ImageFormatError(name, `truncated or damaged TIFF header or IFD (${message})`, {
        cause,
      });
    }
    if (/\b404\b|not found/i.test(message)) {
      throw new ImageNotFoundError(name, `cannot fetch (${message})`, { cause });
    }
    throw new ImageIOError(name, `cannot open as TIFF (${message})`, { cause });
  }
}
