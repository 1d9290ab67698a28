import { beforeAll, describe, expect, it } from "vitest";
import { blobChannels, memoryPersist } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference, NX, NY, TILES } from "../../../../test/helpers/tiled-planes.js";
import type { ComputeOptions } from "../array/compute.js";
import { DataArray } from "../array/data-array.js";
import { registerKernel } from "../kernels/registry.js";
import { bg } from "../nima/bg.js";
import type { BgParamsInit } from "../nima/bg-params.js";
import { BgParams } from "../nima/bg-params.js";
import { calculateBg } from "../nima/calculate-bg.js";
import { kernels } from "../nima/kernels-bg.js";
import { tiledBg, tiledCalculateBg } from "./nima-bg.js";
import { assemble, planeFromArray, readTiles, type TiledPlane } from "./tiles.js";

const inline: ComputeOptions = { workers: 0 };
beforeAll(() => {
  for (const [name, kernel] of Object.entries(kernels)) registerKernel(name, kernel);
});

const [green] = blobChannels(3);
const readAll = (plane: TiledPlane) => assemble(readTiles(plane, TILES), NY, NX);

describe("tiledCalculateBg equals calculate_bg on one plane (97 × 131 in 16 × 24 tiles)", () => {
  const cases: [string, BgParamsInit, TiledPlane][] = [
    ["arcsinh (defaults), uint16", {}, planeFromArray(green, NY, NX)],
    [
      "arcsinh radius 5, perc 20, uint8",
      { radius: 5, perc: 20 },
      planeFromArray(
        Uint8Array.from(green, (v) => v >> 2),
        NY,
        NX,
      ),
    ],
    [
      "arcsinh, float64",
      { radius: 4 },
      planeFromArray(
        Float64Array.from(green, (v) => v / 3),
        NY,
        NX,
      ),
    ],
    [
      "entropy radius 4, uint16",
      { kind: "entropy", radius: 4, perc: 30 },
      planeFromArray(
        Uint16Array.from(green, (v) => v * 60),
        NY,
        NX,
      ),
    ],
    ["li_li", { kind: "li_li" }, planeFromArray(green, NY, NX)],
    [
      "li_li, erosionDisk 2, float64",
      { kind: "li_li", erosionDisk: 2 },
      planeFromArray(
        Float64Array.from(green, (v) => v / 3),
        NY,
        NX,
      ),
    ],
    ["inverse_yen", { kind: "inverse_yen" }, planeFromArray(green, NY, NX)],
  ];
  it.each(cases)("%s", async (_, init, plane) => {
    const data = await plane.read(0, NY, 0, NX);
    const want = calculateBg({ data, shape: [NY, NX] }, new BgParams(init));
    const got = await tiledCalculateBg(plane, TILES, new BgParams(init));
    expect(
      firstBitDifference(
        Float64Array.from([got.bg, got.sd, ...got.iqr]),
        Float64Array.from([want.bg, want.sd, ...want.iqr]),
      ),
    ).toBe(-1);
    expect(got.maskCount).toBe(want.maskCount);
    expect(got.maskCount).toBeGreaterThan(100);
    expect(got.maskCount).toBeLessThan(NY * NX);
    expect(got.title).toBe(want.title);
    expect(firstBitDifference(await readAll(got.mask), want.mask)).toBe(-1);
    if (want.lim) {
      expect([got.lim?.min, got.lim?.max, got.lim?.threshold]).toEqual([
        want.lim.min,
        want.lim.max,
        want.lim.threshold,
      ]);
      expect(firstBitDifference(await readAll(got.lim!.image), want.lim.image)).toBe(-1);
    }
  });

  it("tiledBg: the median and clip(plane − bg, 0) of nima.bg, with a persisted mask", async () => {
    const image = DataArray.from(green, { shape: [1, NY, NX], dims: ["T", "Y", "X"] });
    const whole = bg(image, { kind: "li_li" });
    const stored: string[] = [];
    const got = await tiledBg(
      planeFromArray(green, NY, NX),
      TILES,
      { kind: "li_li" },
      {
        persist: memoryPersist(stored),
      },
    );
    expect(stored).toEqual(["mask"]);
    expect(got.bg).toBe((await whole.bgs.compute(inline)).values[0]);
    const want = (await whole.image.compute(inline)).values;
    expect(firstBitDifference(await readAll(got.image), want)).toBe(-1);
    const unclipped = await tiledBg(
      planeFromArray(green, NY, NX),
      TILES,
      { kind: "li_li" },
      { clip: false },
    );
    const wantUnclipped = (
      await bg(image, { kind: "li_li" }, { clip: false }).image.compute(inline)
    ).values;
    expect(firstBitDifference(await readAll(unclipped.image), wantUnclipped)).toBe(-1);
  });

  it("refuses adaptive and li_adaptive, float32 planes and entropy of float planes, saying why", async () => {
    const plane = planeFromArray(green, NY, NX);
    for (const kind of ["adaptive", "li_adaptive"] as const) {
      await expect(tiledCalculateBg(plane, TILES, { kind })).rejects.toThrow(
        new RegExp(`kind "${kind}" is not tiled: its threshold_local block \\(adaptiveRadius 65`),
      );
    }
    const f32 = planeFromArray(Float32Array.from(green), NY, NX);
    await expect(tiledCalculateBg(f32, TILES)).rejects.toThrow(/float32 planes are not supported/);
    const f64 = planeFromArray(
      Float64Array.from(green, (v) => v / 1000),
      NY,
      NX,
    );
    await expect(tiledCalculateBg(f64, TILES, { kind: "entropy" })).rejects.toThrow(
      /kind "entropy" needs an integer plane: img_as_ubyte of a float64 plane/,
    );
    await expect(tiledCalculateBg(plane, TILES, { perc: 101 })).rejects.toThrow(
      /perc must be in \[0, 100\]/,
    );
  });
});
