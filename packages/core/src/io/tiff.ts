/**
 * TIFF, ImageJ hyperstack and OME-TIFF as a TCZYX PlaneSource (pixels decoded by geotiff.js).
 *
 * Which page holds plane (t, c, z):
 * - OME-TIFF (OME-XML in the first ImageDescription): the TiffData blocks, else DimensionOrder
 *   from IFD 0. Only the first Image (series 0) is read.
 * - ImageJ hyperstack (`ImageJ=` description): C fastest, then Z, then T.
 * - Any other multi-page TIFF: pages are Z slices, as bioio guesses for tifffile's unnamed
 *   'I'/'Q' page axis (its last-N-of-TCZYX rule) and as ImageJ opens a plain stack.
 *   `pageAxis: "T"` reads them as a time series instead.
 *
 * Opening parses the first IFD only (plain TIFFs also count their IFDs, without decoding);
 * `readPlane` decodes one page.
 */

import type { GeoTIFFImage } from "geotiff";
import type { Block } from "../array/block.js";
import { ImageFormatError, reasonOf, UnsupportedImageError } from "./errors.js";
import {
  type ImageJMetadata,
  imagejPage,
  isImageJDescription,
  parseImageJDescription,
} from "./imagej.js";
import { checkCount, resolveMaxBytes } from "./limits.js";
import { isOmeXml, type OmePixels, parseOmeXml, planeToIfd } from "./ome-xml.js";
import {
  type ByteSource,
  checkPlaneIndex,
  type ImageInfo,
  type PhysicalSize,
  type PlaneSource,
  type ReadPlaneOptions,
} from "./source.js";
import { readDtype } from "./stored-dtype.js";
import { DEFAULT_MAX_PAGES } from "./tiff-ifds.js";
import { type OpenedTiff, openGeoTiff } from "./tiff-open.js";
import {
  ContiguousPages,
  contiguousOffset,
  geometryOf,
  IfdPages,
  type PageGeometry,
  type PageReader,
} from "./tiff-pages.js";

export interface OpenTiffOptions {
  /** What the pages of a plain (not ImageJ, not OME) multi-page TIFF are. Default "Z". */
  pageAxis?: "T" | "C" | "Z";
  /** Largest plane (or whole in-memory image) to allocate, in bytes; see `defaultMaxBytes`. */
  maxBytes?: number;
  /** Most pages (IFDs) to follow in one file (default 1 000 000). */
  maxPages?: number;
  signal?: AbortSignal;
}

interface Layout {
  sizes: { T: number; C: number; Z: number };
  pageOf(t: number, c: number, z: number): number;
  /** One more than the highest page the layout uses. */
  pagesUsed: number;
  coords: ImageInfo["coords"];
  attrs: Record<string, unknown>;
}

/** Opens a TIFF / ImageJ / OME-TIFF from a path (Node), a URL, or its bytes. */
export async function openTiff(
  source: ByteSource,
  opts: OpenTiffOptions = {},
): Promise<PlaneSource> {
  const opened = await openGeoTiff(source, opts.signal);
  const { tiff, name } = opened;
  try {
    const image0 = await tiff.getImage(0).catch((cause: unknown) => {
      throw new ImageFormatError(name, `cannot read the first IFD (${reasonOf(cause)})`, { cause });
    });
    const maxBytes = resolveMaxBytes(opts.maxBytes);
    const maxPages = opts.maxPages ?? DEFAULT_MAX_PAGES;
    const geometry = geometryOf(image0, name, maxBytes);
    const description = await descriptionOf(image0);
    const first = new IfdPages(tiff, geometry, name, maxPages);
    let layout: Layout;
    let reader: PageReader = first;
    if (isOmeXml(description)) {
      layout = omeLayout(parseOmeXml(description, name), geometry, name, source, maxPages);
      if (!(await first.has(layout.pagesUsed - 1))) {
        throw new ImageFormatError(
          name,
          `OME-XML places planes up to IFD ${layout.pagesUsed - 1}, but the file has ${await first.count()} pages`,
        );
      }
    } else if (isImageJDescription(description)) {
      const meta = parseImageJDescription(description, name);
      layout = await imagejLayout(meta, image0);
      reader = (await contiguousReader(opened, image0, geometry, meta.images)) ?? first;
      if (reader === first) {
        const pages = await first.count();
        if (pages < meta.images) {
          throw new ImageFormatError(
            name,
            `ImageJ metadata says images=${meta.images} but the file has ${pages} pages`,
          );
        }
      }
    } else {
      layout = plainLayout(await first.count(), opts.pageAxis ?? "Z");
    }
    if (geometry.samples > 1) layout = samplesAsChannels(layout, geometry.samples, name);
    const { T, C, Z } = layout.sizes;
    const dtype = readDtype(geometry.stored);
    const info: ImageInfo = {
      dims: ["T", "C", "Z", "Y", "X"],
      shape: [T, C, Z, geometry.height, geometry.width],
      dtype,
      coords: layout.coords,
      attrs: {
        source: name,
        ...layout.attrs,
        ...(geometry.stored !== dtype ? { storedDtype: geometry.stored } : {}),
      },
    };
    return {
      info,
      async readPlane(
        t: number,
        c: number,
        z: number,
        readOpts: ReadPlaneOptions = {},
      ): Promise<Block> {
        checkPlaneIndex(info, t, c, z);
        readOpts.signal?.throwIfAborted();
        const page = layout.pageOf(t, geometry.samples > 1 ? 0 : c, z);
        const data = await reader.read(page, geometry.samples > 1 ? c : 0, readOpts.signal);
        return { data, shape: [geometry.height, geometry.width], dtype };
      },
      async close() {
        await tiff.close();
      },
    };
  } catch (error) {
    await tiff.close();
    throw error;
  }
}

async function descriptionOf(image: GeoTIFFImage): Promise<string | undefined> {
  const value: unknown = await image.fileDirectory.loadValue("ImageDescription");
  return typeof value === "string" ? value.replace(/\0+$/, "") : undefined;
}

function omeLayout(
  px: OmePixels,
  g: PageGeometry,
  name: string,
  source: ByteSource,
  maxPages: number,
): Layout {
  if (px.sizeX !== g.width || px.sizeY !== g.height) {
    throw new ImageFormatError(
      name,
      `OME-XML says SizeX=${px.sizeX} SizeY=${px.sizeY} but the first page is ${g.width}×${g.height}`,
    );
  }
  const files = new Set(px.tiffData.map((d) => d.fileName).filter((f) => f !== undefined));
  const ownName = typeof source === "string" ? source.split(/[\\/]/).pop() : undefined;
  if (files.size > 1 || (ownName && files.size === 1 && !files.has(ownName))) {
    throw new UnsupportedImageError(
      name,
      `multi-file OME-TIFF (planes in ${[...files].join(", ")}) is not supported`,
    );
  }
  // Every plane needs its own IFD: refuse absurd counts before mapping them.
  const planes = px.sizeT * px.sizeC * px.sizeZ;
  checkCount(name, "OME-XML SizeT×SizeC×SizeZ", planes, 1, maxPages, "one page per plane");
  const map = planeToIfd(px, name);
  const { sizeT: T, sizeC: C, sizeZ: Z } = px;
  const coords: ImageInfo["coords"] = {};
  if (px.channelNames.length === C && px.channelNames.every((n) => n !== undefined && n !== "")) {
    coords.C = px.channelNames as string[];
  }
  if (px.deltaT) coords.T = px.deltaT;
  else if (px.timeIncrement !== undefined) coords.T = range(T).map((t) => t * px.timeIncrement!);
  const attrs: Record<string, unknown> = {
    format: "ome-tiff",
    dimensionOrder: px.dimensionOrder,
    omeImageCount: px.imageCount,
  };
  if (Object.keys(px.physicalSize).length > 0) attrs.physicalSize = px.physicalSize;
  return {
    sizes: { T, C, Z },
    pageOf: (t, c, z) => map[t * C * Z + c * Z + z],
    pagesUsed: map.reduce((a, b) => Math.max(a, b), 0) + 1,
    coords,
    attrs,
  };
}

async function imagejLayout(meta: ImageJMetadata, image0: GeoTIFFImage): Promise<Layout> {
  const { raw } = meta;
  const coords: ImageInfo["coords"] = {};
  if (typeof raw.finterval === "number")
    coords.T = range(meta.frames).map((t) => t * Number(raw.finterval));
  const attrs: Record<string, unknown> = { format: "imagej", imagej: raw };
  const physical = await imagejPhysicalSize(raw, image0);
  if (physical) attrs.physicalSize = physical;
  return {
    sizes: { T: meta.frames, C: meta.channels, Z: meta.slices },
    pageOf: (t, c, z) => imagejPage(meta, t, c, z),
    pagesUsed: meta.images,
    coords,
    attrs,
  };
}

/** ImageJ keeps pixels per unit in X/YResolution, the unit and Z spacing in the description. */
async function imagejPhysicalSize(
  raw: ImageJMetadata["raw"],
  image: GeoTIFFImage,
): Promise<PhysicalSize | undefined> {
  const perUnit = async (tag: "XResolution" | "YResolution") => {
    const r = (await image.fileDirectory.loadValue(tag)) as ArrayLike<number> | undefined;
    return r && r.length === 2 && r[0] > 0 ? r[1] / r[0] : undefined;
  };
  const X = await perUnit("XResolution");
  const Y = await perUnit("YResolution");
  const unit = typeof raw.unit === "string" ? raw.unit : undefined;
  const Z = typeof raw.spacing === "number" ? raw.spacing : undefined;
  // tifffile writes resolution 1/1 when none is given: no unit and 1 means "not calibrated".
  if (unit === undefined && (X ?? 1) === 1 && (Y ?? 1) === 1 && Z === undefined) return undefined;
  const size: PhysicalSize = {};
  if (X !== undefined) size.X = X;
  if (Y !== undefined) size.Y = Y;
  if (Z !== undefined) size.Z = Z;
  if (unit !== undefined) size.unit = unit;
  return size;
}

/**
 * Pages with several samples per pixel (RGB exports, tifffile's planar stacks): the samples
 * become the channels, as bioio reads them.
 */
function samplesAsChannels(layout: Layout, samples: number, name: string): Layout {
  if (layout.sizes.C !== 1) {
    throw new UnsupportedImageError(
      name,
      `pages with ${samples} samples per pixel and ${layout.sizes.C} channels: which is C is ambiguous`,
    );
  }
  return {
    ...layout,
    sizes: { ...layout.sizes, C: samples },
    attrs: { ...layout.attrs, samplesPerPixel: samples },
  };
}

function plainLayout(pages: number, axis: "T" | "C" | "Z"): Layout {
  const sizes = { T: 1, C: 1, Z: 1, [axis]: pages };
  return {
    sizes,
    pageOf: (t, c, z) => ({ T: t, C: c, Z: z })[axis],
    pagesUsed: pages,
    coords: {},
    attrs: { format: "tiff", pageAxis: axis },
  };
}

/** A ContiguousPages reader when the ImageJ planes are uncompressed and back to back. */
async function contiguousReader(
  opened: OpenedTiff,
  image0: GeoTIFFImage,
  geometry: PageGeometry,
  images: number,
): Promise<ContiguousPages | undefined> {
  const { tiff, name, byteLength } = opened;
  const offset0 = await contiguousOffset(image0, geometry);
  if (offset0 === undefined) return undefined;
  const reader = new ContiguousPages(tiff, geometry, offset0, name);
  if (images > 1) {
    // If a second IFD exists, its pixels must follow the first plane's (ImageJ >4 GiB files
    // have a single IFD; then the description alone says how many planes follow).
    const second = await tiff.getImage(1).catch(() => undefined);
    if (second && (await contiguousOffset(second, geometry)) !== offset0 + reader.planeBytes) {
      return undefined;
    }
  }
  const end = offset0 + images * reader.planeBytes;
  // An IFD inside the planes' span means fewer planes than claimed (or another layout): let
  // the IFD walker count the pages.
  const next = image0.fileDirectory.nextIFDByteOffset;
  if (next > offset0 && next < end) return undefined;
  if (byteLength !== undefined && end > byteLength) {
    throw new ImageFormatError(
      name,
      `ImageJ metadata says images=${images} (${end} bytes of planes) but the file has ${byteLength} bytes`,
    );
  }
  return reader;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
