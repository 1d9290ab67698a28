/**
 * The Python nima reference cases (../shared/reference), tile by tile: each step of nima's
 * segmentation, run on tiles from the reference's own input for that step, gives the file
 * Python wrote for it.
 */
import { describe, expect, it } from "vitest";
import { loadNpy, planeOf, referenceCases } from "../../../../test/helpers/reference.js";
import { firstBitDifference } from "../../../../test/helpers/tiled-planes.js";
import type { TypedArray } from "../array/dtype.js";
import { diskFootprint as disk } from "../kernels/footprint.js";
import { tiledMedianFilter, tiledMorphology } from "./filters.js";
import { tiledLabel } from "./label.js";
import { tiledClearBorder, tiledRemoveSmallObjects } from "./objects.js";
import { tiledThresholdYen } from "./threshold.js";
import { assemble, planeFromArray, readTiles, type Tile } from "./tiles.js";

const TILINGS = [
  { tileY: 64, tileX: 96 },
  { tileY: 16, tileX: 24 },
];

const mask = (b: { data: TypedArray }) => Uint8Array.from(b.data, (v) => (v ? 1 : 0));

async function expectPlane(
  tiles: AsyncIterable<Tile>,
  expected: ArrayLike<number>,
  ny: number,
  nx: number,
  what: string,
) {
  const got = await assemble(tiles, ny, nx);
  const want = Float64Array.from(expected);
  const at = firstBitDifference(Float64Array.from(got), want);
  expect(at, `${what}: first difference at pixel ${at}`).toBe(-1);
}

describe.each(referenceCases())("%s, tiled", (name) => {
  const ga = loadNpy(name, "plane/ga.npy.gz");
  const [ny, nx] = ga.shape;
  it.each(TILINGS)(
    "median → yen → remove_small → closing → label, clear_border ($tileY × $tileX)",
    async (tiles) => {
      const input = planeOf(loadNpy(name, "input.npy.gz"), 1, 2); // T=1, C="C"
      const raw = Uint16Array.from(input.data);
      await expectPlane(
        tiledMedianFilter(planeFromArray(raw, ny, nx), { footprint: disk(1) }, tiles),
        loadNpy(name, "plane/median.npy.gz").data,
        ny,
        nx,
        "median",
      );
      const gaPlane = planeFromArray(ga.data as Float64Array, ny, nx);
      const t = await tiledThresholdYen(gaPlane, tiles);
      const yen = Uint8Array.from(ga.data, (v) => (v > t ? 1 : 0));
      expect(firstBitDifference(yen, mask(loadNpy(name, "plane/mask_yen.npy.gz")))).toBe(-1);
      const yenRef = mask(loadNpy(name, "plane/mask_yen.npy.gz"));
      await expectPlane(
        tiledRemoveSmallObjects(planeFromArray(yenRef, ny, nx), tiles, { maxSize: 639 }),
        mask(loadNpy(name, "plane/mask_remove_small.npy.gz")),
        ny,
        nx,
        "remove_small_objects",
      );
      const small = mask(loadNpy(name, "plane/mask_remove_small.npy.gz"));
      await expectPlane(
        tiledMorphology(planeFromArray(small, ny, nx), "closing", {}, tiles),
        mask(loadNpy(name, "plane/mask_closing.npy.gz")),
        ny,
        nx,
        "closing",
      );
      const closed = mask(loadNpy(name, "plane/mask_closing.npy.gz"));
      const labels = await tiledLabel(planeFromArray(closed, ny, nx), tiles);
      await expectPlane(
        readTiles(labels, tiles),
        loadNpy(name, "plane/label_closing.npy.gz").data,
        ny,
        nx,
        "label",
      );
      await expectPlane(
        tiledClearBorder(planeFromArray(closed, ny, nx), tiles),
        mask(loadNpy(name, "plane/mask_clear_border.npy.gz")),
        ny,
        nx,
        "clear_border",
      );
    },
  );
});
