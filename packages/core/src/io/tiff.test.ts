import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { deflateSync } from "node:zlib";
import { writeArrayBuffer } from "geotiff";
import { afterAll, describe, expect, it } from "vitest";
import { loadNpy, planeOf, referenceCases, refPath } from "../../../../test/helpers/reference.js";
import type { Block } from "../array/block.js";
import type { DType } from "../array/dtype.js";
import { ImageFormatError, ImageNotFoundError, UnsupportedImageError } from "./errors.js";
import type { PlaneSource } from "./source.js";
import { openTiff } from "./tiff.js";
import { encodeTiff, imagejDescription } from "./tiff-writer.js";

const dir = mkdtempSync(join(tmpdir(), "nima-tiff-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectPlaneEquals(plane: Block, expected: Block) {
  expect(plane.shape).toEqual(expected.shape);
  // Exact equality, value by value (float64 reference vs native dtype).
  let mismatches = 0;
  for (let i = 0; i < expected.data.length; i++)
    if (plane.data[i] !== expected.data[i]) mismatches++;
  expect(mismatches).toBe(0);
}

/** Planes whose every pixel encodes its (t, c, z) and position, to check plane placement. */
function codedPlanes(ny: number, nx: number, dtype: DType = "uint16") {
  const value = (t: number, c: number, z: number, i: number) =>
    t * 1000 + c * 100 + z * 10 + (i % 7);
  const make = (t: number, c: number, z: number): Block => {
    const data = dtype === "float32" ? new Float32Array(ny * nx) : new Uint16Array(ny * nx);
    for (let i = 0; i < data.length; i++) data[i] = value(t, c, z, i);
    return { data, shape: [ny, nx], dtype };
  };
  return { make, value };
}

async function expectCoded(
  src: PlaneSource,
  value: (t: number, c: number, z: number, i: number) => number,
) {
  const [nt, nc, nz] = src.info.shape;
  for (let t = 0; t < nt; t++)
    for (let c = 0; c < nc; c++)
      for (let z = 0; z < nz; z++) {
        const plane = await src.readPlane(t, c, z);
        const last = plane.data.length - 1;
        expect([t, c, z, plane.data[0], plane.data[last]]).toEqual([
          t,
          c,
          z,
          value(t, c, z, 0),
          value(t, c, z, last),
        ]);
      }
}

describe("openTiff on the reference ImageJ hyperstacks (tifffile, uncompressed)", () => {
  for (const name of referenceCases()) {
    it(`${name}/input.tif equals input.npy.gz plane by plane`, async () => {
      const expected = loadNpy(name, "input.npy.gz");
      const [nt, nc, ny, nx] = expected.shape;
      const src = await openTiff(refPath(name, "input.tif"));
      expect(src.info.dims).toEqual(["T", "C", "Z", "Y", "X"]);
      expect(src.info.shape).toEqual([nt, nc, 1, ny, nx]);
      expect(src.info.dtype).toBe("uint16");
      expect(src.info.attrs.format).toBe("imagej");
      expect(src.info.coords).toEqual({});
      for (let t = 0; t < nt; t++) {
        for (let c = 0; c < nc; c++) {
          const plane = await src.readPlane(t, c, 0);
          expect(plane.dtype).toBe("uint16");
          expect(plane.data).toBeInstanceOf(Uint16Array);
          expectPlaneEquals(plane, planeOf(expected, t, c));
        }
      }
      await src.close?.();
    });
  }

  const shading = "e_shading_384x320";
  it.each([
    ["dark", "uint16"],
    ["flat", "float32"],
  ])(`${shading}/%s.tif (CYX, %s) equals its npy`, async (file, dtype) => {
    const expected = loadNpy(shading, `${file}.npy.gz`);
    const [nc, ny, nx] = expected.shape;
    const src = await openTiff(refPath(shading, `${file}.tif`));
    expect(src.info.shape).toEqual([1, nc, 1, ny, nx]);
    expect(src.info.dtype).toBe(dtype);
    for (let c = 0; c < nc; c++)
      expectPlaneEquals(await src.readPlane(0, c, 0), planeOf(expected, c));
    await src.close?.();
  });

  it("reads the same pixels from bytes and from a file: URL", async () => {
    const path = refPath("b_touching_300x420", "input.tif");
    const fromPath = await openTiff(path);
    const fromBytes = await openTiff(new Uint8Array(readFileSync(path)));
    const fromUrl = await openTiff(pathToFileURL(path));
    expect(fromBytes.info.shape).toEqual(fromPath.info.shape);
    const a = await fromPath.readPlane(2, 1, 0);
    expectPlaneEquals(await fromBytes.readPlane(2, 1, 0), a);
    expectPlaneEquals(await fromUrl.readPlane(2, 1, 0), a);
    expect(fromUrl.info.attrs.source).toBe(path);
    await Promise.all([fromPath.close?.(), fromBytes.close?.(), fromUrl.close?.()]);
  });
});

describe("ImageJ hyperstacks written here", () => {
  it("orders pages C, then Z, then T and reads finterval, unit and spacing", async () => {
    const { make, value } = codedPlanes(4, 5);
    const planes: Block[] = [];
    for (let t = 0; t < 2; t++)
      for (let z = 0; z < 2; z++) for (let c = 0; c < 3; c++) planes.push(make(t, c, z));
    const bytes = encodeTiff(planes, {
      description: imagejDescription({
        channels: 3,
        slices: 2,
        frames: 2,
        unit: "\\u00B5m",
        spacing: 0.5,
        finterval: 2,
      }),
      resolution: { x: 0.25, y: 0.25 },
    });
    const src = await openTiff(bytes);
    expect(src.info.shape).toEqual([2, 3, 2, 4, 5]);
    expect(src.info.coords.T).toEqual([0, 2]);
    expect(src.info.attrs.physicalSize).toEqual({ X: 0.25, Y: 0.25, Z: 0.5, unit: "µm" });
    await expectCoded(src, value);
  });

  it("reads big-endian files (contiguous path swaps bytes)", async () => {
    const { make, value } = codedPlanes(3, 4, "float32");
    const bytes = encodeTiff([make(0, 0, 0), make(1, 0, 0), make(2, 0, 0)], {
      description: imagejDescription({ frames: 3 }),
      byteOrder: "big",
    });
    const src = await openTiff(bytes);
    expect(src.info.dtype).toBe("float32");
    await expectCoded(src, value);
  });

  it("reads planes that follow a single IFD (ImageJ files over 4 GiB)", async () => {
    const { make, value } = codedPlanes(2, 3);
    const bytes = encodeTiff(
      [0, 1, 2, 3].map((t) => make(t, 0, 0)),
      {
        description: imagejDescription({ frames: 4 }),
      },
    );
    cutIfdChainAfterFirst(bytes);
    const src = await openTiff(bytes);
    expect(src.info.shape).toEqual([4, 1, 1, 2, 3]);
    await expectCoded(src, value);
  });

  it("rejects metadata that disagrees with the pages", async () => {
    const { make } = codedPlanes(2, 3);
    const twoPlanes = encodeTiff([make(0, 0, 0), make(0, 0, 0)], {
      description: imagejDescription({ frames: 4 }),
    });
    const path = join(dir, "short.tif");
    writeFileSync(path, twoPlanes);
    await expect(openTiff(path)).rejects.toThrow(ImageFormatError);
    await expect(openTiff(path)).rejects.toThrow(/short\.tif: ImageJ metadata says images=4/);
    const badProduct = encodeTiff([make(0, 0, 0), make(0, 0, 0)], {
      description: "ImageJ=1.11a\nimages=2\nchannels=3\nframes=2\n",
    });
    await expect(openTiff(badProduct)).rejects.toThrow(/inconsistent: images=2 but channels=3/);
  });
});

describe("OME-TIFF", () => {
  const omeXml = (pixels: string, body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><OME xmlns="http://www.openmicroscopy.org/Schemas/OME/2016-06"><Image ID="Image:0" Name="x"><Pixels ID="Pixels:0" ${pixels}>${body}</Pixels></Image></OME>`;
  const channels = `<Channel ID="Channel:0:0" Name="G &amp; more" SamplesPerPixel="1"/><Channel ID="Channel:0:1" Name="R" SamplesPerPixel="1"><LightPath/></Channel><Channel ID="Channel:0:2" Name="C" SamplesPerPixel="1"/>`;

  it("follows DimensionOrder and reads channel names, physical sizes and plane times", async () => {
    const { make, value } = codedPlanes(3, 4);
    // XYCZT: C fastest, then Z, then T.
    const planes: Block[] = [];
    for (let t = 0; t < 2; t++)
      for (let z = 0; z < 2; z++) for (let c = 0; c < 3; c++) planes.push(make(t, c, z));
    const planeTimes = `<Plane TheT="0" TheC="0" TheZ="0" DeltaT="0.5"/><Plane TheT="1" TheC="0" TheZ="0" DeltaT="10.5"/>`;
    const xml = omeXml(
      `DimensionOrder="XYCZT" Type="uint16" SizeX="4" SizeY="3" SizeC="3" SizeZ="2" SizeT="2" PhysicalSizeX="0.2" PhysicalSizeY="0.2" PhysicalSizeZ="1.5"`,
      `${channels}<TiffData/>${planeTimes}`,
    );
    const path = join(dir, "dims.ome.tif");
    writeFileSync(path, encodeTiff(planes, { description: xml }));
    const src = await openTiff(path);
    expect(src.info.shape).toEqual([2, 3, 2, 3, 4]);
    expect(src.info.coords).toEqual({ C: ["G & more", "R", "C"], T: [0.5, 10.5] });
    expect(src.info.attrs).toMatchObject({
      format: "ome-tiff",
      dimensionOrder: "XYCZT",
      physicalSize: { X: 0.2, Y: 0.2, Z: 1.5, unit: "µm" },
    });
    await expectCoded(src, value);
    await src.close?.();
  });

  it("maps planes to IFDs with TiffData blocks", async () => {
    const { make, value } = codedPlanes(2, 2);
    // Pages stored T-major in reverse: IFD k holds the plane listed here.
    const stored = [make(1, 1, 0), make(1, 0, 0), make(0, 1, 0), make(0, 0, 0)];
    const tiffData = [
      `<TiffData IFD="3" FirstT="0" FirstC="0" PlaneCount="1"/>`,
      `<TiffData IFD="2" FirstT="0" FirstC="1"/>`,
      `<TiffData IFD="1" FirstT="1" FirstC="0" PlaneCount="1"><UUID FileName="map.ome.tif">urn:uuid:1</UUID></TiffData>`,
      `<TiffData IFD="0" FirstT="1" FirstC="1" PlaneCount="1"/>`,
    ].join("");
    const xml = omeXml(
      `DimensionOrder="XYZCT" Type="uint16" SizeX="2" SizeY="2" SizeC="2" SizeZ="1" SizeT="2"`,
      `<Channel ID="Channel:0:0" SamplesPerPixel="1"/><Channel ID="Channel:0:1" SamplesPerPixel="1"/>${tiffData}`,
    );
    const path = join(dir, "map.ome.tif");
    writeFileSync(path, encodeTiff(stored, { description: xml }));
    const src = await openTiff(path);
    expect(src.info.coords.C).toBeUndefined();
    await expectCoded(src, value);
  });

  it("rejects inconsistent channel metadata, missing IFDs and multi-file sets", async () => {
    const { make } = codedPlanes(2, 2);
    const twoChannels = `<Channel ID="Channel:0:0"/><Channel ID="Channel:0:1"/>`;
    const base = `DimensionOrder="XYZCT" Type="uint16" SizeX="2" SizeY="2" SizeZ="1" SizeT="1"`;
    const write = (xml: string, n = 2) =>
      encodeTiff(
        Array.from({ length: n }, (_, c) => make(0, c, 0)),
        { description: xml },
      );
    await expect(openTiff(write(omeXml(`${base} SizeC="3"`, twoChannels)))).rejects.toThrow(
      /2 Channel elements but SizeC=3/,
    );
    await expect(openTiff(write(omeXml(`${base} SizeC="3"`, ""), 2))).rejects.toThrow(
      /places planes up to IFD 2, but the file has 2 pages/,
    );
    await expect(
      openTiff(
        write(omeXml(`${base} SizeC="2"`, `${twoChannels}<TiffData IFD="0" PlaneCount="1"/>`)),
      ),
    ).rejects.toThrow(/does not map plane \(t=0, c=1, z=0\)/);
    const twoFiles = `<TiffData IFD="0" FirstC="0" PlaneCount="1"><UUID FileName="a.ome.tif">u</UUID></TiffData><TiffData IFD="0" FirstC="1" PlaneCount="1"><UUID FileName="b.ome.tif">v</UUID></TiffData>`;
    await expect(
      openTiff(write(omeXml(`${base} SizeC="2"`, `${twoChannels}${twoFiles}`))),
    ).rejects.toThrow(UnsupportedImageError);
  });
});

describe("plain multi-page TIFF", () => {
  it("reads pages as Z by default, or as T", async () => {
    const { make, value } = codedPlanes(2, 2);
    const bytes = encodeTiff([0, 1, 2].map((z) => make(0, 0, z)));
    const asZ = await openTiff(bytes);
    expect(asZ.info.shape).toEqual([1, 1, 3, 2, 2]);
    expect(asZ.info.attrs).toMatchObject({ format: "tiff", pageAxis: "Z" });
    await expectCoded(asZ, value);
    const asT = await openTiff(bytes, { pageAxis: "T" });
    expect(asT.info.shape).toEqual([3, 1, 1, 2, 2]);
    expect(Array.from((await asT.readPlane(2, 0, 0)).data)).toEqual(Array.from(make(0, 0, 2).data));
  });

  it("decodes compressed pages with geotiff (deflate), plain and ImageJ", async () => {
    const { make, value } = codedPlanes(3, 5, "float32");
    const planes = [0, 1, 2, 3].map((z) => make(0, 0, z));
    const plain = await openTiff(deflatePages(encodeTiff(planes)));
    expect(plain.info.shape).toEqual([1, 1, 4, 3, 5]);
    await expectCoded(plain, value);
    const hyper = planes.map((_, i) => make(Math.floor(i / 2), i % 2, 0));
    const imagej = deflatePages(
      encodeTiff(hyper, { description: imagejDescription({ channels: 2, frames: 2 }) }),
    );
    const src = await openTiff(imagej);
    expect(src.info.shape).toEqual([2, 2, 1, 3, 5]);
    await expectCoded(src, value);
  });

  it("opens 20 000 pages without walking the IFD chain recursively", async () => {
    const n = 20_000;
    const data = new Uint8Array(n * 4);
    for (let i = 0; i < n; i++) data.fill(i % 251, i * 4, i * 4 + 4);
    const src = await openTiff(encodeTiff({ data, shape: [n, 2, 2], dtype: "uint8" }));
    expect(src.info.shape).toEqual([1, 1, n, 2, 2]);
    expect((await src.readPlane(0, 0, n - 1)).data[3]).toBe((n - 1) % 251);
  });

  it("reads RGB pages with the samples as channels; refuses non-TIFF bytes and missing files", async () => {
    const pixels = Uint8Array.from({ length: 2 * 2 * 3 }, (_, i) => i);
    const rgb = writeArrayBuffer(pixels, { width: 2, height: 2, SamplesPerPixel: 3 });
    const src = await openTiff(new Uint8Array(rgb));
    expect(src.info.shape).toEqual([1, 3, 1, 2, 2]);
    for (let c = 0; c < 3; c++) {
      const plane = Array.from((await src.readPlane(0, c, 0)).data);
      expect(plane).toEqual([0, 1, 2, 3].map((p) => pixels[p * 3 + c]));
    }
    const junk = join(dir, "junk.tif");
    writeFileSync(junk, "this is not a TIFF file at all");
    await expect(openTiff(junk)).rejects.toThrow(ImageFormatError);
    await expect(openTiff(junk)).rejects.toThrow(/junk\.tif: not a TIFF file/);
    const missing = join(dir, "missing.tif");
    await expect(openTiff(missing)).rejects.toThrow(ImageNotFoundError);
    await expect(openTiff(missing)).rejects.toThrow(`${missing}: no such file`);
  });

  it("checks plane indices", async () => {
    const src = await openTiff(refPath("e_shading_384x320", "dark.tif"));
    await expect(src.readPlane(0, 3, 0)).rejects.toThrow(RangeError);
    await expect(src.readPlane(0, 3, 0)).rejects.toThrow(
      /plane \(t=0, c=3, z=0\) is outside T=1, C=3, Z=1/,
    );
    await src.close?.();
  });
});

/** Sets IFD 0's next-IFD offset to 0, leaving one IFD and all planes after it. */
function cutIfdChainAfterFirst(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ifd0 = view.getUint32(4, true);
  const entries = view.getUint16(ifd0, true);
  view.setUint32(ifd0 + 2 + entries * 12, 0, true);
}

/** Re-encodes every (single-strip) page with deflate, appending the compressed strips. */
function deflatePages(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [bytes];
  let end = bytes.byteLength;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let ifd = view.getUint32(4, true); ifd !== 0; ) {
    const n = view.getUint16(ifd, true);
    const slot = (tag: number) => {
      for (let i = 0; i < n; i++)
        if (view.getUint16(ifd + 2 + i * 12, true) === tag) return ifd + 2 + i * 12 + 8;
      throw new Error(`tag ${tag} missing`);
    };
    const offset = view.getUint32(slot(273), true);
    const count = view.getUint32(slot(279), true);
    const packed = deflateSync(bytes.subarray(offset, offset + count));
    view.setUint16(slot(259), 8, true); // Compression = Adobe deflate
    view.setUint32(slot(273), end, true);
    view.setUint32(slot(279), packed.byteLength, true);
    chunks.push(packed);
    end += packed.byteLength;
    ifd = view.getUint32(ifd + 2 + n * 12, true);
  }
  const out = new Uint8Array(end);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
