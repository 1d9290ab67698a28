import { describe, expect, it } from "vitest";
import { chooseLevel, levelFactor, tileBox, viewportBox, visibleTiles } from "./tile-grid.js";

// 4096 × 6144 with 256 × 256 chunks at every level (as most OME-Zarr writers lay levels out).
const levels = [0, 1, 2, 3].map((k) => ({
  ny: 4096 / 2 ** k,
  nx: 6144 / 2 ** k,
  tileY: 256,
  tileX: 256,
}));

describe("chooseLevel", () => {
  it("picks the level whose pixel is nearest one screen pixel", () => {
    expect(chooseLevel(levels, 1)).toBe(0);
    expect(chooseLevel(levels, 4)).toBe(0);
    expect(chooseLevel(levels, 0.8)).toBe(0);
    expect(chooseLevel(levels, 0.6)).toBe(1);
    expect(chooseLevel(levels, 0.3)).toBe(2);
    expect(chooseLevel(levels, 0.146)).toBe(3); // 6144 px fitted into 900
    expect(chooseLevel(levels, 0.01)).toBe(3); // coarser than the coarsest: the coarsest
  });

  it("reads the factor of odd-sized levels as a power of two", () => {
    const odd = [
      { ny: 97, nx: 131, tileY: 16, tileX: 24 },
      { ny: 49, nx: 66, tileY: 8, tileX: 12 },
      { ny: 25, nx: 33, tileY: 4, tileX: 6 },
    ];
    expect([0, 1, 2].map((k) => levelFactor(odd, k))).toEqual([1, 2, 4]);
    expect(chooseLevel(odd, 0.25)).toBe(2);
  });
});

describe("visibleTiles", () => {
  it("lists only the tiles meeting the viewport", () => {
    // Zoomed 2× into the top-left corner of a 900 × 600 view.
    const box = viewportBox({ scale: 2, tx: 0, ty: 0 }, 900, 600, levels[0]);
    expect(box).toEqual({ y0: 0, y1: 300, x0: 0, x1: 450 });
    const tiles = visibleTiles(levels, 0, box);
    expect(tiles.map((t) => [t.ty, t.tx])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
    ]);
  });

  it("covers the whole plane at fit with the coarsest level's 2 × 3 tiles", () => {
    const scale = 900 / 6144;
    const view = { scale, tx: 0, ty: (700 - 4096 * scale) / 2 };
    const box = viewportBox(view, 900, 700, levels[0]);
    expect(visibleTiles(levels, 3, box)).toHaveLength(6);
    expect(visibleTiles(levels, 0, box)).toHaveLength(16 * 24);
  });

  it("stops at the plane's edges and is empty off the plane", () => {
    const box = viewportBox({ scale: 1, tx: -6000, ty: -4000 }, 900, 700, levels[0]);
    expect(visibleTiles(levels, 0, box).map((t) => [t.ty, t.tx])).toEqual([[15, 23]]);
    const off = viewportBox({ scale: 1, tx: 5000, ty: 0 }, 900, 700, levels[0]);
    expect(visibleTiles(levels, 0, off)).toEqual([]);
  });

  it("places a tile in full-resolution pixels, clipped to the plane", () => {
    expect(tileBox(levels, { level: 3, ty: 1, tx: 2 })).toEqual({
      y0: 2048,
      y1: 4096,
      x0: 4096,
      x1: 6144,
    });
    const odd = [
      { ny: 97, nx: 131, tileY: 16, tileX: 24 },
      { ny: 49, nx: 66, tileY: 8, tileX: 12 },
    ];
    expect(tileBox(odd, { level: 1, ty: 6, tx: 5 })).toEqual({ y0: 96, y1: 97, x0: 120, x1: 131 });
  });
});
