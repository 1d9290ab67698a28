/** Every neighbourhood kernel, tile by tile with halos, is bit-identical to the whole plane. */

import { describe, expect, it } from "vitest";
import {
  blobMask,
  firstBitDifference,
  NX,
  NY,
  seeded,
  TILES,
} from "../../../../test/helpers/tiled-planes.js";
import type { TypedArray } from "../array/dtype.js";
import { entropy } from "../kernels/filters/entropy.js";
import { gaussianFilter } from "../kernels/filters/gaussian.js";
import { uniformFilter } from "../kernels/filters/uniform.js";
import { wiener } from "../kernels/filters/wiener.js";
import { diskFootprint as disk, footprintFromRows, onesFootprint } from "../kernels/footprint.js";
import { medianFilter, percentileFilter, rankFilter } from "../kernels/rank/rank-filter.js";
import {
  binaryClosing,
  binaryDilation,
  binaryErosion,
  binaryOpening,
  closing,
  dilation,
  erosion,
  opening,
} from "../kernels/segmentation/morphology.js";
import {
  tiledEntropy,
  tiledGaussianFilter,
  tiledMedianFilter,
  tiledMorphology,
  tiledPercentileFilter,
  tiledRankFilter,
  tiledWiener,
} from "./filters.js";
import { mapOverlap } from "./map-overlap.js";
import { assemble, planeFromArray } from "./tiles.js";
import { tiledUniformFilter } from "./uniform.js";

const random = seeded(11);
const floats = Float64Array.from({ length: NY * NX }, () => random() * 1000 - 200);
const u16 = Uint16Array.from({ length: NY * NX }, () => Math.floor(random() * 4000));
const u8 = Uint8Array.from({ length: NY * NX }, () => Math.floor(random() * 256));
const mask = blobMask(NY, NX, 3);

async function expectSame(tiles: AsyncIterable<{ data: TypedArray } & object>, whole: TypedArray) {
  const got = await assemble(tiles as never, NY, NX);
  const at = firstBitDifference(got as TypedArray, whole);
  expect(at, `first difference at pixel ${at}`).toBe(-1);
}

const MODES = ["reflect", "mirror", "nearest", "constant"] as const;

describe("rank filters", () => {
  for (const mode of MODES) {
    it(`median disk(1), 3×3, 5×5, 7×7, 4×6 box, ${mode}`, async () => {
      for (const src of [floats, u16]) {
        for (const opts of [
          { footprint: disk(1), mode },
          { size: 3, mode },
          { size: 5, mode, cval: 7 },
          { size: 7, mode },
          { size: [4, 6] as [number, number], mode, origin: [1, -2] as [number, number] },
        ]) {
          const plane = planeFromArray(src, NY, NX);
          await expectSame(tiledMedianFilter(plane, opts, TILES), medianFilter(src, NY, NX, opts));
        }
      }
    });
  }
  it("percentile and rank filters with a disk(3) footprint", async () => {
    const plane = planeFromArray(u16, NY, NX);
    const p = { footprint: disk(3), percentile: 20 };
    await expectSame(tiledPercentileFilter(plane, p, TILES), percentileFilter(u16, NY, NX, p));
    const r = { size: 9, rank: -3, mode: "nearest" as const };
    await expectSame(tiledRankFilter(plane, r, TILES), rankFilter(u16, NY, NX, r));
  });
});

describe("gaussian", () => {
  for (const mode of MODES) {
    it(`sigma 2, [1.5, 3.7] truncate 3, ${mode}`, async () => {
      for (const src of [floats, u16, Float32Array.from(floats)]) {
        for (const opts of [
          { sigma: 2, mode },
          { sigma: [1.5, 3.7] as [number, number], truncate: 3, mode, cval: 5 },
          { sigma: 9, mode },
        ]) {
          const plane = planeFromArray(src, NY, NX);
          await expectSame(
            tiledGaussianFilter(plane, opts, TILES),
            gaussianFilter(src, NY, NX, opts),
          );
        }
      }
    });
  }
});

describe("uniform (a scan carrying scipy's running sums across tiles)", () => {
  for (const mode of MODES) {
    it(`sizes 3, [4, 7], [1, 5], [6, 1], 40, ${mode}`, async () => {
      for (const src of [floats, u16, Float32Array.from(floats)]) {
        for (const opts of [
          { size: 3, mode },
          { size: [4, 7] as [number, number], mode, cval: 2.5 },
          { size: [1, 5] as [number, number], mode },
          { size: [6, 1] as [number, number], mode },
          { size: 40, mode },
        ]) {
          const plane = planeFromArray(src, NY, NX);
          await expectSame(
            tiledUniformFilter(plane, opts, TILES),
            uniformFilter(src, NY, NX, opts),
          );
        }
      }
    });
  }
});

describe("wiener and entropy", () => {
  it("wiener with the default noise (a streamed pass) and a given noise", async () => {
    for (const src of [floats, u16]) {
      for (const opts of [{}, { mySize: [5, 3] as [number, number] }, { noise: 300 }]) {
        const plane = planeFromArray(src, NY, NX);
        await expectSame(tiledWiener(plane, opts, TILES), wiener(src, NY, NX, opts));
      }
    }
  });
  it("entropy with disk(1), disk(5) and a box", async () => {
    for (const fp of [1, 5, footprintFromRows([[1, 1, 1, 1]])]) {
      const plane = planeFromArray(u8, NY, NX);
      await expectSame(tiledEntropy(plane, fp, TILES), entropy(u8, NY, NX, fp));
    }
  });
});

describe("morphology", () => {
  const grey = { erosion, dilation, opening, closing };
  const binary = {
    binary_erosion: binaryErosion,
    binary_dilation: binaryDilation,
    binary_opening: binaryOpening,
    binary_closing: binaryClosing,
  };
  it("grey erosion, dilation, opening, closing with even and odd footprints", async () => {
    for (const [op, fn] of Object.entries(grey)) {
      for (const opts of [{}, { footprint: onesFootprint(4, 5), mode: "nearest" as const }]) {
        const plane = planeFromArray(u16, NY, NX);
        await expectSame(
          tiledMorphology(plane, op as keyof typeof grey, opts, TILES),
          fn(u16, NY, NX, opts),
        );
      }
    }
  });
  it("binary erosion, dilation, opening, closing (border values 0 and 1)", async () => {
    for (const [op, fn] of Object.entries(binary)) {
      for (const opts of [{}, { footprint: onesFootprint(4, 3), borderValue: 0 as const }]) {
        const plane = planeFromArray(mask, NY, NX);
        await expectSame(
          tiledMorphology(plane, op as keyof typeof binary, opts, TILES),
          fn(mask, NY, NX, opts),
        );
      }
    }
  });
});

describe("mapOverlap", () => {
  it("refuses wrap mode and a bad tile shape, naming the parameter", async () => {
    const plane = planeFromArray(floats, NY, NX);
    const run = (o: object) =>
      mapOverlap(plane, (s) => s, {
        ...TILES,
        halo: { top: 1, bottom: 1, left: 1, right: 1 },
        ...o,
      }).next();
    await expect(run({ mode: "wrap" })).rejects.toThrow(/wrap.*cannot be tiled/);
    await expect(run({ tileX: 0 })).rejects.toThrow(/tileX must be a positive integer/);
    await expect(run({ halo: { top: -1, bottom: 0, left: 0, right: 0 } })).rejects.toThrow(
      /halo.top/,
    );
  });
  it("a one-row tile at the top still reflects like the whole plane (origin-shifted window)", async () => {
    const opts = { size: [7, 1] as [number, number], origin: [3, 0] as [number, number] };
    const plane = planeFromArray(floats, NY, NX);
    await expectSame(
      tiledMedianFilter(plane, opts, { tileY: 1, tileX: 131 }),
      medianFilter(floats, NY, NX, opts),
    );
  });
});
