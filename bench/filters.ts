/**
 * Section "filters": gaussian_filter, uniform_filter, threshold_local, wiener and rank
 * entropy on one plane (channel G of the cell stack), one thread, against scipy.ndimage /
 * scipy.signal / scikit-image on the same pixels (bench/baseline_filters.py).
 *
 * The threshold_local baseline is what scikit-image 0.26 runs (gaussian_filter with sigma
 * (b−1)/6, mode reflect, minus the offset), not the installed 0.19: its threshold_local spends
 * seconds in `_supported_float_type(image)` iterating over the pixels (fixed later), which
 * would flatter the ratio.
 */
import { plane as asPlane, filters, setWasmEnabled, util } from "@nima-ts/core";
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

/** nima's adaptive radius for a plane `nx` wide: int(nx / 2), made odd. */
function nimaAdaptiveBlock(nx: number): number {
  const radius = Math.trunc(nx / 2);
  return radius % 2 === 0 ? radius + 1 : radius;
}

export async function filtersSection(ctx: BenchContext): Promise<Row[]> {
  const n = ctx.size;
  const { f64, u16 } = kernelPlanes(ctx);
  const plane = asPlane(f64, [n, n]);
  const block = nimaAdaptiveBlock(n);
  const sink = new RowSink(runBaseline(ctx, "baseline_filters.py", [String(block)]));
  const out = new Float64Array(n * n);
  const into = { out }; // the kernels write here, as the per-plane tasks do
  const check = (key: string, who: string) => compareNote(out, readBaselineOutput(ctx, key), who);

  const gaussian = () => filters.gaussian(plane, { sigma: 10 }, into);
  sink.add(
    `gaussian_filter σ=10, ${n}² float64, 1 thread`,
    await best(gaussian, { repeats: 5 }),
    "gaussian10",
    "scipy gaussian_filter",
    check("gaussian10", "scipy"),
  );
  setWasmEnabled(false);
  const js = await best(gaussian, { repeats: 2 });
  setWasmEnabled(true);
  sink.add(
    "gaussian_filter σ=10 (JS fallback, no SIMD)",
    js,
    "gaussian10",
    "scipy gaussian_filter",
  );

  sink.add(
    "uniform_filter size=7",
    await best(() => filters.uniform(plane, { size: 7 }, into), { repeats: 5 }),
    "uniform7",
    "scipy uniform_filter",
    check("uniform7", "scipy"),
  );

  for (const b of [101, block]) {
    sink.add(
      `threshold_local block=${b}${b === block ? " (nima's default here)" : ""}`,
      await best(() => filters.thresholdLocal(plane, { blockSize: b }, into), {
        repeats: b > 257 ? 1 : 3,
      }),
      `threshold_local${b}`,
      "skimage 0.26 threshold_local",
      check(`threshold_local${b}`, "python"),
    );
  }

  sink.add(
    "wiener 3×3 (segment --wiener)",
    await best(() => filters.wiener(plane, { mySize: [3, 3] }, into)),
    "wiener3",
    "scipy.signal.wiener",
    check("wiener3", "scipy"),
  );

  // nima's entropy background on a uint16 plane: rank.entropy(img_as_ubyte(im), disk(10)).
  const u8 = asPlane(util.imgAsUbyte(u16), [n, n]);
  sink.add(
    "entropy disk(10), uint8 (bg entropy)",
    await best(() => filters.entropy(u8, { radius: 10 }, into)),
    "entropy10",
    "skimage rank.entropy",
    check("entropy10", "skimage"),
  );
  return sink.rows;
}
