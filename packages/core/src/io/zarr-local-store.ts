/**
 * A zarr store on the local filesystem (Node) that reads a chunk file into memory the caller
 * supplies instead of a fresh buffer per read: straight into the destination plane when the
 * file is exactly its size (an uncompressed chunk), else into this thread's scratch memory.
 * Fresh memory costs a page fault per 4 KiB on first touch, so a fresh buffer per chunk costs
 * as much as the read itself.
 */
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { AbsolutePath, AsyncReadable, GetOptions, RangeQuery } from "@zarrita/storage";
import FileSystemStore from "@zarrita/storage/fs";
import { scratch } from "../array/memory.js";

/** Options a plane read passes through zarrita's `getChunk` to the store. */
export interface ChunkReadOptions extends GetOptions {
  /** Bytes of the destination plane: used when the file has exactly this size. */
  target?: Uint8Array;
  /** Scratch buffers the store took; the reader gives them back once it has decoded. */
  borrowed?: Uint8Array[];
}

export class LocalStore implements AsyncReadable {
  private readonly files: FileSystemStore;

  constructor(readonly root: string) {
    this.files = new FileSystemStore(root);
  }

  async get(key: AbsolutePath, opts: ChunkReadOptions = {}): Promise<Uint8Array | undefined> {
    opts.signal?.throwIfAborted();
    if (!opts.borrowed) return this.files.get(key, opts);
    let handle: Awaited<ReturnType<typeof open>>;
    try {
      handle = await open(join(this.root, key.replace(/^\/+/, "")), "r");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    try {
      const { size } = await handle.stat();
      let bytes = opts.target?.byteLength === size ? opts.target : undefined;
      if (!bytes) {
        bytes = scratch.take("uint8", size) as Uint8Array;
        opts.borrowed.push(bytes);
      }
      let at = 0;
      while (at < size) {
        const { bytesRead } = await handle.read(bytes, at, size - at, at);
        if (bytesRead === 0) throw new Error(`chunk ${key} ended after ${at} of ${size} bytes`);
        at += bytesRead;
      }
      opts.signal?.throwIfAborted();
      return bytes;
    } finally {
      await handle.close();
    }
  }

  getRange(key: AbsolutePath, range: RangeQuery, opts?: GetOptions) {
    return this.files.getRange(key, range, opts);
  }
}
