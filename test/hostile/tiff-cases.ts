/**
 * Bad TIFF, ImageJ and OME-TIFF inputs (and a few good ones next to them), each with what
 * readImage + compute must do: the error class and a message naming the file and the field,
 * or the exact values.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { buildTiff, type PageSpec, randomBytes } from "./build.js";
import type { Case } from "./cases.js";

/** A case whose input is one file of `bytes`. */
function file(name: string, bytes: Uint8Array, expect: Case["expect"], options = {}): Case {
  return {
    name,
    build: (dir) => {
      const path = join(dir, `${name.replace(/[^\w.-]+/g, "_")}.tif`);
      writeFileSync(path, bytes);
      return path;
    },
    options,
    expect,
  };
}

const err = (error: string, message: RegExp) => ({ error, message });

/** Three 4×6 uint8 pages, values = page * 100 + pixel. */
function pages3(): PageSpec[] {
  return [0, 1, 2].map((p) => ({
    width: 6,
    height: 4,
    strips: [Uint8Array.from({ length: 24 }, (_, i) => p * 100 + i)],
  }));
}

const valid3 = buildTiff(pages3());

/** The byte offset where page `p`'s strip starts in `valid3`. */
const stripAt = (p: number) => {
  const view = new DataView(valid3.buffer);
  let ifd = view.getUint32(4, true);
  for (let i = 0; i < p; i++) ifd = view.getUint32(ifd + 2 + 12 * view.getUint16(ifd, true), true);
  const n = view.getUint16(ifd, true);
  for (let e = 0; e < n; e++) {
    if (view.getUint16(ifd + 2 + 12 * e, true) === 273)
      return view.getUint32(ifd + 10 + 12 * e, true);
  }
  throw new Error("no StripOffsets");
};

function page(width: number, height: number, extra: Partial<PageSpec> = {}): PageSpec {
  return { width, height, strips: [new Uint8Array(16)], ...extra };
}

function omeXml(sizes: Record<string, string | number>, extra = ""): string {
  const attrs = Object.entries({ DimensionOrder: "XYZCT", Type: "uint8", ...sizes })
    .map(([k, v]) => `${k}="${v}"`)
    .join(" ");
  return `<?xml version="1.0"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"><Image ID="Image:0"><Pixels ID="Pixels:0" ${attrs}>${extra}</Pixels></Image></OME>`;
}

export function tiffCases(): Case[] {
  const cases: Case[] = [
    file("empty file", new Uint8Array(0), err("ImageFormatError", /not a TIFF|beyond the end/)),
    file(
      "header only",
      Uint8Array.of(0x49, 0x49, 42, 0),
      err("ImageFormatError", /truncated or damaged TIFF header/),
    ),
    file("random bytes", randomBytes(1, 4096), err("ImageFormatError", /not a TIFF file/)),
    file(
      "first IFD beyond the end",
      buildTiff(pages3(), { first: () => 1 << 30 }),
      err("ImageFormatError", /offset 1073741824 points beyond the end of the file/),
    ),
    file(
      "first IFD at offset 0",
      buildTiff(pages3(), { first: () => 0 }),
      err("ImageFormatError", /IFD|TIFF/),
    ),
    file(
      "self-pointing IFD",
      buildTiff(pages3(), { next: (i, o) => o[i] }),
      err("ImageFormatError", /IFD 0 points back to an earlier IFD .*cycle/),
    ),
    file(
      "IFD cycle of three",
      buildTiff(pages3(), { next: (i, o) => o[(i + 1) % 3] }),
      err("ImageFormatError", /IFD 2 points back to an earlier IFD .*cycle/),
    ),
    file(
      "next IFD beyond the end",
      buildTiff(pages3(), { next: (i, o) => (i === 1 ? 1 << 28 : (o[i + 1] ?? 0)) }),
      err("ImageFormatError", /cannot read IFD 2 at offset 268435456 .*beyond the end/),
    ),
    file(
      "strip beyond the end",
      buildTiff([page(6, 4, { strips: [new Uint8Array(24)], tags: { 273: [1 << 24] } })]),
      err("ImageFormatError", /page 0 .*beyond the end|offset 16777216 points beyond the end/),
    ),
    file(
      "strip runs over the end",
      (() => {
        // The strip starts 8 bytes before the end of the file: 16 of its 24 bytes are missing.
        const size = buildTiff([page(6, 4, { strips: [new Uint8Array(24)] })]).length;
        return buildTiff([page(6, 4, { strips: [new Uint8Array(24)], tags: { 273: [size - 8] } })]);
      })(),
      err("ImageFormatError", /page 0 ends beyond the file|page 0: .*decodes to/),
    ),
  ];
  // Truncations of a valid 3-page file at several offsets.
  for (const [what, at] of [
    ["in the header", 6],
    ["in page 0's strip", stripAt(0) + 10],
    ["in page 1's strip", stripAt(1) + 5],
    ["in page 2's strip", stripAt(2) + 23],
    ["in the last IFD", valid3.length - 20],
    ["by one byte", valid3.length - 1],
  ] as const) {
    cases.push(
      file(
        `3 pages truncated ${what}`,
        valid3.slice(0, at),
        err(
          "ImageFormatError",
          /beyond the end|ends beyond the file|cannot read (the first )?IFD|truncated or damaged TIFF header/,
        ),
      ),
    );
  }
  cases.push(
    file("3 valid pages", valid3, {
      shape: [1, 1, 3, 4, 6],
      values: Array.from({ length: 72 }, (_, i) => Math.floor(i / 24) * 100 + (i % 24)),
    }),
  );
  // Every size field at 0, −1, 2³¹ and beyond the limit.
  for (const [field, w, h] of [
    ["width 0", 0, 4],
    ["height 0", 4, 0],
  ] as const) {
    cases.push(
      file(
        field,
        buildTiff([page(w, h)]),
        err("ImageFormatError", /(ImageWidth|ImageLength)=0 is not a positive integer/),
      ),
    );
  }
  for (const [field, w, h] of [
    ["width -1", -1, 4],
    ["height -1", 4, -1],
    ["width 2^31", 2 ** 31, 2],
    ["2^31 x 2 pixels", 2, 2 ** 31],
    ["65535 x 65535 uint16", 65535, 65535],
  ] as const) {
    const bits = field.includes("uint16") ? [16] : [8];
    cases.push(
      file(
        field,
        buildTiff([page(w, h, { bits })]),
        err("ImageLimitError", /page needs .* more than the .* limit/),
      ),
    );
  }
  cases.push(
    file(
      "bits per sample 0",
      buildTiff([page(4, 4, { bits: [0] })]),
      err("UnsupportedImageError", /0-bit unsigned integer samples/),
    ),
    file(
      "bits per sample 12",
      buildTiff([page(4, 4, { bits: [12] })]),
      err("UnsupportedImageError", /12-bit unsigned integer samples/),
    ),
    file(
      "sample format 4",
      buildTiff([page(4, 4, { format: 4 })]),
      err("UnsupportedImageError", /SampleFormat 4/),
    ),
    file(
      "samples of mixed types",
      buildTiff([page(4, 4, { bits: [8, 16, 8] })]),
      err("UnsupportedImageError", /samples of different types/),
    ),
    file(
      "pages of different sizes",
      buildTiff([page(4, 4), page(5, 4)]),
      err("ImageFormatError", /page 1 is 4×5 uint8, page 0 is 4×4 uint8/),
    ),
  );
  // Every compression with garbage, and a truncated deflate stream.
  for (const [codec, code] of [
    ["LZW", 5],
    ["JPEG", 7],
    ["deflate", 8],
    ["PackBits", 32773],
    ["zstd", 50000],
    ["unknown compression", 12345],
  ] as const) {
    cases.push(
      file(
        `${codec} garbage`,
        buildTiff([page(16, 16, { compression: code, strips: [randomBytes(code, 200)] })]),
        err("ImageFormatError", /page 0/),
      ),
    );
  }
  const plane = Uint8Array.from({ length: 256 }, (_, i) => i);
  const deflated = new Uint8Array(deflateSync(plane));
  cases.push(
    file("deflate page", buildTiff([page(16, 16, { compression: 8, strips: [deflated] })]), {
      shape: [1, 1, 1, 16, 16],
      values: Array.from(plane),
    }),
    file(
      "deflate page truncated",
      buildTiff([
        page(16, 16, { compression: 8, strips: [deflated.slice(0, deflated.length >> 1)] }),
      ]),
      err("ImageFormatError", /page 0/),
    ),
  );
  // RGB and planar multi-sample pages: samples become channels.
  const rgb = Uint8Array.from({ length: 4 * 2 * 3 }, (_, i) => i * 7);
  cases.push(
    file("RGB page", buildTiff([page(4, 2, { bits: [8, 8, 8], strips: [rgb] })]), {
      shape: [1, 3, 1, 2, 4],
      values: [0, 1, 2].flatMap((c) => Array.from({ length: 8 }, (_, p) => rgb[p * 3 + c])),
    }),
    file(
      "planar page",
      buildTiff([
        page(4, 2, {
          bits: [8, 8],
          planar: 2,
          strips: [
            Uint8Array.from({ length: 8 }, (_, i) => i),
            Uint8Array.from({ length: 8 }, (_, i) => 50 + i),
          ],
        }),
      ]),
      {
        shape: [1, 2, 1, 2, 4],
        values: [
          ...Array.from({ length: 8 }, (_, i) => i),
          ...Array.from({ length: 8 }, (_, i) => 50 + i),
        ],
      },
    ),
  );
  const rgbTiff = buildTiff([page(4, 2, { bits: [8, 8, 8], strips: [rgb] })]);
  cases.push(
    file("duplicate channel names", rgbTiff, err("CoordinateError", /name "G" twice/), {
      channels: ["G", "G", "C"],
    }),
    file("empty channel name", rgbTiff, err("CoordinateError", /channel name 2 of .* is empty/), {
      channels: ["G", " ", "C"],
    }),
    file(
      "too few channel names",
      rgbTiff,
      err("ShapeError", /2 channel names \(G, R\) given, but the image has 3 channels/),
      { channels: ["G", "R"] },
    ),
    file(
      "whole image over maxBytes",
      valid3,
      err("ImageLimitError", /one 4×6 uint8 page needs 24 bytes, more than the 10 bytes limit/),
      { maxBytes: 10 },
    ),
    file("page cap", valid3, err("ImageLimitError", /more than 2 pages/), { maxPages: 2 }),
  );
  // ImageJ counts.
  const ij = (text: string) => buildTiff([page(4, 4, { description: text })]);
  cases.push(
    file(
      "ImageJ images=2^31",
      ij("ImageJ=1.11a\nimages=2147483648\nslices=2147483648"),
      err("ImageFormatError", /images=2147483648 .* but the file has \d+ bytes/),
    ),
    file(
      "ImageJ images=0",
      ij("ImageJ=1.11a\nimages=0"),
      err("ImageFormatError", /images=0 is not a positive integer/),
    ),
    file(
      "ImageJ channels=-1",
      ij("ImageJ=1.11a\nimages=3\nchannels=-1"),
      err("ImageFormatError", /channels=-1 is not a positive integer/),
    ),
    file(
      "ImageJ inconsistent",
      ij("ImageJ=1.11a\nimages=3\nchannels=2"),
      err("ImageFormatError", /inconsistent/),
    ),
    file(
      "ImageJ frames=715827882",
      ij("ImageJ=1.11a\nimages=715827882\nframes=715827882"),
      err("ImageFormatError", /images=715827882 .* but the file has \d+ bytes/),
    ),
  );
  // OME-XML counts.
  const ome = (sizes: Record<string, string | number>, extra = "") =>
    buildTiff([
      page(4, 4, {
        description: omeXml({ SizeX: 4, SizeY: 4, SizeZ: 1, SizeC: 1, SizeT: 1, ...sizes }, extra),
      }),
    ]);
  cases.push(
    file(
      "OME SizeT=715827882",
      ome({ SizeT: 715827882 }),
      err("ImageLimitError", /SizeT×SizeC×SizeZ=715827882 is out of range/),
    ),
    file(
      "OME SizeC=2^31",
      ome({ SizeC: 2 ** 31 }),
      err("ImageLimitError", /SizeT×SizeC×SizeZ=2147483648/),
    ),
    file(
      "OME SizeZ=2^63",
      ome({ SizeZ: "9223372036854775808" }),
      err("ImageLimitError", /SizeT×SizeC×SizeZ=9223372036854776000 is out of range/),
    ),
    file(
      "OME SizeT=0",
      ome({ SizeT: 0 }),
      err("ImageFormatError", /SizeT="0" is not a positive integer/),
    ),
    file(
      "OME SizeT=-1",
      ome({ SizeT: -1 }),
      err("ImageFormatError", /SizeT="-1" is not a positive integer/),
    ),
    file(
      "OME SizeX mismatch",
      ome({ SizeX: 5 }),
      err("ImageFormatError", /SizeX=5 SizeY=4 but the first page is 4×4/),
    ),
    file(
      "OME TiffData beyond pages",
      ome({ SizeT: 3 }),
      err("ImageFormatError", /places planes up to IFD 2, but the file has 1 pages/),
    ),
    file(
      "OME without Image",
      buildTiff([page(4, 4, { description: '<OME xmlns="x"></OME>' })]),
      err("ImageFormatError", /OME-XML has no Image element/),
    ),
  );
  return cases;
}
