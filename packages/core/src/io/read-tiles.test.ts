/**
 * Images read in Y/X chunks: a zarr chunked in Y/X (written by zarr-python) read window by
 * window, any Y/X chunking asked of readImage, TIFF windows cropped from decoded planes, and
 * planes beyond the memory limit read in the store's own tiles by default.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pythonAvailable, runPython } from "../../../../test/helpers/python.js";
import { firstBitDifference, NX, NY } from "../../../../test/helpers/tiled-planes.js";
import { filters } from "../api/index.js";
import { ImageLimitError } from "./errors.js";
import { readImage } from "./read-image.js";
import { encodeTiff } from "./tiff-writer.js";

let dir: string;
let zarrPath: string;
const python = pythonAvailable();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "nima-read-tiles-"));
  zarrPath = join(dir, "tiles.zarr");
  if (!python) return;
  // zarr-python (v2 format) with 32 × 40 chunks in Y/X over 2 channels of 97 × 131.
  runPython(
    `
import zarr
a = (np.arange(2 * ${NY} * ${NX}, dtype=np.uint32) * 2654435761 % 65521).astype(np.uint16)
z = zarr.open(I["path"], mode="w", shape=(2, ${NY}, ${NX}), chunks=(1, 32, 40), dtype="u2", compressor=None)
z[:] = a.reshape(2, ${NY}, ${NX})
z.attrs["_ARRAY_DIMENSIONS"] = ["C", "Y", "X"]
O["ok"] = np.array([1])
`,
    { path: zarrPath },
  );
}, 60_000);

afterAll(() => rm(dir, { recursive: true, force: true }));

describe.skipIf(!python)("readImage in Y/X chunks", () => {
  it("reads a Y/X-chunked zarr in any tiling with the values of whole planes", async () => {
    const whole = await (await readImage(zarrPath)).compute({ workers: 0 });
    expect(whole.chunks).toMatchObject({ Y: NY, X: NX });
    for (const chunks of [{ Y: 16, X: 24 }, { Y: 32, X: 40 }, { Y: 50 }] as Record<
      string,
      number
    >[]) {
      const tiled = await readImage(zarrPath, { chunks });
      expect(tiled.chunks.Y).toBe(chunks.Y);
      const values = await tiled.compute({ workers: 2 });
      expect(firstBitDifference(values.values, whole.values)).toBe(-1);
    }
  });

  it("a median of the tiles read equals the median of whole planes", async () => {
    const whole = filters.median(await readImage(zarrPath), { footprint: { disk: 2 } });
    const tiled = filters.median(await readImage(zarrPath, { chunks: { Y: 16, X: 24 } }), {
      footprint: { disk: 2 },
    });
    const [a, b] = [await whole.compute({ workers: 0 }), await tiled.compute({ workers: 2 })];
    expect(firstBitDifference(b.values, a.values)).toBe(-1);
  });

  it("reads a zarr in its stored chunks, and a plane beyond the memory limit only in Y/X chunks", async () => {
    const limit = NY * NX * 2 - 1; // one plane of uint16 is one byte too many
    await expect(readImage(zarrPath, { maxBytes: limit })).rejects.toThrow(ImageLimitError);
    await expect(readImage(zarrPath, { maxBytes: limit })).rejects.toThrow(
      /tiles\.zarr: one YX plane needs 24\.8 KiB, more than the 24\.8 KiB limit: read it in Y\/X chunks/,
    );
    const image = await readImage(zarrPath, { maxBytes: limit, chunks: "stored" });
    expect(image.chunks).toEqual({ T: 1, C: 1, Z: 1, Y: 32, X: 40 });
    const whole = await (await readImage(zarrPath)).compute({ workers: 0 });
    const values = await image.compute({ workers: 0 });
    expect(firstBitDifference(values.values, whole.values)).toBe(-1);
    await expect(readImage(zarrPath, { maxBytes: 3000, chunks: { Y: 40, X: 48 } })).rejects.toThrow(
      /tiles\.zarr: a 40×48 window of a plane needs 3\.8 KiB, more than the 2\.9 KiB limit/,
    );
  });
});

describe("readImage of a TIFF in Y/X chunks", () => {
  it("crops each window from the decoded plane", async () => {
    const path = join(dir, "planes.tif");
    const data = Uint16Array.from({ length: 3 * NY * NX }, (_, i) => (i * 7919) % 60000);
    await writeFile(path, encodeTiff({ data, shape: [3, NY, NX], dtype: "uint16" }));
    const whole = await (await readImage(path)).compute({ workers: 0 });
    const tiled = await (await readImage(path, { chunks: { Y: 16, X: 24 } })).compute({
      workers: 2,
    });
    expect(firstBitDifference(tiled.values, whole.values)).toBe(-1);
    await expect(readImage(path, { chunks: "stored" })).rejects.toThrow(
      /chunks "stored" needs a zarr store/,
    );
  });
});
