/**
 * nima.segment on images chunked in Y/X: the same labels as on whole planes (97 × 131 planes
 * in 16 × 24 tiles, blobs across tile corners), lazily, from a compute on workers or inline.
 */
import { describe, expect, it } from "vitest";
import { blobStack, CHANNELS } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference, NX, NY } from "../../../../test/helpers/tiled-planes.js";
import { DataArray } from "../array/data-array.js";
import { segment } from "./segment.js";

/** (T=2, C=3, Y, X) uint16: two different blob images. */
function image(): DataArray {
  return DataArray.from(blobStack([7, 11]), {
    dims: ["T", "C", "Y", "X"],
    shape: [2, 3, NY, NX],
    coords: { C: [...CHANNELS] },
  });
}

describe("nima.segment on Y/X tiles", () => {
  it.each([
    [{ minSize: 20 }, 2],
    [{ minSize: 20, thresholdMethod: "li" as const, clearBorder: true }, 0],
    [{ minSize: 0, wiener: true }, 2],
  ])("%j gives the whole-plane labels (workers %i)", async (options, workers) => {
    const im = image();
    const whole = await segment(im, options).compute({ workers: 0 });
    const lazy = segment(im.rechunk({ Y: 16, X: 24 }), options);
    expect(lazy.dims).toEqual(whole.dims);
    expect(lazy.chunks).toMatchObject({ T: 1, Y: 16, X: 24 });
    const tiled = await lazy.compute({ workers });
    expect(tiled.dtype).toBe("int32");
    expect(Math.max(...tiled.values)).toBeGreaterThan(1);
    expect(firstBitDifference(tiled.values, whole.values)).toBe(-1);
  });

  it("refuses the watershed on tiles, before any work", () => {
    expect(() => segment(image().rechunk({ Y: 16, X: 24 }), { watershed: true })).toThrow(
      /nima\.segment: watershed cannot run on Y\/X tiles/,
    );
  });
});
