/**
 * Memory behaviour of the engine: inputs cross to workers without clones, results reuse memory
 * without aliasing live results, `compute({ out })`, and identical bytes whatever the pool.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DataArray } from "../array/data-array.js";
import { isShared, memoryCounters } from "../array/memory.js";
import { readImage } from "../io/read-image.js";
import { WorkerPool } from "./pool.js";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

/** Collects garbage and lets FinalizationRegistry callbacks run. */
async function collect(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const bytesOf = (x: DataArray) =>
  Buffer.from(x.values.buffer, x.values.byteOffset, x.values.byteLength);

function ramp(n: number, scale = 1): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) * 100 * scale);
}

let pool: WorkerPool;
let dir: string;
beforeAll(() => {
  pool = new WorkerPool({ size: 2 });
  dir = mkdtempSync(join(tmpdir(), "nima-memory-"));
});
afterAll(async () => {
  await pool.close();
  rmSync(dir, { recursive: true, force: true });
});

const shape = [3, 64, 48];
const dims = ["C", "Y", "X"];

describe("inputs cross to workers without copies", () => {
  it("moves a plain array from DataArray.from into shared memory once, then never clones", async () => {
    const data = ramp(3 * 64 * 48);
    const x = DataArray.from(data, { shape, dims });
    const before = memoryCounters();
    const first = await x.mul(2).add(1).compute({ executor: pool });
    const middle = memoryCounters();
    expect(middle.movedToShared - before.movedToShared).toBe(data.byteLength);
    expect(middle.clonedToWorkers - before.clonedToWorkers).toBe(0);
    // The array now reads the shared copy: the next compute moves nothing.
    expect(isShared(x.values)).toBe(true);
    await x.mul(3).compute({ executor: pool });
    const after = memoryCounters();
    expect(after.movedToShared - middle.movedToShared).toBe(0);
    expect(after.clonedToWorkers - middle.clonedToWorkers).toBe(0);
    expect(first.values[5]).toBe(data[5] * 2 + 1);
  });

  it("feeds compute results and planes read from zarr to workers in place", async () => {
    const x = DataArray.from(ramp(4 * 3 * 32 * 40), {
      shape: [4, 3, 32, 40],
      dims: ["T", "C", "Y", "X"],
    });
    const computed = await x.mul(2).compute({ executor: pool });
    expect(isShared(computed.values)).toBe(true);
    const store = await x.toZarr(join(dir, "stack.zarr"));
    const read = await readImage(store);
    const before = memoryCounters();
    const again = await computed.add(1).compute({ executor: pool });
    const fromZarr = await read.sub(computed.isel({ T: 0 })).compute({ executor: pool });
    const after = memoryCounters();
    expect(after.movedToShared - before.movedToShared).toBe(0);
    expect(after.clonedToWorkers - before.clonedToWorkers).toBe(0);
    expect(again.values[7]).toBe(computed.values[7] + 1);
    expect(fromZarr.sizes).toEqual({ T: 4, C: 3, Z: 1, Y: 32, X: 40 });
  });
});

describe("compute({ out })", () => {
  const x = DataArray.from(ramp(3 * 64 * 48), { shape, dims });

  it("writes into a shared out in place and returns it as values", async () => {
    const out = new Float64Array(new SharedArrayBuffer(3 * 64 * 48 * 8)).fill(Number.NaN);
    const result = await x.mul(2).compute({ executor: pool, out });
    expect(result.values).toBe(out);
    const reference = await x.mul(2).compute({ workers: 0 });
    expect(bytesOf(result).equals(bytesOf(reference))).toBe(true);
  });

  it("fills a plain out too (each chunk copied in on this thread)", async () => {
    const out = new Float64Array(3 * 64 * 48);
    const result = await x.add(1).compute({ executor: pool, out });
    expect(result.values).toBe(out);
    expect(out[100]).toBe(x.values[100] + 1);
  });

  it("checks the dtype and size of out before any work", async () => {
    await expect(x.compute({ out: new Float32Array(3 * 64 * 48) })).rejects.toThrow(
      /result is float64, so out must be a Float64Array; got Float32Array/,
    );
    await expect(x.mul(2).compute({ out: new Float64Array(10) })).rejects.toThrow(
      /shape \[3, 64, 48\] \(9216 values\); out has 10/,
    );
  });
});

describe("reused result memory", () => {
  it("never aliases a live result, and reuses the memory of unreachable ones", async () => {
    const x = DataArray.from(ramp(3 * 64 * 48), { shape, dims });
    const live = [];
    for (let k = 1; k <= 4; k++) live.push(await x.mul(k).compute({ executor: pool }));
    const buffers = new Set(live.map((r) => r.values.buffer));
    expect(buffers.size).toBe(4);
    // Drop results, collect, compute again: the memory comes back, never that of a live one.
    for (let round = 0; round < 3; round++) {
      const before = memoryCounters();
      let dropped: DataArray | undefined = await x.mul(10 + round).compute({ executor: pool });
      expect(dropped.values[3]).toBe(x.values[3] * (10 + round));
      dropped = undefined;
      await collect();
      const fresh = await x.mul(-1).compute({ executor: pool });
      expect(memoryCounters().reusedBytes - before.reusedBytes).toBeGreaterThan(0);
      fresh.values.fill(12345);
      live.forEach((r, i) => {
        expect(r.values[3]).toBe(x.values[3] * (i + 1));
      });
    }
  });

  it("clears reused memory for kernels that do not write every value", async () => {
    // label writes only foreground pixels: a recycled, dirty output must not leak through.
    const mask = new Uint8Array(3 * 64 * 48);
    for (let i = 0; i < mask.length; i += 7) mask[i] = 1;
    const m = DataArray.from(mask, { shape, dims, dtype: "bool" });
    const expected = await m.astype("int32").applyPlane("label", {}).compute({ workers: 0 });
    for (let round = 0; round < 3; round++) {
      let dirty: DataArray | undefined = await m
        .astype("int32")
        .add(777)
        .compute({ executor: pool });
      expect(dirty.values[1]).toBe(777);
      dirty = undefined;
      await collect();
      const labels = await m.astype("int32").applyPlane("label", {}).compute({ executor: pool });
      expect(bytesOf(labels).equals(bytesOf(expected))).toBe(true);
    }
  });
});

describe("identical bytes whatever the pool", () => {
  it("same result with 0, 1 or 2 workers, warm or cold scratch, with or without out", async () => {
    const im = DataArray.from(ramp(2 * 3 * 96 * 80, 3), {
      shape: [2, 3, 96, 80],
      dims: ["T", "C", "Y", "X"],
    });
    const dark = DataArray.from(ramp(3 * 96 * 80, 0.01), { shape: [3, 96, 80], dims });
    const chain = im
      .sub(dark)
      .div(2)
      .clip(0)
      .applyPlane("median_filter", { footprint: { disk: 1 }, mode: "reflect" });
    const reference = await chain.compute({ workers: 0 });
    const one = new WorkerPool({ size: 1 });
    try {
      for (let round = 0; round < 2; round++) {
        for (const executor of [one, pool]) {
          const plain = await chain.compute({ executor });
          expect(bytesOf(plain).equals(bytesOf(reference))).toBe(true);
          const out = new Float64Array(new SharedArrayBuffer(reference.values.byteLength));
          const into = await chain.compute({ executor, out });
          expect(bytesOf(into).equals(bytesOf(reference))).toBe(true);
        }
      }
    } finally {
      await one.close();
    }
  });
});
