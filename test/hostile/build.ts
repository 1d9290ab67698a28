/**
 * Byte-level builders for the bad-input corpus: classic little-endian TIFFs with every IFD
 * field under the caller's control (sizes, strip pointers, next-IFD pointers), zarr v2/v3
 * directories with raw chunks, and a seeded PRNG so the corpus is the same on every run.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
// The tests' mulberry32 with a fixed seed: the corpus must not change between runs.
import { rng } from "../helpers/python.js";

export function randomBytes(seed: number, n: number): Uint8Array {
  const next = rng(seed);
  return Uint8Array.from({ length: n }, () => Math.floor(next() * 256));
}

const SHORT = 3;
const LONG = 4;
const ASCII = 2;

export interface PageSpec {
  width: number;
  height: number;
  /** Bits per sample, one per sample (default [8]). */
  bits?: number[];
  /** SampleFormat (1 uint, 2 int, 3 float); default 1. */
  format?: number;
  compression?: number;
  planar?: 1 | 2;
  rowsPerStrip?: number;
  /** The bytes of each strip (default: one zeroed strip of the page's size). */
  strips?: Uint8Array[];
  description?: string;
  /** Tag → values, replacing what the builder would write (e.g. a StripOffsets past the end). */
  tags?: Record<number, number[]>;
}

export interface TiffOptions {
  /** The next-IFD pointer of page i (default: the next page, 0 for the last). */
  next?: (page: number, ifdOffsets: number[]) => number;
  /** The first-IFD pointer in the header (default: page 0's IFD). */
  first?: (ifdOffsets: number[]) => number;
}

/** A classic little-endian TIFF of `pages`. */
export function buildTiff(pages: PageSpec[], options: TiffOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array(8)];
  let pos = 8;
  const push = (bytes: Uint8Array) => {
    const at = pos;
    parts.push(bytes);
    pos += bytes.length;
    if (pos % 2) {
      parts.push(new Uint8Array(1));
      pos++;
    }
    return at;
  };
  const ifds: { at: number; view: DataView; nextAt: number }[] = [];
  for (const page of pages) {
    const bits = page.bits ?? [8];
    const samples = bits.length;
    const bytes = (page.width * page.height * samples * bits[0]) / 8;
    const strips = page.strips ?? [new Uint8Array(Math.max(0, Math.min(bytes, 1 << 20)))];
    const offsets = strips.map(push);
    const entries: [number, number, number[] | string][] = [
      [256, LONG, [page.width]],
      [257, LONG, [page.height]],
      [258, SHORT, bits],
      [259, SHORT, [page.compression ?? 1]],
      [262, SHORT, [samples === 3 && page.planar !== 2 ? 2 : 1]],
      [273, LONG, offsets],
      [277, SHORT, [samples]],
      [278, LONG, [page.rowsPerStrip ?? page.height]],
      [279, LONG, strips.map((s) => s.length)],
      [284, SHORT, [page.planar ?? 1]],
      [339, SHORT, bits.map(() => page.format ?? 1)],
    ];
    if (page.description !== undefined) entries.push([270, ASCII, `${page.description}\0`]);
    for (const [tag, values] of Object.entries(page.tags ?? {})) {
      const found = entries.find((e) => e[0] === Number(tag));
      if (found) found[2] = values;
      else entries.push([Number(tag), LONG, values]);
    }
    entries.sort((a, b) => a[0] - b[0]);
    const encoded = entries.map(([tag, type, values]) => {
      const size = type === SHORT ? 2 : type === LONG ? 4 : 1;
      const count = values.length;
      const data = new Uint8Array(count * size);
      const view = new DataView(data.buffer);
      for (let i = 0; i < count; i++) {
        const v = values[i];
        if (typeof v === "string") data[i] = v.charCodeAt(0);
        else if (type === SHORT) view.setUint16(i * 2, v & 0xffff, true);
        else view.setUint32(i * 4, Number(BigInt.asUintN(32, BigInt(v))), true);
      }
      return { tag, type, count, data, at: data.length > 4 ? push(data) : -1 };
    });
    const ifd = new Uint8Array(2 + 12 * encoded.length + 4);
    const view = new DataView(ifd.buffer);
    view.setUint16(0, encoded.length, true);
    encoded.forEach((e, i) => {
      const o = 2 + 12 * i;
      view.setUint16(o, e.tag, true);
      view.setUint16(o + 2, e.type, true);
      view.setUint32(o + 4, e.count, true);
      if (e.at >= 0) view.setUint32(o + 8, e.at, true);
      else ifd.set(e.data, o + 8);
    });
    const at = push(ifd);
    ifds.push({ at, view, nextAt: ifd.length - 4 });
  }
  const offsets = ifds.map((i) => i.at);
  ifds.forEach((ifd, i) => {
    const next = options.next ? options.next(i, offsets) : (offsets[i + 1] ?? 0);
    ifd.view.setUint32(ifd.nextAt, next >>> 0, true);
  });
  const out = new Uint8Array(pos);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  const head = new DataView(out.buffer);
  out[0] = 0x49;
  out[1] = 0x49;
  head.setUint16(2, 42, true);
  head.setUint32(4, (options.first ? options.first(offsets) : offsets[0]) >>> 0, true);
  return out;
}

/** Writes `files` (relative path → bytes or JSON) under `root`. */
export function writeTree(root: string, files: Record<string, Uint8Array | object>): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(
      full,
      content instanceof Uint8Array ? content : JSON.stringify(content as object, null, 1),
    );
  }
}

export interface ZarrSpec {
  shape: number[];
  chunks: number[];
  dtype?: string;
  fill?: number | null;
  separator?: string;
  dims?: string[];
  /** Chunk key (after "c" and the separator) → bytes. */
  chunkFiles?: Record<string, Uint8Array>;
  codecs?: object[];
}

/** A zarr v3 array directory (bytes codec unless `codecs` says otherwise). */
export function zarrV3(spec: ZarrSpec): Record<string, Uint8Array | object> {
  const sep = spec.separator ?? "/";
  const files: Record<string, Uint8Array | object> = {
    "zarr.json": {
      zarr_format: 3,
      node_type: "array",
      shape: spec.shape,
      data_type: spec.dtype ?? "uint8",
      chunk_grid: { name: "regular", configuration: { chunk_shape: spec.chunks } },
      chunk_key_encoding: { name: "default", configuration: { separator: sep } },
      fill_value: spec.fill ?? 0,
      codecs: spec.codecs ?? [{ name: "bytes", configuration: { endian: "little" } }],
      dimension_names: spec.dims ?? ["T", "Y", "X"].slice(3 - spec.shape.length),
      attributes: {},
    },
  };
  for (const [key, bytes] of Object.entries(spec.chunkFiles ?? {})) files[key] = bytes;
  return files;
}

/** A zarr v2 array directory (.zarray + .zattrs with _ARRAY_DIMENSIONS). */
export function zarrV2(
  spec: ZarrSpec & { compressor?: object | null },
): Record<string, Uint8Array | object> {
  const files: Record<string, Uint8Array | object> = {
    ".zarray": {
      zarr_format: 2,
      shape: spec.shape,
      chunks: spec.chunks,
      dtype: spec.dtype ?? "|u1",
      compressor: spec.compressor ?? null,
      fill_value: spec.fill === undefined ? 0 : spec.fill,
      order: "C",
      filters: null,
      dimension_separator: spec.separator ?? ".",
    },
    ".zattrs": { _ARRAY_DIMENSIONS: spec.dims ?? ["T", "Y", "X"].slice(3 - spec.shape.length) },
  };
  for (const [key, bytes] of Object.entries(spec.chunkFiles ?? {})) files[key] = bytes;
  return files;
}
