/**
 * What a zarr store's metadata may not do: lead reads or writes outside the store, state
 * shapes that allocate without bound, or let damaged chunks pass as data.
 *
 * - Keys: zarrita percent-decodes a key after resolving it, so a chunk-key separator such as
 *   `%2F..%2F..%2Fsecret%2F` became `/../../secret/` and the filesystem store joined it
 *   unchecked. Every key the reader and the writer use goes through `guardStore`.
 * - Shapes: negative, fractional or zero sizes, zero chunk sizes, and planes or chunks larger
 *   than `maxBytes` are refused when the array is opened, naming the field.
 * - Chunks: one that decodes to the wrong number of elements (truncated, or a codec that
 *   returned short) is an error naming its key; a missing chunk is the fill value, as the
 *   spec says, except when the array has no fill value (zarr v2 `fill_value: null`).
 */
import type { Readable } from "@zarrita/storage";
import type * as zarr from "zarrita";
import { ImageFormatError } from "./errors.js";
import { checkBytes } from "./limits.js";

/** Throws unless `key` is an absolute store key with no `..`, `.`-only, backslash or NUL part. */
export function checkStoreKey(name: string, key: string): void {
  const parts = key.split("/");
  const bad = parts.find(
    (p, i) => p === ".." || (p === "." && i > 0) || p.includes("\\") || p.includes("\0"),
  );
  if (!key.startsWith("/") || bad !== undefined) {
    throw new ImageFormatError(
      name,
      `key ${JSON.stringify(key)} would leave the store (a ".." or unsafe path component)`,
    );
  }
}

/** `store` with every key checked by `checkStoreKey` before it is read or written. */
export function guardStore<S extends Readable>(store: S, name: string): S {
  return new Proxy(store, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      if (
        property === "get" ||
        property === "set" ||
        property === "getRange" ||
        property === "delete"
      ) {
        return (key: string, ...rest: unknown[]) => {
          checkStoreKey(name, key);
          return value.call(target, key, ...rest);
        };
      }
      return value.bind(target);
    },
  });
}

interface ChunkContext {
  encodeChunkKey(coords: number[]): string;
  getChunkBytes(coords: number[], options?: unknown): Promise<Uint8Array | undefined>;
  chunkShape: number[];
}

type AnyArray = zarr.Array<zarr.DataType, Readable>;

/**
 * Refuses impossible shapes and chunk shapes, and chunks beyond `maxBytes`. (A plane may be
 * larger: it is then read in Y/X windows; whoever reads a whole plane checks its size.)
 */
export function checkArrayShape(
  array: AnyArray,
  where: string,
  itemBytes: number,
  maxBytes: number,
): void {
  const { shape, chunks } = array;
  shape.forEach((size, i) => {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new ImageFormatError(where, `zarr shape[${i}]=${size} is not a positive integer`);
    }
  });
  chunks.forEach((size, i) => {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new ImageFormatError(where, `zarr chunk shape[${i}]=${size} is not a positive integer`);
    }
  });
  const chunkElements = chunks.reduce((a, b) => a * b, 1);
  checkBytes(where, `one ${chunks.join("×")} chunk`, chunkElements * itemBytes, maxBytes);
}

/**
 * Makes `array.getChunk` check each decoded chunk's size and refuse a missing chunk when the
 * array has no fill value. Both errors name the chunk key.
 */
export function checkChunks(array: AnyArray, where: string): void {
  const symbol = Object.getOwnPropertySymbols(array).find(
    (s) => s.description === "zarrita.context",
  );
  const context = symbol ? (array as unknown as Record<symbol, ChunkContext>)[symbol] : undefined;
  if (!context) return; // another zarrita layout: keep its own behaviour
  // The spec's separators are "/" and "."; anything else (e.g. "%2F..%2F") is refused.
  const sample = context.encodeChunkKey(array.chunks.map((_, i) => i));
  if (!/^(c[./])?\d+([./]\d+)*$/.test(sample) && !(array.chunks.length === 0 && sample === "c")) {
    throw new ImageFormatError(
      where,
      `chunk key separator makes keys like ${JSON.stringify(sample)}; zarr allows "/" or "."`,
    );
  }
  const original = array.getChunk.bind(array);
  const expected = context.chunkShape.reduce((a, b) => a * b, 1);
  const keyOf = (coords: number[]) =>
    `${array.path.replace(/\/$/, "")}/${context.encodeChunkKey(coords)}`;
  array.getChunk = async (coords, options, opts) => {
    if (array.fillValue === null) {
      const bytes = await context.getChunkBytes(coords, options);
      if (!bytes) {
        throw new ImageFormatError(
          where,
          `chunk ${JSON.stringify(keyOf(coords))} is missing and the array has no fill_value`,
        );
      }
    }
    let chunk: Awaited<ReturnType<typeof original>>;
    try {
      chunk = await original(coords, options, opts);
    } catch (cause) {
      const message = cause instanceof Error ? cause.message : String(cause);
      throw new ImageFormatError(
        where,
        `chunk ${JSON.stringify(keyOf(coords))} cannot be decoded (${message})`,
        {
          cause,
        },
      );
    }
    const length = (chunk.data as { length: number }).length;
    if (length !== expected) {
      throw new ImageFormatError(
        where,
        `chunk ${JSON.stringify(keyOf(coords))} decodes to ${length} elements, ${expected} expected (${context.chunkShape.join("×")}): truncated or corrupt`,
      );
    }
    return chunk;
  };
}
