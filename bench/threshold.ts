/**
 * Section "threshold": threshold_li, threshold_yen and threshold_otsu on one plane (channel
 * G of the cell stack) as float64 and as uint16, against scikit-image 0.19 on the same pixels
 * (bench/baseline_threshold.py). The note compares the thresholds: nima-ts follows 0.26, whose
 * yen/otsu keep float32 counts and whose li stops at a zero background mean, so a last-bit
 * difference from 0.19 is expected, not a bug.
 */

import { filters, type TypedArray } from "@nima-ts/core";
import { kernelPlanes } from "./data.js";
import { type BenchContext, best, type Row, RowSink, runBaseline } from "./harness.js";

export async function thresholdSection(ctx: BenchContext): Promise<Row[]> {
  const { f64, u16 } = kernelPlanes(ctx);
  const baseline = runBaseline(ctx, "baseline_threshold.py");
  const sink = new RowSink(baseline);
  const cases: [string, (image: TypedArray) => number][] = [
    // A global threshold ignores the plane's shape: one row holds the values.
    ["li", (image) => filters.thresholdLi({ data: image, shape: [1, image.length] })],
    ["yen", (image) => filters.thresholdYen({ data: image, shape: [1, image.length] })],
    ["otsu", (image) => filters.thresholdOtsu({ data: image, shape: [1, image.length] })],
  ];
  for (const [method, fn] of cases) {
    for (const [dtype, image] of [
      ["float64", f64],
      ["uint16", u16],
    ] as const) {
      const key = `${method}_${dtype}`;
      let value = Number.NaN;
      const seconds = await best(
        () => {
          value = fn(image);
        },
        { repeats: 5 },
      );
      const theirs = baseline.values[key];
      const note =
        typeof theirs !== "number"
          ? `t = ${value}`
          : theirs === value
            ? `t = ${value}, = skimage 0.19`
            : `t = ${value}, skimage 0.19: ${theirs}`;
      sink.add(
        `threshold_${method}, ${ctx.size}² ${dtype}`,
        seconds,
        key,
        `skimage threshold_${method}`,
        note,
      );
    }
  }
  return sink.rows;
}
