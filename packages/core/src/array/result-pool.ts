/**
 * Memory for compute() results, recycled once a result is unreachable, so a loop that computes
 * the same shape again and again does not page-fault fresh memory every time (numpy gets the
 * same effect from huge pages; JS cannot madvise).
 *
 * How it stays safe: the pool keeps one SharedArrayBuffer object (the keeper) and hands out a
 * structured clone of it (another object over the same memory). Every typed array or DataView
 * made from the result on this thread holds that clone, so the clone is collected only once no
 * view of the result is left; the FinalizationRegistry then gives the keeper back to the pool.
 * Memory that is re-served is never aliased by a live result on this thread. A buffer you post
 * or clone yourself (to your own worker) is not tracked: keep the result alive while such a
 * worker uses it, or compute into your own `out`.
 */
import type { DType, TypedArray } from "./dtype.js";
import { allocate, bytesPerElement, canShareMemory, newSharedBuffer, viewOf } from "./dtype.js";
import { countBytes } from "./memory.js";

/** Free memory held for reuse is let go after this long without a request. */
const IDLE_MS = 10_000;

export class ResultPool {
  private free = new Map<number, SharedArrayBuffer[]>();
  private held = 0;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly registry = new FinalizationRegistry<SharedArrayBuffer>((keeper) =>
    this.recycle(keeper),
  );

  /** `limit`: most bytes of free memory kept for reuse. */
  constructor(private readonly limit = 512 * 2 ** 20) {}

  /**
   * A typed array of `length` for a result. Its contents are undefined (reused memory is not
   * cleared): the caller must write every element.
   */
  acquire(dtype: DType, length: number): TypedArray {
    const bytes = length * bytesPerElement(dtype);
    if (!canShareMemory || bytes === 0) {
      countBytes("freshBytes", bytes);
      return allocate(dtype, length);
    }
    let keeper = this.free.get(bytes)?.pop();
    if (keeper) {
      this.held -= bytes;
      countBytes("reusedBytes", bytes);
    } else {
      keeper = newSharedBuffer(bytes);
      countBytes("freshBytes", bytes);
    }
    const handed = structuredClone(keeper);
    this.registry.register(handed, keeper);
    this.touch();
    return viewOf(dtype, handed, 0, length);
  }

  /** Bytes of free memory held for reuse. */
  get heldBytes(): number {
    return this.held;
  }

  /** Lets go of every free buffer. */
  clear(): void {
    this.free.clear();
    this.held = 0;
  }

  private recycle(keeper: SharedArrayBuffer): void {
    const bytes = keeper.byteLength;
    if (bytes > this.limit) return;
    while (this.held + bytes > this.limit && this.held > 0) this.dropOne();
    const list = this.free.get(bytes) ?? [];
    list.push(keeper);
    this.free.set(bytes, list);
    this.held += bytes;
    this.touch();
  }

  private dropOne(): void {
    for (const [bytes, list] of this.free) {
      list.shift();
      this.held -= bytes;
      if (list.length === 0) this.free.delete(bytes);
      return;
    }
  }

  private touch(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.held === 0) return;
    this.idleTimer = setTimeout(() => this.clear(), IDLE_MS);
    (this.idleTimer as { unref?: () => void }).unref?.();
  }
}

/** The pool compute() draws results from on this thread. */
export const resultPool = new ResultPool();
