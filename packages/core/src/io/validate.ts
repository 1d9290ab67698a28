/**
 * Checks of meaning, not format: names that must be distinct, values that must be finite.
 * Bad values are reported where they enter (naming the file and the plane), not deep inside
 * a later step ("histogram: autodetected range of [0, Infinity] is not finite").
 */

import type { TypedArray } from "../array/dtype.js";
import { CoordinateError } from "../array/errors.js";

/** Throws a CoordinateError unless every channel name is a non-empty string, all distinct. */
export function checkChannelNames(source: string, names: readonly string[]): void {
  const empty = names.findIndex((n) => typeof n !== "string" || n.trim() === "");
  if (empty >= 0) {
    throw new CoordinateError(
      `${source}: channel name ${empty + 1} of (${names.join(", ")}) is empty`,
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new CoordinateError(
        `${source}: channel names (${names.join(", ")}) name "${name}" twice; each channel needs its own name`,
      );
    }
    seen.add(name);
  }
}

export interface BadPixels {
  /** Index of the first YX plane with a bad pixel (planes in C order of the leading dims). */
  plane: number;
  /** Bad pixels in that plane. */
  inPlane: number;
  /** Bad pixels in all planes. */
  total: number;
}

/**
 * Counts the pixels for which `bad` holds, per YX plane of `planeSize` pixels; undefined when
 * there are none.
 */
export function findBadPixels(
  data: TypedArray | ArrayLike<number>,
  planeSize: number,
  bad: (value: number) => boolean = (v) => !Number.isFinite(v),
): BadPixels | undefined {
  let first: BadPixels | undefined;
  let total = 0;
  for (let start = 0; start < data.length; start += planeSize) {
    let count = 0;
    const end = Math.min(data.length, start + planeSize);
    for (let i = start; i < end; i++) if (bad(data[i])) count++;
    if (count > 0 && !first) first = { plane: start / planeSize, inPlane: count, total: 0 };
    total += count;
  }
  if (first) first.total = total;
  return first;
}
