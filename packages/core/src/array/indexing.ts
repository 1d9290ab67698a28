/** Turns isel/sel indexers (integers, slices, lists, coordinate labels) into index lists. */
import type { Selection } from "../graph/ops.js";
import { range } from "../graph/ops.js";
import { CoordinateError, checkDim, ShapeError } from "./errors.js";

/** A Python-like slice: `{ start, stop, step }`, negatives count from the end. */
export interface Slice {
  start?: number;
  stop?: number;
  step?: number;
}

export type Indexer = number | readonly number[] | Slice;
export type CoordValue = number | string;
export type Coords = Record<string, readonly CoordValue[]>;

/** One dim's positional indexer as a Selection (number drops the dim). */
export function toSelection(indexer: Indexer, size: number, dim: string): Selection {
  const check = (i: number): number => {
    if (!Number.isInteger(i)) throw new ShapeError(`index ${i} for dim "${dim}" is not an integer`);
    const j = i < 0 ? i + size : i;
    if (j < 0 || j >= size) {
      throw new ShapeError(`index ${i} is out of range for dim "${dim}" of size ${size}`);
    }
    return j;
  };
  if (typeof indexer === "number") return check(indexer);
  if (Array.isArray(indexer)) return indexer.map(check);
  const { start, stop, step = 1 } = indexer as Slice;
  if (step === 0 || !Number.isInteger(step)) {
    throw new ShapeError(`slice step for dim "${dim}" must be a non-zero integer, got ${step}`);
  }
  const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);
  const norm = (v: number | undefined, dflt: number, lo: number, hi: number) =>
    v === undefined ? dflt : clamp(v < 0 ? v + size : v, lo, hi);
  const first = step > 0 ? norm(start, 0, 0, size) : norm(start, size - 1, -1, size - 1);
  const last = step > 0 ? norm(stop, size, 0, size) : norm(stop, -1, -1, size - 1);
  return range(first, last, step);
}

/** Positions of coordinate labels along a dim (sel). */
export function labelPositions(
  dim: string,
  dims: readonly string[],
  coords: Coords,
  labels: CoordValue | readonly CoordValue[],
): number | number[] {
  checkDim(dims, dim);
  const values = coords[dim];
  if (!values) {
    throw new CoordinateError(`dim "${dim}" has no coordinates to select by label; use isel`);
  }
  const find = (label: CoordValue): number => {
    const i = values.indexOf(label);
    if (i < 0) {
      throw new CoordinateError(
        `label ${JSON.stringify(label)} not found in coords of dim "${dim}" (${values.map((v) => JSON.stringify(v)).join(", ")})`,
      );
    }
    return i;
  };
  return Array.isArray(labels) ? labels.map(find) : find(labels as CoordValue);
}
