/**
 * Decoded tiles by key: a least-recently-used cache bounded by bytes, with in-flight loads
 * shared (two views asking for one tile make one request) and cancelled once every asker has
 * given up (a view that moved on aborts its signal), after OpenSeadragon's tile cache.
 */

interface Entry<T> {
  promise: Promise<T>;
  value?: T;
  bytes: number;
  /** Askers still waiting for an in-flight load, and its abort. */
  waiters: number;
  controller?: AbortController;
}

export class TileCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private total = 0;

  constructor(
    private readonly budget: number,
    private readonly sizeOf: (value: T) => number,
  ) {}

  /** The tile `key`, loaded by `load(signal)` unless cached or in flight. */
  get(key: string, load: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    let entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
      if (entry.value !== undefined) return Promise.resolve(entry.value);
    } else {
      const controller = new AbortController();
      const created: Entry<T> = {
        promise: load(controller.signal),
        bytes: 0,
        waiters: 0,
        controller,
      };
      entry = created;
      this.entries.set(key, created);
      created.promise.then(
        (value) => {
          created.controller = undefined;
          if (this.entries.get(key) !== created) return;
          created.value = value;
          created.bytes = this.sizeOf(value);
          this.total += created.bytes;
          this.evict();
        },
        // A failed or aborted load is not kept: the next asker tries again.
        () => {
          if (this.entries.get(key) === created) this.entries.delete(key);
        },
      );
    }
    return this.wait(key, entry, signal);
  }

  /** The tile if it is decoded and here (no request). */
  peek(key: string): T | undefined {
    return this.entries.get(key)?.value;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get bytes(): number {
    return this.total;
  }

  private wait(key: string, entry: Entry<T>, signal?: AbortSignal): Promise<T> {
    if (!signal) {
      entry.waiters = Number.POSITIVE_INFINITY; // someone wants it whatever happens
      return entry.promise;
    }
    signal.throwIfAborted();
    entry.waiters++;
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        reject(signal.reason);
        // The last asker gone: stop the request itself.
        if (--entry.waiters === 0 && entry.controller) {
          entry.controller.abort(signal.reason);
          if (this.entries.get(key) === entry) this.entries.delete(key);
        }
      };
      signal.addEventListener("abort", onAbort, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener("abort", onAbort);
          entry.waiters--;
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener("abort", onAbort);
          entry.waiters--;
          reject(error);
        },
      );
    });
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.total <= this.budget || this.entries.size <= 1) break;
      if (entry.value === undefined) continue; // in flight: not counted yet
      this.entries.delete(key);
      this.total -= entry.bytes;
    }
  }
}
