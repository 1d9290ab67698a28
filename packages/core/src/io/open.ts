/**
 * One entry point for every format: `openImage` picks TIFF or zarr from the source and returns
 * a PlaneSource whose `reopen` tells worker threads how to open the same image again.
 */
import { type ByteSource, isNode, locationOf, type PlaneSource } from "./source.js";
import { type OpenTiffOptions, openTiff } from "./tiff.js";
import { type OpenZarrOptions, openZarr } from "./zarr.js";
import { isStore, type ZarrStore } from "./zarr-store.js";

export type ImageFormat = "tiff" | "zarr";

export interface OpenImageOptions extends OpenTiffOptions, OpenZarrOptions {
  /** Skip detection: "tiff" covers TIFF, ImageJ and OME-TIFF; "zarr" covers OME-Zarr. */
  format?: ImageFormat;
}

/** What a worker needs to open the same image: JSON-able, so it can travel in task params. */
export interface ReopenParams {
  format: ImageFormat;
  source: string;
  path?: string;
  dims?: string[];
  pageAxis?: "T" | "C" | "Z";
  maxBytes?: number;
  maxPages?: number;
}

export type OpenedImage = PlaneSource & {
  /** Undefined for in-memory bytes and stores, which workers cannot open by name. */
  reopen?: ReopenParams;
};

/** Opens a TIFF/ImageJ/OME-TIFF or zarr/OME-Zarr image, detecting which it is. */
export async function openImage(
  source: ByteSource | ZarrStore,
  opts: OpenImageOptions = {},
): Promise<OpenedImage> {
  const format = opts.format ?? (await detectFormat(source));
  if (format === "zarr") {
    const image: OpenedImage = await openZarr(source as string | URL | ZarrStore, opts);
    if (typeof source === "string" || source instanceof URL) {
      image.reopen = compact({
        format,
        source: await locationOf(source),
        path: opts.path,
        dims: opts.dims,
        maxBytes: opts.maxBytes,
      });
    }
    return image;
  }
  if (isStore(source)) throw new TypeError("openImage: a zarr store cannot be read as TIFF");
  const image: OpenedImage = await openTiff(source as ByteSource, opts);
  if (typeof source === "string" || source instanceof URL) {
    image.reopen = compact({
      format,
      source: await locationOf(source),
      pageAxis: opts.pageAxis,
      maxBytes: opts.maxBytes,
      maxPages: opts.maxPages,
    });
  }
  return image;
}

/**
 * "zarr" for stores, directories, and names ending in .zarr (or with a zarr.json/.zarray/
 * .zattrs component); "tiff" for bytes and anything else (the TIFF reader then says if it is
 * not a TIFF).
 */
export async function detectFormat(source: ByteSource | ZarrStore): Promise<ImageFormat> {
  if (source instanceof ArrayBuffer || ArrayBuffer.isView(source)) return "tiff";
  if (isStore(source)) return "zarr";
  const where = await locationOf(source as string | URL);
  const bare = where.replace(/[?#].*$/, "").replace(/\/+$/, "");
  if (/\.zarr$|\/(zarr\.json|\.zarray|\.zgroup|\.zattrs)$/i.test(bare)) return "zarr";
  if (/\.tiff?$|\.btf$/i.test(bare) || !isNode || /^https?:/i.test(where)) return "tiff";
  const { stat } = await import("node:fs/promises");
  const info = await stat(where).catch(() => undefined);
  return info?.isDirectory() ? "zarr" : "tiff";
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
