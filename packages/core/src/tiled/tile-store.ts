/**
 * Stored stages of a tiled pipeline: a plane written tile by tile (in memory, or as raw tile
 * files in a temporary directory for planes larger than memory) and read back by window, so
 * the passes that read a stage again (threshold, labels, measurements) do not recompute it.
 */
import { allocate, bytesPerElement, type DType, dtypeOf, type TypedArray } from "../array/dtype.js";
import type { Persist } from "./lazy.js";
import { mapAhead } from "./tile-work.js";
import {
  type Box,
  readBox,
  type Tile,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";

export interface TileStoreOptions {
  /**
   * "memory" keeps the tiles in this process; a directory path stores them there as raw
   * files (Node only), one per tile, removed by `dispose()`.
   */
  where: "memory" | string;
}

/** A persisted plane: read it like any TiledPlane; `dispose()` frees its tiles. */
export interface StoredPlane extends TiledPlane {
  dispose(): Promise<void>;
  /** What another thread needs to read this plane (`openPortablePlane`) while it is kept. */
  portable(): PortablePlane;
}

/**
 * A stored plane as data another thread can open: its tiles in shared memory, or the
 * directory of its tile files. Valid until the plane is disposed.
 */
export interface PortablePlane {
  ny: number;
  nx: number;
  tiles: TileShape;
  dtype: DType;
  /** "memory": `memory[key]` is tile `key` (raster order of tiles); else a directory. */
  where: "memory" | string;
  memory?: TypedArray[];
}

interface TileBytes {
  /** Tile `key`, shared with the store: read from it, never write to it. */
  get(key: number): Promise<TypedArray>;
  /** Tile `key` as a new array the caller owns, when the store can give one without a copy. */
  take?(key: number): Promise<TypedArray>;
  set(key: number, data: TypedArray): Promise<void>;
  clear(): Promise<void>;
  /** The tiles by key, when in memory. */
  memory?: TypedArray[];
}

function memoryTiles(tiles: TypedArray[] = []): TileBytes {
  return {
    get: async (key) => tiles[key],
    // A copy, in shared memory (other threads read it through `portable()`): the caller's
    // block may be reused memory (a compute's lent buffer).
    set: async (key, data) => {
      const copy = allocate(dtypeOf(data), data.length);
      copy.set(data);
      tiles[key] = copy;
    },
    clear: async () => {
      tiles.length = 0;
    },
    memory: tiles,
  };
}

/** Bytes of recently read tiles a file store keeps, for the halo reads of the next window. */
const RECENT_BYTES = 2 ** 27;

/** Raw little-endian tile files in `dir`, with the last few tiles read kept (halo reads). */
async function fileTiles(dir: string, dtype: DType): Promise<TileBytes> {
  const fs = await import("node:fs/promises");
  const { join } = await import("node:path");
  await fs.mkdir(dir, { recursive: true });
  const recent = new Map<number, TypedArray>();
  let recentBytes = 0;
  const path = (key: number) => join(dir, `${key}.raw`);
  // Straight into the typed array: readFile would allocate a Buffer to copy from.
  const readTile = async (key: number): Promise<TypedArray> => {
    const handle = await fs.open(path(key), "r");
    try {
      const { size } = await handle.stat();
      const data = allocate(dtype, size / bytesPerElement(dtype), false);
      const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      for (let at = 0; at < size; ) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) throw new RangeError(`tile store: ${path(key)} ends early`);
        at += bytesRead;
      }
      return data;
    } finally {
      await handle.close();
    }
  };
  return {
    async take(key) {
      return recent.get(key)?.slice() ?? readTile(key);
    },
    async get(key) {
      const hit = recent.get(key);
      if (hit) return hit;
      const data = await readTile(key);
      recent.set(key, data);
      recentBytes += data.byteLength;
      // At most 8 tiles, and no more than RECENT_BYTES unless one tile alone is larger.
      while (recent.size > 8 || (recent.size > 1 && recentBytes > RECENT_BYTES)) {
        const [oldest, dropped] = recent.entries().next().value as [number, TypedArray];
        recent.delete(oldest);
        recentBytes -= dropped.byteLength;
      }
      return data;
    },
    async set(key, data) {
      await fs.writeFile(path(key), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    },
    clear: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/** A store being filled: `put` tiles (any order, each once), then read it as a plane. */
export interface TileStore {
  put(tile: Tile): Promise<void>;
  /** The stored plane (every tile must have been put). */
  plane(): StoredPlane;
}

/** An empty store for a ny × nx plane in `tiles`; the first tile put decides the dtype. */
export function openTileStore(
  ny: number,
  nx: number,
  tiles: TileShape,
  { where }: TileStoreOptions,
): TileStore {
  const keyOf = tileKeys(nx, tiles);
  let store: Promise<TileBytes> | undefined;
  let dtype: DType | undefined;
  let memory: TypedArray[] | undefined;
  return {
    async put(tile) {
      dtype ??= dtypeOf(tile.data);
      store ??= where === "memory" ? Promise.resolve(memoryTiles()) : fileTiles(where, dtype);
      const bytes = await store;
      memory = bytes.memory;
      await bytes.set(keyOf(tile), tile.data);
    },
    plane() {
      if (!store || !dtype) throw new RangeError("tile store: no tiles were stored");
      const stored = store;
      const type = dtype;
      return {
        ny,
        nx,
        read: windowReader(ny, nx, tiles, type, () => stored),
        dispose: async () => (await stored).clear(),
        portable: () => ({ ny, nx, tiles: { ...tiles }, dtype: type, where, memory }),
      };
    },
  };
}

/** The key of a tile's box: its index in the raster order of tiles. */
function tileKeys(nx: number, tiles: TileShape): (b: Box) => number {
  const columns = Math.ceil(nx / tiles.tileX);
  return (b) => (b.y0 / tiles.tileY) * columns + b.x0 / tiles.tileX;
}

/** Reads any window of a plane stored as tiles. */
function windowReader(
  ny: number,
  nx: number,
  tiles: TileShape,
  type: DType,
  stored: () => Promise<TileBytes>,
): TiledPlane["read"] {
  const keyOf = tileKeys(nx, tiles);
  const boxes = tileBoxes(ny, nx, tiles);
  return async (y0, y1, x0, x1) => {
    const bytes = await stored();
    // A window that is exactly one stored tile (reads tile by tile) needs no second copy.
    if (bytes.take && y0 % tiles.tileY === 0 && x0 % tiles.tileX === 0) {
      const b = { y0, x0, y1: Math.min(ny, y0 + tiles.tileY), x1: Math.min(nx, x0 + tiles.tileX) };
      if (b.y1 === y1 && b.x1 === x1) return bytes.take(keyOf(b));
    }
    const w = x1 - x0;
    const out = allocate(type, (y1 - y0) * w, false);
    for (const b of boxes) {
      const ya = Math.max(b.y0, y0);
      const yb = Math.min(b.y1, y1);
      const xa = Math.max(b.x0, x0);
      const xb = Math.min(b.x1, x1);
      if (ya >= yb || xa >= xb) continue;
      const data = await bytes.get(keyOf(b));
      const bw = b.x1 - b.x0;
      for (let y = ya; y < yb; y++) {
        const from = (y - b.y0) * bw + (xa - b.x0);
        out.set(data.subarray(from, from + xb - xa), (y - y0) * w + (xa - x0));
      }
    }
    return out;
  };
}

/** A stored plane opened from its portable form (in any thread); reads only. */
export function openPortablePlane(p: PortablePlane): TiledPlane {
  const bytes =
    p.where === "memory" ? Promise.resolve(memoryTiles(p.memory)) : fileTiles(p.where, p.dtype);
  return { ny: p.ny, nx: p.nx, read: windowReader(p.ny, p.nx, p.tiles, p.dtype, () => bytes) };
}

/**
 * Reads `plane` tile by tile into a store, `ahead` tiles read at once (planes whose reads run
 * on workers, TileWork, then compute that many tiles in parallel).
 */
export async function persistPlane(
  plane: TiledPlane,
  tiles: TileShape,
  options: TileStoreOptions & { ahead?: number },
): Promise<StoredPlane> {
  const store = openTileStore(plane.ny, plane.nx, tiles, options);
  const boxes = tileBoxes(plane.ny, plane.nx, tiles);
  let t = 0;
  for await (const data of mapAhead(boxes, options.ahead ?? 1, (b) => readBox(plane, b))) {
    await store.put({ ...boxes[t++], data });
  }
  return store.plane();
}

/**
 * A `persist` hook for tiledSegment and friends storing every stage (in memory, or in
 * subdirectories of a directory), and `dispose()` to free them all; `ahead` as persistPlane.
 */
export function tileStorePersist(
  tiles: TileShape,
  where: "memory" | string,
  ahead = 1,
): { persist: Persist; dispose(): Promise<void> } {
  const stored: StoredPlane[] = [];
  let n = 0;
  return {
    persist: async (stage, plane) => {
      const place = where === "memory" ? where : `${where}/${n++}-${stage.replace(/[^\w-]/g, "_")}`;
      const kept = await persistPlane(plane, tiles, { where: place, ahead });
      stored.push(kept);
      return kept;
    },
    dispose: async () => {
      await Promise.all(stored.splice(0).map((s) => s.dispose()));
    },
  };
}

/**
 * Planes whose stages fit this many bytes stay in memory; larger ones go to disk. Several
 * stages are kept at once (a plane, its masks, labels), and a compute's memoryBudget
 * (2 GiB by default) bounds only its tasks in flight, so this stays well below it.
 */
const MEMORY_STAGE_BYTES = 1 << 28;

/**
 * Where to keep the stages of a plane of `bytes`: in memory when small (or without a file
 * system), else a new temporary directory (NIMA_TMPDIR, or the OS's).
 */
export async function stagePlace(bytes: number): Promise<"memory" | string> {
  const node = typeof process !== "undefined" && typeof process.versions?.node === "string";
  if (!node || bytes <= MEMORY_STAGE_BYTES) return "memory";
  const { mkdtemp } = await import("node:fs/promises");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  return mkdtemp(join(process.env.NIMA_TMPDIR ?? tmpdir(), "nima-ts-stages-"));
}

/** Bytes a band of stage tiles (one tile-row across the plane) may take, by default. */
const STAGE_BAND_BYTES = 2 ** 27;

/**
 * The tiles to store a stage of an nx-wide plane of `bytesPerPixel` in: `tiles`, made lower
 * when a band of them (tileY × nx values, what a raster-order pass holds) would exceed
 * NIMA_STAGE_BAND_BYTES (128 MiB by default): a 50,000-wide float64 plane in 4096² tiles
 * would hold 1.6 GB a band, in 256-row tiles 102 MB. Lower tiles divide `tiles.tileY` when
 * a divisor of at least half the allowed rows exists, so each nests in one source tile
 * (storeArrayPlane then releases a source tile as soon as its stage tiles are stored).
 */
export function stageTiles(tiles: TileShape, nx: number, bytesPerPixel: number): TileShape {
  const env = typeof process !== "undefined" ? process.env?.NIMA_STAGE_BAND_BYTES : undefined;
  const band = Number(env ?? STAGE_BAND_BYTES);
  if (!(Number.isInteger(band) && band > 0)) {
    throw new RangeError(`NIMA_STAGE_BAND_BYTES must be a positive integer, got ${band}`);
  }
  const rows = Math.max(1, Math.floor(band / (nx * bytesPerPixel)));
  if (rows >= tiles.tileY) return tiles;
  let nested = rows;
  while (tiles.tileY % nested !== 0) nested--;
  return { tileY: nested * 2 >= rows ? nested : rows, tileX: tiles.tileX };
}

/**
 * A place for the stages of one plane (`stagePlace`) with named sub-places: "memory", or
 * subdirectories of one temporary directory that `dispose()` removes.
 */
export interface StageArea {
  where: "memory" | string;
  /** Where stage `name` goes: "memory", or `<directory>/<name>`. */
  at(name: string): "memory" | string;
  /** Removes the temporary directory (memory stages are freed by their stores). */
  dispose(): Promise<void>;
}

/** A StageArea for a plane of `bytes`. */
export async function openStageArea(bytes: number): Promise<StageArea> {
  const where = await stagePlace(bytes);
  return {
    where,
    at: (name) => (where === "memory" ? where : `${where}/${name}`),
    dispose: async () => {
      if (where === "memory") return;
      const { rm } = await import("node:fs/promises");
      await rm(where, { recursive: true, force: true });
    },
  };
}
