/**
 * Turns what a user passes (a directory path, a URL, or a zarrita store) into a zarrita store.
 * The filesystem store is imported lazily: it needs node:fs, which browsers do not have.
 */
import type { AsyncReadable, Readable } from "@zarrita/storage";
import { FetchStore } from "zarrita";
import { ImageIOError, ImageNotFoundError } from "./errors.js";
import { isNode, isRemote, locationOf } from "./source.js";
import { guardStore } from "./zarr-guard.js";

/** A zarrita store: anything with `get(key)` (a Map works for tests). */
export type ZarrStore = Readable;
export type ZarrLocation = string | URL | ZarrStore;

export interface ResolvedStore {
  store: ZarrStore;
  /** Path or URL for messages and attrs.source. */
  name: string;
  /** The local directory, when the store is on this machine's filesystem. */
  directory?: string;
}

export function isStore(value: unknown): value is ZarrStore {
  return (
    typeof value === "object" &&
    value !== null &&
    !(value instanceof URL) &&
    typeof (value as AsyncReadable).get === "function"
  );
}

export async function resolveStore(location: ZarrLocation): Promise<ResolvedStore> {
  if (isStore(location)) {
    return { store: guardStore(location, "<zarr store>"), name: "<zarr store>" };
  }
  const where = await locationOf(location);
  if (isRemote(where) || !isNode) {
    return { store: guardStore(new FetchStore(where), where), name: where };
  }
  const { stat } = await import("node:fs/promises");
  const info = await stat(where).catch((cause: NodeJS.ErrnoException) => {
    if (cause.code === "ENOENT")
      throw new ImageNotFoundError(where, "no such zarr directory", { cause });
    throw new ImageIOError(where, `cannot read (${cause.message})`, { cause });
  });
  if (!info.isDirectory()) throw new ImageNotFoundError(where, "is not a zarr directory");
  const { LocalStore } = await import("./zarr-local-store.js");
  return { store: guardStore(new LocalStore(where), where), name: where, directory: where };
}
