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
});
