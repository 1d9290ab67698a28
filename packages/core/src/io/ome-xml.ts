/**
 * The part of OME-XML (the ImageDescription of an OME-TIFF's first page) that places pages in
 * TCZ: the first Image's Pixels sizes and DimensionOrder, its Channel names, physical sizes,
 * plane times, and the TiffData blocks that map planes to IFDs (OME schema 2016-06).
 *
 * Only the elements and attributes named here are read, with a small tag scanner: OME-XML
 * writers (Bio-Formats, tifffile, ome-types) emit them as plain attributes.
 */
import { ImageFormatError, UnsupportedImageError } from "./errors.js";

export interface OmeTiffData {
  ifd: number;
  firstT: number;
  firstC: number;
  firstZ: number;
  /** Undefined when the attribute is absent (its default depends on IFD, see `planeToIfd`). */
  planeCount?: number;
  hasIfd: boolean;
  fileName?: string;
}

export interface OmePixels {
  dimensionOrder: string;
  sizeX: number;
  sizeY: number;
  sizeZ: number;
  sizeC: number;
  sizeT: number;
  type?: string;
  channelNames: (string | undefined)[];
  samplesPerPixel: number;
  physicalSize: { X?: number; Y?: number; Z?: number; unit?: string };
  timeIncrement?: number;
  /** DeltaT of the plane at (t, c=0, z=0) for every t, when all are given. */
  deltaT?: number[];
  tiffData: OmeTiffData[];
  /** Number of Image elements in the file (only the first is read). */
  imageCount: number;
}

export function isOmeXml(description: string | undefined): description is string {
  return description !== undefined && /<(\w+:)?OME[\s>]/.test(description);
}

/** Parses the first Image of an OME-XML document. */
export function parseOmeXml(xml: string, source: string): OmePixels {
  const images = elements(xml, "Image");
  if (images.length === 0) throw new ImageFormatError(source, "OME-XML has no Image element");
  const image = images[0];
  const pixelsElement = elements(image.body, "Pixels")[0];
  if (!pixelsElement) throw new ImageFormatError(source, "OME-XML Image has no Pixels element");
  const p = pixelsElement.attrs;
  const size = (name: string): number => {
    const value = Number(p[name] ?? "1");
    if (!Number.isInteger(value) || value < 1) {
      throw new ImageFormatError(
        source,
        `OME-XML Pixels ${name}="${p[name]}" is not a positive integer`,
      );
    }
    return value;
  };
  const dimensionOrder = p.DimensionOrder ?? "XYZCT";
  if (!/^XY(ZCT|ZTC|CZT|CTZ|TZC|TCZ)$/.test(dimensionOrder)) {
    throw new ImageFormatError(source, `OME-XML DimensionOrder "${dimensionOrder}" is not valid`);
  }
  const channels = elements(pixelsElement.body, "Channel").map((c) => c.attrs);
  const samplesPerPixel = Math.max(1, ...channels.map((c) => Number(c.SamplesPerPixel ?? "1")));
  if (samplesPerPixel > 1) {
    throw new UnsupportedImageError(
      source,
      `OME-TIFF with ${samplesPerPixel} samples per pixel (RGB pages) is not supported`,
    );
  }
  const sizeC = size("SizeC");
  if (channels.length > 0 && channels.length !== sizeC) {
    throw new ImageFormatError(
      source,
      `OME-XML has ${channels.length} Channel elements but SizeC=${sizeC}`,
    );
  }
  const sizeT = size("SizeT");
  return {
    dimensionOrder,
    sizeX: size("SizeX"),
    sizeY: size("SizeY"),
    sizeZ: size("SizeZ"),
    sizeC,
    sizeT,
    type: p.Type,
    channelNames: channels.map((c) => c.Name),
    samplesPerPixel,
    physicalSize: physicalSize(p),
    timeIncrement: optionalNumber(p.TimeIncrement),
    deltaT: planeTimes(pixelsElement.body, sizeT),
    tiffData: elements(pixelsElement.body, "TiffData").map(tiffData),
    imageCount: images.length,
  };
}

/**
 * Maps every plane to its IFD, indexed `t*C*Z + c*Z + z`. Without TiffData, planes follow
 * DimensionOrder from IFD 0. A TiffData block places `PlaneCount` consecutive planes (in
 * DimensionOrder, from FirstT/C/Z) at consecutive IFDs from `IFD`; PlaneCount defaults to 1
 * when IFD is given, else to all planes (OME schema).
 */
export function planeToIfd(px: OmePixels, source: string): Int32Array {
  const { sizeT: nt, sizeC: nc, sizeZ: nz } = px;
  const total = nt * nc * nz;
  const map = new Int32Array(total).fill(-1);
  const order = px.dimensionOrder.slice(2); // fastest first, e.g. "ZCT"
  const sizes: Record<string, number> = { Z: nz, C: nc, T: nt };
  const fromLinear = (linear: number): Record<string, number> => {
    const index: Record<string, number> = {};
    for (const d of order) {
      index[d] = linear % sizes[d];
      linear = Math.floor(linear / sizes[d]);
    }
    return index;
  };
  const toLinear = (i: Record<string, number>) =>
    i[order[0]] + sizes[order[0]] * (i[order[1]] + sizes[order[1]] * i[order[2]]);
  const blocks: OmeTiffData[] = px.tiffData.length
    ? px.tiffData
    : [{ ifd: 0, firstT: 0, firstC: 0, firstZ: 0, hasIfd: false }];
  for (const block of blocks) {
    const count = block.planeCount ?? (block.hasIfd ? 1 : total);
    const start = toLinear({ T: block.firstT, C: block.firstC, Z: block.firstZ });
    for (let k = 0; k < count; k++) {
      if (start + k >= total) {
        throw new ImageFormatError(
          source,
          `OME-XML TiffData (IFD=${block.ifd}, PlaneCount=${count}) maps planes beyond T=${nt} C=${nc} Z=${nz}`,
        );
      }
      const i = fromLinear(start + k);
      map[i.T * nc * nz + i.C * nz + i.Z] = block.ifd + k;
    }
  }
  const missing = map.indexOf(-1);
  if (missing >= 0) {
    const z = missing % nz;
    const c = Math.floor(missing / nz) % nc;
    const t = Math.floor(missing / (nz * nc));
    throw new ImageFormatError(
      source,
      `OME-XML TiffData does not map plane (t=${t}, c=${c}, z=${z}) to any IFD`,
    );
  }
  return map;
}

interface XmlElement {
  attrs: Record<string, string>;
  body: string;
}

/** Elements named `name` (any namespace prefix), with their attributes and inner text. */
function elements(xml: string, name: string): XmlElement[] {
  const found: XmlElement[] = [];
  const open = new RegExp(`<((?:[\\w.-]+:)?${name})(\\s[^>]*?)?(/?)>`, "g");
  for (let m = open.exec(xml); m; m = open.exec(xml)) {
    const attrs = attributes(m[2] ?? "");
    if (m[3] === "/") {
      found.push({ attrs, body: "" });
      continue;
    }
    const close = `</${m[1]}>`;
    const end = xml.indexOf(close, open.lastIndex);
    const stop = end < 0 ? xml.length : end;
    found.push({ attrs, body: xml.slice(open.lastIndex, stop) });
    open.lastIndex = end < 0 ? xml.length : end + close.length;
  }
  return found;
}

function attributes(text: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const key = m[1].includes(":") ? m[1].slice(m[1].indexOf(":") + 1) : m[1];
    attrs[key] = decodeEntities(m[2] ?? m[3] ?? "");
  }
  return attrs;
}

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === "#") {
      return String.fromCodePoint(
        e[1] === "x" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
      );
    }
    return { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" }[e] ?? e;
  });
}

function optionalNumber(text: string | undefined): number | undefined {
  if (text === undefined || text.trim() === "") return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}

function physicalSize(p: Record<string, string>): OmePixels["physicalSize"] {
  const out: OmePixels["physicalSize"] = {};
  for (const axis of ["X", "Y", "Z"] as const) {
    const value = optionalNumber(p[`PhysicalSize${axis}`]);
    if (value !== undefined) out[axis] = value;
  }
  // The OME schema's default unit for PhysicalSize* is the micrometre.
  if (Object.keys(out).length > 0) out.unit = p.PhysicalSizeXUnit ?? "µm";
  return out;
}

function planeTimes(pixelsBody: string, sizeT: number): number[] | undefined {
  const planes = elements(pixelsBody, "Plane");
  // Fewer Plane elements than time points cannot give every DeltaT: do not allocate SizeT.
  if (planes.length < sizeT) return undefined;
  const times: (number | undefined)[] = new Array(sizeT).fill(undefined);
  for (const { attrs } of planes) {
    const t = Number(attrs.TheT ?? "0");
    if ((attrs.TheC ?? "0") !== "0" || (attrs.TheZ ?? "0") !== "0") continue;
    if (Number.isInteger(t) && t >= 0 && t < sizeT) times[t] = optionalNumber(attrs.DeltaT);
  }
  return times.every((v) => v !== undefined) ? (times as number[]) : undefined;
}

function tiffData(element: XmlElement): OmeTiffData {
  const a = element.attrs;
  const int = (key: string) => Number(a[key] ?? "0");
  const uuid = elements(element.body, "UUID")[0];
  return {
    ifd: int("IFD"),
    firstT: int("FirstT"),
    firstC: int("FirstC"),
    firstZ: int("FirstZ"),
    planeCount: a.PlaneCount === undefined ? undefined : int("PlaneCount"),
    hasIfd: a.IFD !== undefined,
    fileName: uuid?.attrs.FileName,
  };
}
