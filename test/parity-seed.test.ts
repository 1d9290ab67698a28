/**
 * The seed operations against the Python nima reference: nima.shading of the case that has
 * dark/flat (read through readImage, as the CLI does) and nima.median of one plane.
 */

import { closeSharedPools, DataArray, nima, readImage } from "@nima-ts/core";
import { afterAll, describe, expect, it } from "vitest";
import { maxAbsDiff } from "./helpers/compare.js";
import { hasRef, loadNpy, planeOf, referenceCases, refPath } from "./helpers/reference.js";

afterAll(() => closeSharedPools());

const channels = ["G", "R", "C"];

describe.each(referenceCases())("reference case %s", (name) => {
  it("readImage gives the input pixels, dims and channel names", async () => {
    const im = await readImage(refPath(name, "input.tif"), { channels });
    const expected = loadNpy(name, "input.npy.gz");
    const [t, c, y, x] = expected.shape;
    expect(im.sizes).toEqual({ T: t, C: c, Z: 1, Y: y, X: x });
    expect(im.dtype).toBe("uint16");
    expect(im.coords.C).toEqual(channels);
    const values = (await im.compute()).values;
    expect(maxAbsDiff(values, expected.data)).toBe(0);
  });

  it.runIf(hasRef(name, "pipeline/default/shaded.npy.gz"))(
    "nima.shading equals the Python's (im - dark) / flat clipped at 0, bit for bit",
    async () => {
      const im = await readImage(refPath(name, "input.tif"), { channels });
      const dark = await readImage(refPath(name, "dark.tif"), { channels });
      const flat = await readImage(refPath(name, "flat.tif"), { channels });
      const shaded = await nima.shading(im, dark, flat).compute();
      const expected = loadNpy(name, "pipeline/default/shaded.npy.gz");
      expect(shaded.dtype).toBe("float64");
      expect(shaded.shape).toEqual([
        expected.shape[0],
        expected.shape[1],
        1,
        ...expected.shape.slice(2),
      ]);
      expect(maxAbsDiff(shaded.values, expected.data)).toBe(0);
    },
  );

  it("nima.median of plane (T=1, C='C') equals scipy's median_filter with disk(1)", async () => {
    const input = loadNpy(name, "input.npy.gz");
    const plane = planeOf(input, 1, 2);
    const expected = loadNpy(name, "plane/median.npy.gz");
    // nima.median keeps the dtype: run it on the uint16 plane, as the Python did.
    const u16 = DataArray.from(Uint16Array.from(plane.data), {
      shape: plane.shape,
      dims: ["Y", "X"],
    });
    const got = await nima.median(u16).compute();
    expect(got.dtype).toBe("uint16");
    expect(maxAbsDiff(got.values, expected.data)).toBe(0);
    // And on float64 input the same values come out.
    const f64 = DataArray.from(Float64Array.from(plane.data), {
      shape: plane.shape,
      dims: ["Y", "X"],
    });
    expect(maxAbsDiff((await nima.median(f64).compute()).values, expected.data)).toBe(0);
  });
});
