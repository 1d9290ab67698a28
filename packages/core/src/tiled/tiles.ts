/**
 * A plane given as tiles: its size and a callback that reads any window of it. Everything in
 * tiled/ reads planes this way, so no function here needs the whole plane in memory (a zarr
 * store chunked in Y/X, a TIFF read by strips, or an array in memory all fit behind `read`).
 */
import type { TypedArray } from "../array/dtype.js";

export interface TiledPlane<T extends TypedArray = TypedArray> {
  /** Rows and columns of the whole plane. */
  ny: number;
  nx: number;
  /** Rows [y0, y1) × columns [x0, x1) of the plane, row-major (inside the plane only). */
  read(y0: number, y1: number, x0: number, x1: number): T | Promise<T>;
}

/** The tile shape: tiles are tileY × tileX, smaller at the plane's bottom and right edges. */
export interface TileShape {
  tileY: number;
  tileX: number;
}

/** A rectangle of the plane: rows [y0, y1) × columns [x0, x1). */
export interface Box {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

/** A tile of data: its box in the plane and its values, row-major (y1 − y0) × (x1 − x0). */
export interface Tile<T extends TypedArray = TypedArray> extends Box {
  data: T;
}

/** Checks a plane's size and a tile shape, naming `fn` and the bad parameter. */
export function checkTiling(fn: string, plane: TiledPlane, tiles: TileShape): void {
  for (const [name, v] of [
    ["ny", plane.ny],
    ["nx", plane.nx],
  ] as const) {
    if (!Number.isInteger(v) || v < 0)
      throw new RangeError(`${fn}: plane ${name} must be a non-negative integer, got ${v}`);
  }
  for (const [name, v] of [
    ["tileY", tiles.tileY],
    ["tileX", tiles.tileX],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`${fn}: ${name} must be a positive integer, got ${v}`);
  }
}

/** The tiles' boxes in raster order (left to right, then top to bottom). */
export function tileBoxes(ny: number, nx: number, { tileY, tileX }: TileShape): Box[] {
  const boxes: Box[] = [];
  for (let y0 = 0; y0 < ny; y0 += tileY) {
    for (let x0 = 0; x0 < nx; x0 += tileX) {
      boxes.push({ y0, y1: Math.min(ny, y0 + tileY), x0, x1: Math.min(nx, x0 + tileX) });
    }
  }
  return boxes;
}

/** Reads a window and checks the callback gave as many values as the window holds. */
export async function readBox<T extends TypedArray>(plane: TiledPlane<T>, b: Box): Promise<T> {
  const data = await plane.read(b.y0, b.y1, b.x0, b.x1);
  const n = (b.y1 - b.y0) * (b.x1 - b.x0);
  if (data.length !== n) {
    throw new RangeError(
      `tiled plane: read(${b.y0}, ${b.y1}, ${b.x0}, ${b.x1}) gave ${data.length} values, not ${n}`,
    );
  }
  return data;
}

/** The tiles of a plane in raster order, read one at a time. */
export async function* readTiles<T extends TypedArray>(
  plane: TiledPlane<T>,
  tiles: TileShape,
): AsyncGenerator<Tile<T>> {
  checkTiling("readTiles", plane, tiles);
  for (const b of tileBoxes(plane.ny, plane.nx, tiles))
    yield { ...b, data: await readBox(plane, b) };
}

/** Copies rows [y0, y1) × columns [x0, x1) out of a row-major plane `nx` wide. */
export function cropPlane<T extends TypedArray>(src: T, nx: number, b: Box): T {
  const w = b.x1 - b.x0;
  const out = new (src.constructor as new (n: number) => T)((b.y1 - b.y0) * w);
  for (let y = b.y0; y < b.y1; y++)
    out.set(src.subarray(y * nx + b.x0, y * nx + b.x1), (y - b.y0) * w);
  return out;
}

/** A plane in memory as a tiled plane (tests, and small planes next to tiled ones). */
export function planeFromArray<T extends TypedArray>(
  data: T,
  ny: number,
  nx: number,
): TiledPlane<T> {
  if (data.length !== ny * nx) {
    throw new RangeError(`planeFromArray: ${data.length} values do not make a ${ny} × ${nx} plane`);
  }
  return { ny, nx, read: (y0, y1, x0, x1) => cropPlane(data, nx, { y0, y1, x0, x1 }) };
}

/** Pastes tiles into one plane of `ny` × `nx` (only for planes that fit in memory). */
export async function assemble<T extends TypedArray>(
  tiles: AsyncIterable<Tile<T>> | Iterable<Tile<T>>,
  ny: number,
  nx: number,
): Promise<T> {
  let out: T | undefined;
  for await (const t of tiles) {
    out ??= new (t.data.constructor as new (n: number) => T)(ny * nx);
    const w = t.x1 - t.x0;
    for (let y = t.y0; y < t.y1; y++) {
      out.set(t.data.subarray((y - t.y0) * w, (y - t.y0 + 1) * w), y * nx + t.x0);
    }
  }
  if (!out) throw new RangeError("assemble: no tiles");
  return out;
}
