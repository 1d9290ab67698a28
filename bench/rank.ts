/**
 * Section "rank": the rank filters on one float64 plane (channel G of the cell stack), one
 * thread, against scipy.ndimage 1.10 on the same pixels (bench/baseline_rank.py), with a note
 * saying whether the outputs are identical.
 */
import { filters, morphology, plane, setWasmEnabled } from "@nima-ts/core";
import { kernelPlanes } from "./data.js";
import {
  type BenchContext,
  best,
  compareNote,
  type Row,
  RowSink,
  readBaselineOutput,
  runBaseline,
} from "./harness.js";

export async function rankSection(ctx: BenchContext): Promise<Row[]> {
  const n = ctx.size;
  const src = plane(kernelPlanes(ctx).f64, [n, n]);
  const sink = new RowSink(runBaseline(ctx, "baseline_rank.py"));
  const out = new Float64Array(n * n);
  const tmp = new Float64Array(n * n);
  const check = (key: string) => compareNote(out, readBaselineOutput(ctx, key), "scipy");
  const cross = morphology.disk(1);

  const medianDisk = () => filters.median(src, { footprint: cross }, { out });
  sink.add(
    `median disk(1), ${n}² float64, 1 thread`,
    await best(medianDisk, { repeats: 5 }),
    "median_disk1",
    "scipy median_filter",
    check("median_disk1"),
  );
  setWasmEnabled(false);
  const js = await best(medianDisk, { repeats: 3 });
  setWasmEnabled(true);
  sink.add("median disk(1) (JS fallback, no wasm)", js, "median_disk1", "scipy median_filter");

  // nima.ratio: median_filter(size=7) then median_filter(size=3), mode reflect.
  const ratioMedians = () => {
    filters.median(src, { size: 7 }, { out: tmp });
    filters.median(plane(tmp, [n, n]), { size: 3 }, { out });
  };
  sink.add(
    "median box 7 then box 3 (ratio images)",
    await best(ratioMedians),
    "median_box7_box3",
    "scipy median_filter ×2",
    check("median_box7_box3"),
  );

  // nima's arcsinh background: percentile_filter(arcsinh(im), 80, size=radius=10).
  sink.add(
    "percentile_filter 80, box 10 (bg arcsinh)",
    await best(() => filters.percentile(src, { size: 10, percentile: 80 }, { out })),
    "percentile80_box10",
    "scipy percentile_filter",
    check("percentile80_box10"),
  );
  return sink.rows;
}
