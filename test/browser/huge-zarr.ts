/**
 * The tiled viewer's test plane: 4096 × 6144 uint16 "cells" (bright disks on a ramp) and
 * their labels, written by core's streamed pyramid writer as OME-Zarr with 256 × 256 chunks
 * and 4 levels (mean for the image, nearest for the labels), beside the demo page.
 */
import { join } from "node:path";
import { tiled } from "@nima-ts/core";

export const HUGE = { ny: 4096, nx: 6144, tile: 256, levels: 4 } as const;
const PITCH = 128;
const RADIUS = 40;

/** The label at (y, x): one disk per 128-px cell of the grid, 0 outside. */
export function hugeLabel(y: number, x: number): number {
  const [cy, cx] = [Math.floor(y / PITCH), Math.floor(x / PITCH)];
  const [dy, dx] = [y - (cy * PITCH + PITCH / 2), x - (cx * PITCH + PITCH / 2)];
  return dy * dy + dx * dx <= RADIUS * RADIUS ? cy * (HUGE.nx / PITCH) + cx + 1 : 0;
}

/** The value at (y, x): a ramp along x + y, plus 20000 inside a disk (and a per-disk step). */
export function hugeValue(y: number, x: number): number {
  const label = hugeLabel(y, x);
  return 1000 + ((x + 3 * y) % 2048) + (label ? 20000 + (label % 7) * 2000 : 0);
}

function planeOf<T extends Uint16Array | Int32Array>(
  make: (n: number) => T,
  at: (y: number, x: number) => number,
) {
  return {
    ny: HUGE.ny,
    nx: HUGE.nx,
    read(y0: number, y1: number, x0: number, x1: number): T {
      const w = x1 - x0;
      const out = make((y1 - y0) * w);
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) out[(y - y0) * w + x - x0] = at(y, x);
      return out;
    },
  };
}

/** Writes huge.zarr and huge-labels.zarr into `dir`; returns the ms it took. */
export async function writeHugeZarr(dir: string): Promise<number> {
  const started = performance.now();
  const options = { tileY: HUGE.tile, tileX: HUGE.tile, levels: HUGE.levels - 1, overwrite: true };
  await Promise.all([
    tiled.writeTiledPyramid(
      planeOf((n) => new Uint16Array(n), hugeValue),
      join(dir, "huge.zarr"),
      {
        ...options,
        method: "mean",
      },
    ),
    tiled.writeTiledPyramid(
      planeOf((n) => new Int32Array(n), hugeLabel),
      join(dir, "huge-labels.zarr"),
      { ...options, method: "nearest" },
    ),
  ]);
  return performance.now() - started;
}
