import { describe, expect, it } from "vitest";
import { TileCache } from "./tile-cache.js";

/** A load that resolves when told, recording its signal. */
function deferred() {
  const calls: { key: string; signal: AbortSignal; resolve: (v: Uint8Array) => void }[] = [];
  const load = (key: string) => (signal: AbortSignal) =>
    new Promise<Uint8Array>((resolve, reject) => {
      calls.push({ key, signal, resolve });
      signal.addEventListener("abort", () => reject(signal.reason));
    });
  return { calls, load };
}

describe("TileCache", () => {
  it("shares one in-flight load between askers and caches the result", async () => {
    const cache = new TileCache<Uint8Array>(1000, (v) => v.byteLength);
    const { calls, load } = deferred();
    const a = cache.get("t", load("t"));
    const b = cache.get("t", load("t"), new AbortController().signal);
    expect(calls).toHaveLength(1);
    calls[0].resolve(new Uint8Array(10));
    expect(await a).toBe(await b);
    expect(cache.peek("t")).toBe(await a);
    await cache.get("t", load("t"));
    expect(calls).toHaveLength(1);
    expect(cache.bytes).toBe(10);
  });

  it("cancels the request once every asker has aborted, not before", async () => {
    const cache = new TileCache<Uint8Array>(1000, (v) => v.byteLength);
    const { calls, load } = deferred();
    const [one, two] = [new AbortController(), new AbortController()];
    const a = cache.get("t", load("t"), one.signal);
    const b = cache.get("t", load("t"), two.signal);
    one.abort();
    await expect(a).rejects.toBeDefined();
    expect(calls[0].signal.aborted).toBe(false);
    two.abort();
    await expect(b).rejects.toBeDefined();
    expect(calls[0].signal.aborted).toBe(true);
    expect(cache.has("t")).toBe(false);
    // Asked again later: a new request.
    void cache.get("t", load("t")).catch(() => {});
    expect(calls).toHaveLength(2);
  });

  it("evicts the least recently used tiles beyond its byte budget", async () => {
    const cache = new TileCache<Uint8Array>(25, (v) => v.byteLength);
    for (const key of ["a", "b"]) await cache.get(key, async () => new Uint8Array(10));
    await cache.get("a", async () => new Uint8Array(10)); // a is now the most recent
    await cache.get("c", async () => new Uint8Array(10));
    expect([cache.has("a"), cache.has("b"), cache.has("c")]).toEqual([true, false, true]);
    expect(cache.bytes).toBe(20);
  });
});
