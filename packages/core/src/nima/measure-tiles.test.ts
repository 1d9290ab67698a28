/**
 * nima.measure on Y/X tiles: labels from the tiled nima.segment and images chunked in Y/X give
 * the tables of the whole-plane path, text-identical (`Table.toCSV`).
 */
import { describe, expect, it } from "vitest";
import { blobStack, CHANNELS } from "../../../../test/helpers/tiled-nima.js";
import { NX, NY } from "../../../../test/helpers/tiled-planes.js";
import { DataArray } from "../array/data-array.js";
import { measure } from "./measure.js";
import { segment } from "./segment.js";

function image(): DataArray {
  return DataArray.from(blobStack([7, 11]), {
    dims: ["T", "C", "Y", "X"],
    shape: [2, 3, NY, NX],
    coords: { C: [...CHANNELS] },
  });
}

const csv = (tables: Map<number, { toCSV(): string }>) =>
  [...tables].map(([id, t]) => `label ${id}\n${t.toCSV()}`).join("\n");

describe("nima.measure on Y/X tiles", () => {
  it.each([true, false])(
    "gives the whole-plane tables (ratios from image: %s)",
    async (ratiosFromImage) => {
      const im = image();
      const whole = await measure(
        im,
        segment(im, { minSize: 20 }),
        { ratiosFromImage },
        { workers: 0 },
      );
      const tiledIm = im.rechunk({ Y: 16, X: 24 });
      const tiled = await measure(
        tiledIm,
        segment(tiledIm, { minSize: 20 }),
        { ratiosFromImage },
        { workers: 2 },
      );
      expect(tiled.size).toBeGreaterThan(1);
      expect(csv(tiled)).toBe(csv(whole));
    },
  );

  it("stages stored in lower tiles (a small NIMA_STAGE_BAND_BYTES) give the same tables", async () => {
    const im = image();
    const whole = await measure(im, segment(im, { minSize: 20 }), {}, { workers: 0 });
    const before = process.env.NIMA_STAGE_BAND_BYTES;
    // 5 rows of float64 across the plane: stage tiles of 5 rows under 16 × 24 chunks.
    process.env.NIMA_STAGE_BAND_BYTES = String(5 * NX * 8);
    try {
      const tiledIm = im.rechunk({ Y: 16, X: 24 });
      const tiled = await measure(tiledIm, segment(tiledIm, { minSize: 20 }), {}, { workers: 2 });
      expect(csv(tiled)).toBe(csv(whole));
    } finally {
      if (before === undefined) delete process.env.NIMA_STAGE_BAND_BYTES;
      else process.env.NIMA_STAGE_BAND_BYTES = before;
    }
  });
});
