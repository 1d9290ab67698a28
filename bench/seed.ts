/**
 * Section "seed": the seed's own scenario, through the public API, against its real peers in
 * the same run. bench/baseline_seed.py first writes a T×3×1×size² float64 stack as zarr v2
 * stores (one chunk per plane; uncompressed and zstd) and times xarray + dask on them; then
 * nima-ts reads the same stores lazily with `readImage`. Dark and flat are plain Float64Arrays
 * given to `DataArray.from`, as a user's arrays would be. Also: arrays in memory against
 * numpy, per-task overhead against dask, and 2 workers against 1.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  DataArray as DA,
  type DataArray,
  memoryCounters,
  nima,
  parseNpy,
  readImage,
} from "@nima-ts/core";
import { type BenchContext, best, type Row, RowSink, runBaseline } from "./harness.js";

const MiB = 2 ** 20;

/** A .npy file as a plain (non-shared) Float64Array, as a user's loader would give it. */
function plainNpy(path: string): { data: Float64Array; shape: number[] } {
  const { data, shape } = parseNpy(readFileSync(path));
  return { data: Float64Array.from(data), shape };
}

/** Runs `fn` while sampling this process's RSS; returns its seconds and the peak above start. */
async function withPeakRss(fn: () => Promise<unknown>): Promise<{ seconds: number; rss: number }> {
  const start = process.memoryUsage().rss;
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  const t0 = performance.now();
  await fn();
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  return { seconds, rss: Math.max(peak, process.memoryUsage().rss) - start };
}

export async function seedSection(ctx: BenchContext): Promise<Row[]> {
  const { size, frames } = ctx;
  const baseline = runBaseline(ctx, "baseline_seed.py");
  const sink = new RowSink(baseline);
  const dims = ["C", "Z", "Y", "X"];
  const darkNpy = join(ctx.dir, "dark.npy");
  if (!existsSync(darkNpy) || !existsSync(join(ctx.dir, "stack_raw.zarr"))) {
    console.error("(seed: the stores are written by baseline_seed.py, which needs numpy and zarr)");
    return sink.rows;
  }
  const darkRaw = plainNpy(darkNpy);
  const flatRaw = plainNpy(join(ctx.dir, "flat.npy"));
  const shape = [3, 1, size, size];
  const dark = DA.from(darkRaw.data, { shape, dims });
  const flat = DA.from(flatRaw.data, { shape, dims });
  const stackMiB = (frames * 3 * size * size * 8) / MiB;
  const stores = existsSync(join(ctx.dir, "stack_zstd.zarr")) ? ["raw", "zstd"] : ["raw"];
  const images = new Map<string, DataArray>();
  for (const name of stores) images.set(name, await readImage(join(ctx.dir, `stack_${name}.zarr`)));
  const raw = images.get("raw")!;

  // Graph construction: shading + median of the whole lazy stack (dask: __dask_graph__).
  const graphSeconds = await best(() => nima.median(nima.shading(raw, dark, flat)).graph(), {
    repeats: 5,
  });
  sink.add(
    `graph: shading+median, T=${frames} C=3 ${size}²`,
    graphSeconds,
    "graph_shading_median",
    "dask graph",
  );

  // First compute moves dark and flat into shared memory, once; later ones read in place.
  const before = memoryCounters();
  const first = await withPeakRss(() => nima.shading(raw.isel({ T: 0 }), dark, flat).compute());
  const moved = (memoryCounters().movedToShared - before.movedToShared) / MiB;
  for (const name of stores) {
    const im = images.get(name)!;
    const seconds = await best(() => nima.shading(im.isel({ T: 0 }), dark, flat).compute(), {
      repeats: 5,
    });
    sink.add(
      `shading, one timepoint (3×${size}²) from zarr (${name})`,
      seconds,
      `shading_timepoint_${name}`,
      "xarray+dask",
      name === "raw"
        ? `first call ${(first.seconds * 1000).toFixed(0)} ms (moves dark+flat, ${moved.toFixed(0)} MiB, to shared memory once)`
        : undefined,
    );
  }
  for (const name of stores) {
    const im = images.get(name)!;
    const seconds = await best(() => nima.median(im.isel({ T: 0, C: 0, Z: 0 })).compute(), {
      repeats: 5,
    });
    sink.add(
      `median disk(1), one ${size}² plane from zarr (${name})`,
      seconds,
      `median_plane_${name}`,
      "dask+scipy",
    );
  }

  // The whole stack streamed: shade, median, keep each plane's max. RSS above the start.
  for (const name of stores) {
    const im = images.get(name)!;
    const run = await withPeakRss(() =>
      nima
        .median(nima.shading(im, dark, flat))
        .max(["Y", "X"])
        .compute(),
    );
    const theirs = baseline.values[`stack_streamed_${name}_rss_above_start`] as number | undefined;
    sink.add(
      `shading+median, whole stack T=${frames} (${stackMiB.toFixed(0)} MiB, ${name}) streamed`,
      run.seconds,
      `stack_streamed_${name}`,
      "xarray+dask",
      `RSS +${(run.rss / MiB).toFixed(0)} MiB` +
        (theirs === undefined ? "" : ` (dask +${(theirs / MiB).toFixed(0)} MiB)`),
    );
  }
  const budget = Math.floor((stackMiB * MiB) / 4);
  let enginePeak = 0;
  const bounded = await withPeakRss(() =>
    nima
      .median(nima.shading(raw, dark, flat))
      .max(["Y", "X"])
      .compute({
        memoryBudget: budget,
        onProgress: (p) => {
          enginePeak = Math.max(enginePeak, p.peakBytes);
        },
      }),
  );
  sink.add(
    `the same, memoryBudget = ¼ stack (${(budget / MiB).toFixed(0)} MiB)`,
    bounded.seconds,
    "stack_streamed_raw",
    "xarray+dask",
    `RSS +${(bounded.rss / MiB).toFixed(0)} MiB; planes held+in flight ≤ ${(enginePeak / MiB).toFixed(0)} MiB`,
  );

  // In memory: three plain Float64Arrays from user code, against numpy.
  const im = DA.from(
    Float64Array.from(darkRaw.data, (v) => v * 10),
    { shape, dims },
  );
  const firstInMemory = await withPeakRss(() => nima.shading(im, dark, flat).compute());
  const inMemory = await best(() => nima.shading(im, dark, flat).compute(), { repeats: 8 });
  sink.add(
    `shading, one timepoint in memory (DataArray.from plain arrays)`,
    inMemory,
    "shading_timepoint_numpy",
    "numpy",
    `first call ${(firstInMemory.seconds * 1000).toFixed(0)} ms (moves the image to shared memory)`,
  );
  const out = new Float64Array(new SharedArrayBuffer(3 * size * size * 8));
  const intoOut = await best(() => nima.shading(im, dark, flat).compute({ out }), { repeats: 8 });
  sink.add(`the same, compute({ out })`, intoOut, "shading_timepoint_numpy", "numpy");

  // Per-task overhead: an elementwise op and a row sum over 4000 tiny chunks.
  const tiny = DA.from(new Float64Array(4000 * 16).fill(1), {
    shape: [4000, 16],
    dims: ["T", "X"],
  });
  const tinySeconds = await best(() => tiny.add(1).sum("X").compute(), { repeats: 3 });
  sink.add(
    "4000 tiny chunks: (x + 1).sum(X)",
    tinySeconds,
    "tiny_chunks",
    "dask",
    `${((tinySeconds / 4000) * 1e6).toFixed(0)} µs per chunk`,
  );

  // Both cores: a compute-bound kernel (the ratio images' 7×7 median) on 4 timepoints held
  // in memory, 2 workers against 1.
  const held = await raw.isel({ T: { start: 0, stop: Math.min(frames, 4) } }).compute();
  const median7 = (workers: number) =>
    best(
      () =>
        held
          .applyPlane("median_filter", { size: 7, mode: "reflect" })
          .max(["Y", "X"])
          .compute({ workers }),
      { repeats: 2 },
    );
  const one = await median7(1);
  const two = await median7(2);
  sink.addAgainst(
    `median 7×7 of ${held.sizes.T}×3 planes in memory, 2 workers vs 1`,
    two,
    "1 worker",
    one,
    `speed-up ${(one / two).toFixed(2)}×`,
  );
  return sink.rows;
}
