/** nima.bg on images chunked in Y/X: the whole-plane backgrounds and corrected image. */
import { describe, expect, it } from "vitest";
import { blobStack, CHANNELS } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference, NX, NY } from "../../../../test/helpers/tiled-planes.js";
import { DataArray } from "../array/data-array.js";
import { bg } from "./bg.js";

function image(): DataArray {
  return DataArray.from(blobStack([7]), {
    dims: ["T", "C", "Y", "X"],
    shape: [1, 3, NY, NX],
    coords: { C: [...CHANNELS] },
  });
}

describe("nima.bg on Y/X tiles", () => {
  it.each(["arcsinh", "li_li", "inverse_yen"] as const)(
    "kind %s: the whole-plane values",
    async (kind) => {
      const whole = bg(image(), { kind });
      const tiled = bg(image().rechunk({ Y: 16, X: 24 }), { kind });
      const [a, b] = [
        await whole.bgs.compute({ workers: 0 }),
        await tiled.bgs.compute({ workers: 2 }),
      ];
      expect(b.dims).toEqual(a.dims);
      expect(b.coords.C).toEqual(["G", "R", "C"]);
      expect(firstBitDifference(b.values, a.values)).toBe(-1);
      const [ia, ib] = [
        await whole.image.compute({ workers: 0 }),
        await tiled.image.compute({ workers: 2 }),
      ];
      expect(firstBitDifference(ib.values, ia.values)).toBe(-1);
    },
  );

  it("refuses kinds and options that have no exact tiled form", async () => {
    expect(() =>
      bg(image().rechunk({ Y: 16 }), { kind: "arcsinh" }, { downscale: [2, 2] }),
    ).toThrow(/downscale on Y\/X tiles is not supported/);
    await expect(
      bg(image().rechunk({ Y: 16 }), { kind: "adaptive" }).bgs.compute({ workers: 0 }),
    ).rejects.toThrow(/kind "adaptive" is not tiled/);
  });
});
