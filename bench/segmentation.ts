/**
 * Section "segmentation": the kernels behind nima.segment and nima.measure on one plane, one
 * thread, against scipy 1.10 / scikit-image 0.19 (bench/baseline_segmentation.py).
 *
 * The plane is nima's: the geometric mean of frame 0 of the cell stack (~170 cells, some
 * touching) thresholded with yen. Python gets that mask (mask.npy) and the G channel
 * (frame0.npy), and derives the rest as nima-ts does: remove_small_objects(640) → closing →
 * label → EDT → peaks → watershed. Its watershed is scikit-image 0.19's compiled one (the 0.26
 * rule nima-ts follows costs nothing extra).
 */
import {
  filters,
  measure,
  morphology,
  ndimage,
  nima,
  type Plane,
  plane,
  segmentation,
} from "@nima-ts/core";
import { kernelPlanes } from "./data.js";
import {
  type BenchContext,
  best,
  compareNote,
  type Row,
  RowSink,
  readBaselineOutput,
  runBaseline,
  writeNpy,
} from "./harness.js";

/** nima's ga: (C·G·R)^(1/3) in float64, product in the order of segment's default channels. */
function geometricMean(frame: Uint16Array, plane: number): Float64Array {
  const ga = new Float64Array(plane);
  const [g, r, c] = [0, 1, 2].map((k) => frame.subarray(k * plane, (k + 1) * plane));
  for (let i = 0; i < plane; i++) ga[i] = (c[i] * g[i] * r[i]) ** (1 / 3);
  return ga;
}

export async function segmentationSection(ctx: BenchContext): Promise<Row[]> {
  const n = ctx.size;
  const { frame, f64: intensity } = kernelPlanes(ctx);
  const ga = geometricMean(frame, n * n);
  const threshold = filters.thresholdYen(plane(ga, [n, n]));
  const mask = new Uint8Array(n * n);
  for (let i = 0; i < mask.length; i++) mask[i] = ga[i] > threshold ? 1 : 0;
  writeNpy(ctx, "mask", mask, [n, n], "bool");
  const sink = new RowSink(runBaseline(ctx, "baseline_segmentation.py"));
  const opts = { repeats: 5 };

  // The intermediate planes, as nima.segment makes them.
  const maskPlane = plane(mask, [n, n], "bool");
  const small = { maxSize: 639 };
  const large = morphology.removeSmallObjects(maskPlane, small);
  const closed = morphology.closing(large);
  const labels = ndimage.label(closed);
  const count = labels.data.reduce((a, b) => Math.max(a, b), 0);
  const edt = ndimage.distanceTransformEdt(closed);
  const props = measure.regionpropsTable(labels);
  let maxDiameter = 0;
  for (const d of props.equivalentDiameterArea) maxDiameter = Math.max(maxDiameter, d);
  const side = Math.trunc(2.2 * maxDiameter);
  const peakOptions = { labels, size: side, minDistance: side, excludeBorder: false };
  const peaks = segmentation.peakLocalMax(edt, peakOptions);
  const peakMask = new Uint8Array(n * n);
  for (const [r, c] of peaks) peakMask[r * n + c] = 1;
  const markers = measure.label(plane(peakMask, [n, n]));
  const negEdt: Plane = plane(
    edt.data.map((v) => -v),
    [n, n],
  );
  const rawCount = ndimage.label(maskPlane).data.reduce((a, b) => Math.max(a, b), 0);

  const rows: [string, string, () => unknown, string, (() => string | undefined)?][] = [
    [
      `label (4-conn), raw yen mask ${n}²`,
      "label",
      () => ndimage.label(maskPlane),
      "ndimage.label",
      () => `${rawCount} objects`,
    ],
    ["measure.label (8-conn)", "label8", () => measure.label(maskPlane), "skimage measure.label"],
    [
      "remove_small_objects (min_size 640)",
      "remove_small_objects",
      () => morphology.removeSmallObjects(maskPlane, small),
      "skimage remove_small_objects",
      () => compareNote(large.data, readBaselineOutput(ctx, "remove_small_objects"), "skimage"),
    ],
    [
      "closing (3×3 cross)",
      "closing",
      () => morphology.closing(large),
      "skimage closing",
      () => compareNote(closed.data, readBaselineOutput(ctx, "closing"), "skimage"),
    ],
    [
      "distance_transform_edt",
      "edt",
      () => ndimage.distanceTransformEdt(closed),
      "ndimage distance_transform_edt",
      () => compareNote(edt.data, readBaselineOutput(ctx, "edt"), "scipy"),
    ],
    [
      `peak_local_max (nima: labels, footprint ${side}²)`,
      "peak_local_max",
      () => segmentation.peakLocalMax(edt, peakOptions),
      "skimage peak_local_max",
      () => `${peaks.length} peaks`,
    ],
    [
      "watershed (flooding only)",
      "watershed",
      () => segmentation.watershed(negEdt, markers, { mask: labels }),
      "skimage watershed",
    ],
    [
      "nima watershed (label, EDT, peaks, watershed)",
      "nima_watershed",
      () => nima.splitCells(closed.data, n, n),
      "skimage/scipy equivalent",
      () =>
        compareNote(
          nima.splitCells(closed.data, n, n).labels,
          readBaselineOutput(ctx, "nima_watershed"),
          "0.19",
        ),
    ],
    [
      `regionprops (${count} labels, with intensity)`,
      "regionprops",
      () => measure.regionpropsTable(labels, plane(intensity, [n, n])),
      "skimage regionprops",
    ],
  ];
  for (const [name, key, run, against, note] of rows) {
    const slow = key === "peak_local_max" || key === "nima_watershed";
    sink.add(name, await best(run, slow ? { repeats: 3 } : opts), key, against, note?.());
  }
  return sink.rows;
}
