/**
 * Fixtures of the tiled nima tests (packages/core/src/tiled/nima-*.test.ts): a (T=1, C, Y,
 * X) uint16 image of blobs crossing tile corners, and a persist hook that keeps stages in
 * memory (a stand-in for a zarr store).
 */
import type { TypedArray } from "@nima-ts/core";
import { blobMask, NX, NY, seeded } from "./tiled-planes.js";

export const CHANNELS = ["G", "R", "C"] as const;

/** Blobs at 300·(c+1) + steps + noise on a 20 ± 3 background; one plane per channel. */
export function blobChannels(seed = 7, ny = NY, nx = NX): Uint16Array[] {
  const mask = blobMask(ny, nx, seed);
  const r = seeded(seed + 1);
  return CHANNELS.map((_, c) => {
    const data = new Uint16Array(ny * nx);
    for (let i = 0; i < data.length; i++) {
      const noise = Math.floor(r() * 7) - 3;
      data[i] = (mask[i] ? 300 * (c + 1) + 40 * Math.floor(r() * 5) : 20) + noise;
    }
    return data;
  });
}

interface Plane {
  ny: number;
  nx: number;
  read(y0: number, y1: number, x0: number, x1: number): TypedArray | Promise<TypedArray>;
}

/** Stores each stage whole in memory, recording its name in `stored`, and reads it back. */
export function memoryPersist(stored: string[]) {
  return async (stage: string, plane: Plane): Promise<Plane> => {
    stored.push(stage);
    const { ny, nx } = plane;
    const data = await plane.read(0, ny, 0, nx);
    return {
      ny,
      nx,
      read(y0, y1, x0, x1) {
        const out = new (data.constructor as new (n: number) => TypedArray)((y1 - y0) * (x1 - x0));
        for (let y = y0; y < y1; y++)
          out.set(data.subarray(y * nx + x0, y * nx + x1), (y - y0) * (x1 - x0));
        return out;
      },
    };
  };
}

/** The blob channels of each seed, one time point per seed: a (T, C, Y, X) uint16 stack. */
export function blobStack(seeds: readonly number[]): Uint16Array {
  const planes = seeds.flatMap((seed) => blobChannels(seed));
  const data = new Uint16Array(planes.length * NY * NX);
  for (const [i, p] of planes.entries()) data.set(p, i * NY * NX);
  return data;
}
