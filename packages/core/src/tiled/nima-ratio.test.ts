import { beforeAll, describe, expect, it } from "vitest";
import { blobChannels, CHANNELS } from "../../../../test/helpers/tiled-nima.js";
import { firstBitDifference, NX, NY, TILES } from "../../../../test/helpers/tiled-planes.js";
import type { ComputeOptions } from "../array/compute.js";
import { DataArray } from "../array/data-array.js";
import { kernels as rankKernels } from "../kernels/rank/index.js";
import { registerKernel } from "../kernels/registry.js";
import { kernels } from "../nima/kernels-segment.js";
import { ratio } from "../nima/ratio.js";
import { segment } from "../nima/segment.js";
import { zipPlanes } from "./lazy.js";
import { tiledRatio } from "./nima-ratio.js";
import { tiledSegment } from "./nima-segment.js";
import { assemble, planeFromArray, readTiles, type TiledPlane } from "./tiles.js";

const inline: ComputeOptions = { workers: 0 };
beforeAll(() => {
  for (const [name, kernel] of Object.entries({ ...kernels, ...rankKernels }))
    registerKernel(name, kernel);
});

/** Channels with zeros (x/0, 0/0) so the non-finite quotients are exercised. */
function channelsWithZeros(float32: boolean) {
  const channels = blobChannels(11).map((c, k) => {
    const out = float32 ? Float32Array.from(c, (v) => v / 7) : c.slice();
    for (let i = k; i < out.length; i += 53) out[i] = 0;
    return out;
  });
  const data = new (float32 ? Float32Array : Uint16Array)(channels.length * NY * NX);
  for (const [i, c] of channels.entries()) data.set(c, i * NY * NX);
  const image = DataArray.from(data, {
    shape: [1, 3, NY, NX],
    dims: ["T", "C", "Y", "X"],
    coords: { C: [...CHANNELS] },
  });
  const planes = channels.map((c) => planeFromArray(c, NY, NX));
  const byName = (n: string) => planes[CHANNELS.indexOf(n as "G")];
  return { image, byName };
}

const readAll = (plane: TiledPlane) => assemble(readTiles(plane, TILES), NY, NX);

describe("tiledRatio equals nima.ratio on one plane (97 × 131 in 16 × 24 tiles)", () => {
  it.each([
    ["uint16, default radii [7, 3]", false, undefined],
    ["float32, radii [5]", true, [5]],
    ["uint16, radii [2, 4] (even boxes)", false, [2, 4]],
  ] as const)("%s", async (_, float32, radii) => {
    const { image, byName } = channelsWithZeros(float32);
    for (const channels of [
      ["C", "R"],
      ["G", "C"],
    ] as const) {
      const whole = (await ratio(image, { channels, radii }).compute(inline)).values;
      const got = await readAll(tiledRatio(byName(channels[0]), byName(channels[1]), { radii }));
      expect(got.constructor).toBe(whole.constructor);
      expect(firstBitDifference(got, whole)).toBe(-1);
    }
  });

  it("with the mask labels > 0, as nima.measure uses it", async () => {
    const { image, byName } = channelsWithZeros(false);
    const options = { minSize: 40, thresholdMethod: "li" } as const;
    const labels = await segment(image, options).compute(inline);
    const whole = (await ratio(image, { channels: ["C", "R"], mask: labels.gt(0) }).compute(inline))
      .values;
    const tiledLabels = await tiledSegment(["C", "G", "R"].map(byName), TILES, options);
    const mask = zipPlanes([tiledLabels], ([l], n) =>
      Uint8Array.from(l.subarray(0, n), (v) => (v > 0 ? 1 : 0)),
    );
    const got = await readAll(tiledRatio(byName("C"), byName("R"), { mask }));
    expect(firstBitDifference(got, whole)).toBe(-1);
    expect(got.some((v) => v !== 0)).toBe(true);
  });

  it("checks the box sizes", () => {
    const p = planeFromArray(new Uint16Array(6), 2, 3);
    expect(() => tiledRatio(p, p, { radii: [0] })).toThrow(
      /tiledRatio: radii must be positive integers \(box sizes\), got 0/,
    );
  });
});
