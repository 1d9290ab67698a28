/**
 * Where plane memory comes from and how it crosses threads. Two costs dominate a memory-bound
 * engine on these machines (../shared/notes/performance.md): a typed array in a plain
 * ArrayBuffer is structured-cloned WHOLE when posted to a worker, and fresh memory costs a
 * page fault per 4 KiB page the first time it is touched (JS cannot ask for huge pages as
 * numpy does). So: planes move to shared memory once, and scratch memory is reused.
 */
import type { DType, TypedArray } from "./dtype.js";
import { bytesPerElement, canShareMemory, newSharedBuffer, viewOf } from "./dtype.js";

/** Counters of bytes copied or allocated by the engine on this thread (diagnostics, tests). */
export interface MemoryCounters {
  /** Bytes copied from plain ArrayBuffers into shared memory (at most once per buffer). */
  movedToShared: number;
  /** Bytes structured-cloned to workers (plain buffers in a task message): should stay 0. */
  clonedToWorkers: number;
  /** Bytes of fresh memory allocated for compute results and scratch. */
  freshBytes: number;
  /** Bytes served from reused memory (result pool and scratch pool). */
  reusedBytes: number;
}

const counters: MemoryCounters = {
  movedToShared: 0,
  clonedToWorkers: 0,
  freshBytes: 0,
  reusedBytes: 0,
};

/** A snapshot of this thread's counters. */
export function memoryCounters(): MemoryCounters {
  return { ...counters };
}

/** @internal Adds to a counter (the scheduler and pools report here). */
export function countBytes(name: keyof MemoryCounters, bytes: number): void {
  counters[name] += bytes;
}

export function isShared(data: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === "function" && data.buffer instanceof SharedArrayBuffer;
}

const sharedCopies = new WeakMap<ArrayBufferLike, SharedArrayBuffer>();

/**
 * `data` in shared memory: itself when it already is, else a view at the same offset into a
 * shared copy of its whole buffer, made once per buffer (later calls reuse the copy). Without
 * SharedArrayBuffer (a browser page that is not cross-origin isolated) `data` is returned.
 */
export function toShared<T extends TypedArray>(data: T): T {
  if (!canShareMemory || isShared(data)) return data;
  const buffer = data.buffer;
  let copy = sharedCopies.get(buffer);
  if (!copy) {
    copy = newSharedBuffer(buffer.byteLength);
    new Uint8Array(copy).set(new Uint8Array(buffer));
    sharedCopies.set(buffer, copy);
    countBytes("movedToShared", buffer.byteLength);
  }
  const Ctor = data.constructor as new (b: ArrayBufferLike, offset: number, length: number) => T;
  return new Ctor(copy, data.byteOffset, data.length);
}

/**
 * Scratch memory of one thread, reused across tasks: intermediates of a fused chain, decode
 * buffers, band scratch. A buffer is taken, used within one task, and given back; the pool
 * keeps at most `limit` bytes of free buffers, by exact byte size (planes of a stack repeat
 * the same few sizes).
 */
export class ScratchPool {
  private free = new Map<number, ArrayBufferLike[]>();
  private held = 0;

  constructor(private readonly limit = 256 * 2 ** 20) {}

  /** A zeroed-or-dirty typed array of `length` (contents are NOT cleared). */
  take(dtype: DType, length: number, shared = false): TypedArray {
    const bytes = length * bytesPerElement(dtype);
    const list = this.free.get(bytes);
    const index = list?.findIndex((b) => b instanceof SharedArrayBuffer === shared) ?? -1;
    let buffer: ArrayBufferLike;
    if (list && index >= 0) {
      buffer = list.splice(index, 1)[0];
      this.held -= bytes;
      countBytes("reusedBytes", bytes);
    } else {
      buffer = shared && canShareMemory ? newSharedBuffer(bytes) : new ArrayBuffer(bytes);
      countBytes("freshBytes", bytes);
    }
    return viewOf(dtype, buffer, 0, length);
  }

  /** Gives back a buffer taken with `take`; nothing may use it afterwards. */
  give(data: TypedArray): void {
    const buffer = data.buffer;
    const bytes = buffer.byteLength;
    if (bytes === 0 || bytes > this.limit) return;
    while (this.held + bytes > this.limit) this.dropOldest();
    const list = this.free.get(bytes) ?? [];
    if (list.includes(buffer)) return;
    list.push(buffer);
    this.free.set(bytes, list);
    this.held += bytes;
  }

  /** Bytes of free buffers held. */
  get heldBytes(): number {
    return this.held;
  }

  clear(): void {
    this.free.clear();
    this.held = 0;
  }

  private dropOldest(): void {
    for (const [bytes, list] of this.free) {
      list.shift();
      this.held -= bytes;
      if (list.length === 0) this.free.delete(bytes);
      return;
    }
  }
}

/** This thread's scratch pool. */
export const scratch = new ScratchPool();
