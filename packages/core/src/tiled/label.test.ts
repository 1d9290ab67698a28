/** Labels, objects and region tables of tiled planes equal the whole-plane results. */
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
import { regionprops } from "../kernels/measure/regionprops.js";
import { clearBorder } from "../kernels/segmentation/clearBorder.js";
import { findObjects } from "../kernels/segmentation/findObjects.js";
import { label, labelImage } from "../kernels/segmentation/label.js";
import { removeSmallObjects } from "../kernels/segmentation/removeSmallObjects.js";
import { tiledLabel, tiledLabelImage } from "./label.js";
import { tiledClearBorder, tiledRemoveSmallObjects } from "./objects.js";
import { tiledFindObjects, tiledRegionprops } from "./regions.js";
import { assemble, planeFromArray, readTiles } from "./tiles.js";

const masks = [blobMask(NY, NX, 3), blobMask(NY, NX, 8, 0.3), blobMask(NY, NX, 21, 0.8)];

/** Pixels meeting only diagonally across tile corners, and a U joined below two tiles. */
function cornerMask(): Uint8Array {
  const m = new Uint8Array(NY * NX);
  const set = (y: number, x: number) => {
    m[y * NX + x] = 1;
  };
  for (const [y, x] of [
    [15, 23],
    [16, 24],
    [31, 47],
    [32, 46],
    [47, 71],
    [48, 72],
    [49, 73],
  ])
    set(y, x);
  // A U: two arms in tiles (0, 4) and (0, 5) joined by a bar in tile-row 2.
  for (let y = 2; y < 40; y++) {
    set(y, 100);
    set(y, 125);
  }
  for (let x = 100; x <= 125; x++) set(39, x);
  // A lone pixel in every corner of the plane.
  for (const [y, x] of [
    [0, 0],
    [0, NX - 1],
    [NY - 1, 0],
    [NY - 1, NX - 1],
  ])
    set(y, x);
  return m;
}

/** Labels from blobs with different values touching (skimage's label joins equal values). */
function valueImage(): Uint16Array {
  const a = masks[0];
  const b = masks[1];
  return Uint16Array.from(a, (v, i) => (v ? 3 : b[i] ? 7 : i % 53 === 0 ? 9 : 0));
}

async function same(tiles: AsyncIterable<{ data: TypedArray } & object>, whole: TypedArray) {
  const got = await assemble(tiles as never, NY, NX);
  expect(firstBitDifference(got as TypedArray, whole)).toBe(-1);
}

describe("label across tiles", () => {
  it("scipy label, connectivity 1 and 2, equals the whole plane", async () => {
    for (const m of [...masks, cornerMask()]) {
      for (const connectivity of [1, 2] as const) {
        const whole = label(m, NY, NX, { connectivity });
        for (const tiles of [TILES, { tileY: 7, tileX: 5 }, { tileY: NY, tileX: NX }]) {
          const labels = await tiledLabel(planeFromArray(m, NY, NX), tiles, { connectivity });
          expect(labels.count).toBe(whole.count);
          await same(readTiles(labels, TILES), whole.labels);
          const sizes = new Float64Array(whole.count + 1);
          for (const l of whole.labels) sizes[l]++;
          expect(labels.sizes).toEqual(sizes);
        }
      }
    }
  });
  it("diagonal neighbours across a tile corner join only with connectivity 2", async () => {
    const m = cornerMask();
    const c1 = await tiledLabel(planeFromArray(m, NY, NX), TILES, { connectivity: 1 });
    const c2 = await tiledLabel(planeFromArray(m, NY, NX), TILES, { connectivity: 2 });
    const at = async (l: typeof c1, y: number, x: number) => (await l.read(y, y + 1, x, x + 1))[0];
    expect(await at(c1, 15, 23)).not.toBe(await at(c1, 16, 24));
    expect(await at(c2, 15, 23)).toBe(await at(c2, 16, 24));
    expect(await at(c2, 2, 100)).toBe(await at(c2, 2, 125));
  });
  it("skimage label (equal values join, background 0 or 9)", async () => {
    const img = valueImage();
    for (const connectivity of [1, 2] as const) {
      for (const background of [0, 9]) {
        const whole = labelImage(img, NY, NX, { connectivity, background });
        const labels = await tiledLabelImage(planeFromArray(img, NY, NX), TILES, {
          connectivity,
          background,
        });
        expect(labels.count).toBe(whole.count);
        await same(readTiles(labels, TILES), whole.labels);
      }
    }
  });
  it("reads any window, not only whole tiles", async () => {
    const m = masks[1];
    const whole = label(m, NY, NX, { connectivity: 2 }).labels;
    const labels = await tiledLabel(planeFromArray(m, NY, NX), TILES, { connectivity: 2 });
    const win = await labels.read(10, 50, 20, 90);
    for (let y = 10; y < 50; y++) {
      for (let x = 20; x < 90; x++) expect(win[(y - 10) * 70 + x - 20]).toBe(whole[y * NX + x]);
    }
  });
});

describe("objects across tiles", () => {
  it("remove_small_objects", async () => {
    for (const m of masks) {
      for (const opts of [{ maxSize: 30 }, { maxSize: 200, connectivity: 2 as const }]) {
        await same(
          tiledRemoveSmallObjects(planeFromArray(m, NY, NX), TILES, opts),
          removeSmallObjects(m, NY, NX, opts),
        );
      }
    }
  });
  it("clear_border (buffer 0 and 3, bgval 0 and 5)", async () => {
    for (const img of [label(masks[0], NY, NX).labels, valueImage(), cornerMask()]) {
      for (const opts of [{}, { bufferSize: 3, bgval: 5 }]) {
        await same(
          tiledClearBorder(planeFromArray(img, NY, NX), TILES, opts),
          clearBorder(img, NY, NX, opts),
        );
      }
    }
  });
});

describe("regions across tiles", () => {
  const random = seeded(17);
  const intensity = Float64Array.from({ length: NY * NX }, () => random() * 1000 + 0.1);
  it("regionprops table (with intensity_mean) and find_objects equal the whole plane", async () => {
    for (const m of [...masks, cornerMask()]) {
      const whole = label(m, NY, NX, { connectivity: 2 }).labels;
      const expected = regionprops(whole, NY, NX, intensity);
      // From labels made across tiles, and from a label plane given as tiles.
      const sources = [
        await tiledLabel(planeFromArray(m, NY, NX), TILES, { connectivity: 2 }),
        planeFromArray(whole, NY, NX),
      ];
      for (const labels of sources) {
        const got = await tiledRegionprops(labels, TILES, planeFromArray(intensity, NY, NX));
        expect(Object.keys(got).sort()).toEqual(Object.keys(expected).sort());
        for (const [key, column] of Object.entries(expected)) {
          const at = firstBitDifference((got as never)[key], column as TypedArray);
          expect(at, `${key} differs at row ${at}`).toBe(-1);
        }
        expect(await tiledFindObjects(labels, TILES)).toEqual(findObjects(whole, NY, NX));
      }
    }
  });
  it("a float32 intensity plane and a table without intensity", async () => {
    const whole = label(masks[0], NY, NX).labels;
    const f32 = Float32Array.from(intensity);
    const got = await tiledRegionprops(
      planeFromArray(whole, NY, NX),
      TILES,
      planeFromArray(f32, NY, NX),
    );
    expect(
      firstBitDifference(got.intensityMean!, regionprops(whole, NY, NX, f32).intensityMean!),
    ).toBe(-1);
    expect(
      (await tiledRegionprops(planeFromArray(whole, NY, NX), TILES)).intensityMean,
    ).toBeUndefined();
  });
});
