/**
 * Multi-sample TIFF pages written by tifffile (Debian's python3-tifffile): a contiguous RGB
 * image and a planar (PlanarConfiguration=2) stack read with the samples as channels (C), as
 * bioio reads them, values equal to what tifffile wrote.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PYTHON } from "../../../../test/helpers/python.js";
import { openTiff } from "./tiff.js";

const dir = mkdtempSync(join(tmpdir(), "nima-samples-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WRITE = `
import sys, numpy as np, tifffile
d = sys.argv[1]
rng = np.random.default_rng(15)
rgb = rng.integers(0, 256, (5, 7, 3), dtype=np.uint8)
tifffile.imwrite(f"{d}/rgb.tif", rgb, photometric="rgb")
tifffile.imwrite(f"{d}/rgb-zlib.tif", rgb, photometric="rgb", compression="zlib", rowsperstrip=2)
rgb.tofile(f"{d}/rgb.bin")
planar = rng.integers(0, 65536, (2, 3, 4, 6), dtype=np.uint16)
tifffile.imwrite(f"{d}/planar.tif", planar, photometric="minisblack", planarconfig="separate")
planar.astype("<u2").tofile(f"{d}/planar.bin")
`;

const hasTifffile =
  spawnSync(PYTHON, ["-c", "import tifffile, numpy"], { encoding: "utf8" }).status === 0;

describe.skipIf(!hasTifffile)("multi-sample TIFF pages (tifffile)", () => {
  const written = hasTifffile ? spawnSync(PYTHON, ["-c", WRITE, dir], { encoding: "utf8" }) : null;

  it.each(["rgb.tif", "rgb-zlib.tif"])("reads %s (contiguous RGB) as C=3", async (file) => {
    expect(written?.stderr).toBe("");
    const expected = new Uint8Array(readFileSync(join(dir, "rgb.bin")));
    const src = await openTiff(join(dir, file));
    expect(src.info.shape).toEqual([1, 3, 1, 5, 7]);
    expect(src.info.dtype).toBe("uint8");
    for (let c = 0; c < 3; c++) {
      const plane = (await src.readPlane(0, c, 0)).data;
      expect(Array.from(plane)).toEqual(Array.from({ length: 35 }, (_, p) => expected[p * 3 + c]));
    }
    await src.close?.();
  });

  it("reads a planar (separate) stack as Z=2, C=3", async () => {
    const bytes = readFileSync(join(dir, "planar.bin"));
    const expected = new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 2);
    const src = await openTiff(join(dir, "planar.tif"));
    expect(src.info.shape).toEqual([1, 3, 2, 4, 6]);
    for (let z = 0; z < 2; z++) {
      for (let c = 0; c < 3; c++) {
        const plane = (await src.readPlane(0, c, z)).data;
        const start = (z * 3 + c) * 24;
        expect(Array.from(plane)).toEqual(Array.from(expected.subarray(start, start + 24)));
      }
    }
    await src.close?.();
  });
});
