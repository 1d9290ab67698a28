/**
 * Section "seed": graph construction, shading of one timepoint, median of one plane and the
 * whole stack streamed (shading + median, peak RSS), through the DataArray API and the worker
 * pool, against numpy/scipy (bench/baseline.py).
 */
import { type DataArray, nima, randomUniform } from "@nima-ts/core";
import { type BenchContext, best, type Row, RowSink, runBaseline } from "./harness.js";

const channels = 3;

export async function seedSection(ctx: BenchContext): Promise<Row[]> {
  const { size, frames } = ctx;
  const sink = new RowSink(runBaseline(ctx, "baseline.py"));
  const stackOptions = {
    shape: [frames, channels, 1, size, size],
    dims: ["T", "C", "Z", "Y", "X"],
    seed: 1,
    coords: { C: ["G", "R", "C"] },
  };

  // Dark and flat as nima-ts arrays (C, Y, X) in memory.
  const dark = (await randomUniform({
    shape: [channels, size, size],
    dims: ["C", "Y", "X"],
    seed: 2,
  })
    .mul(0.1)
    .compute()) as DataArray;
  const flat = (await randomUniform({
    shape: [channels, size, size],
    dims: ["C", "Y", "X"],
    seed: 3,
  })
    .add(0.5)
    .compute()) as DataArray;

  // 1. Graph construction for shading + median of the whole lazy stack.
  const graphSeconds = await best(
    () => {
      const stack = randomUniform(stackOptions);
      return nima.median(nima.shading(stack, dark, flat)).graph();
    },
    { repeats: 3 },
  );
  sink.add(
    `graph: shading+median, T=${frames} C=${channels} ${size}²`,
    graphSeconds,
    "graph_shading_stack",
    "dask graph (shading only)",
  );

  // 2. Shading of one timepoint already in memory (numpy: clip((im-dark)/flat, 0)).
  const timepoint = await randomUniform(stackOptions)
    .isel({ T: [0] })
    .compute();
  await nima.shading(timepoint, dark, flat).compute(); // start the workers
  const shadingSeconds = await best(() => nima.shading(timepoint, dark, flat).compute(), {
    repeats: 5,
  });
  sink.add(`shading, one timepoint (3×${size}²)`, shadingSeconds, "shading_timepoint", "numpy");

  // 3. Median disk(1) of one plane in memory (the pool splits it into row bands).
  const planeData = await timepoint.isel({ C: [0] }).compute();
  const medianSeconds = await best(() => nima.median(planeData).compute(), { repeats: 5 });
  sink.add(
    `median disk(1), one ${size}² plane`,
    medianSeconds,
    "median_disk1_plane",
    "scipy",
    "2 workers",
  );

  // 4. The whole stack streamed: generate, shade, median, keep each plane's max. Peak RSS.
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 20);
  const stackSeconds = await best(
    () =>
      nima
        .median(nima.shading(randomUniform(stackOptions), dark, flat))
        .max(["Y", "X"])
        .compute(),
    { repeats: 1 },
  );
  clearInterval(sampler);
  const stackBytes = frames * channels * size * size * 8;
  sink.add(
    `shading+median, whole stack T=${frames} C=${channels} streamed`,
    stackSeconds,
    "full_stack_shading_median",
    "numpy+scipy loop",
    `peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB for a ${(stackBytes / 2 ** 20).toFixed(0)} MiB stack`,
  );
  return sink.rows;
}
