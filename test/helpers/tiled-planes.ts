/** Test planes for tiled/: odd sizes, small tiles, and a byte-for-byte comparison. */
import type { TypedArray } from "@nima-ts/core";
import { rng } from "./python.js";

/** The plane size and tiling of the tests: 97 × 131 in 16 × 24 tiles (odd edges). */
export const NY = 97;
export const NX = 131;
export const TILES = { tileY: 16, tileX: 24 };

/** The tests' seeded generator (mulberry32), so failures reproduce. */
export { rng as seeded } from "./python.js";

/** Blobs (a smooth field thresholded) so objects are large and cross tile corners. */
export function blobMask(ny: number, nx: number, seed: number, level = 0.55): Uint8Array {
  const r = rng(seed);
  const centres = Array.from({ length: 40 }, () => [r() * ny, r() * nx, 2 + r() * 9]);
  const mask = new Uint8Array(ny * nx);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      let f = 0;
      for (const [cy, cx, s] of centres)
        f += Math.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * s * s));
      mask[y * nx + x] = f > level ? 1 : 0;
    }
  }
  return mask;
}

/** Index of the first value whose bytes differ (−1 when the arrays are bit-identical). */
export function firstBitDifference(a: TypedArray, b: TypedArray): number {
  if (a.constructor !== b.constructor) return 0;
  if (a.length !== b.length) return Math.min(a.length, b.length);
  const size = a.BYTES_PER_ELEMENT;
  const ab = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const bb = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) return Math.floor(i / size);
  return -1;
}
