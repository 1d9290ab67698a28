/**
 * What the demo page should show, computed here in Node with @nima-ts/core from the same
 * files: the corrected planes, nima.segment's labels, and the threshold viewer's thresholds
 * and object counts (the steps of nima.segment on the geometric mean).
 */

import {
  plane as asPlane,
  filters,
  morphology,
  ndimage,
  nima,
  readImage,
  type TypedArray,
} from "@nima-ts/core";
import { maskHash } from "./page.js";
import { REPO } from "./server.js";

export interface Expected {
  ny: number;
  nx: number;
  /** Corrected value at (t, c, y, x); c in the file's order G, R, C. */
  value(t: number, c: number, y: number, x: number): number;
  labelAt(t: number, y: number, x: number): number;
  /** Largest label at time t (nima.segment numbers objects 1..n per plane). */
  labelCount(t: number): number;
  thresholds: { yen: number; li: number; otsu: number };
  /** Objects and pixels of the threshold viewer's mask of the T=0 geometric mean. */
  mask(threshold: number, minSize: number): { count: number; area: number; hash: number };
}

export async function expectedFromNode(): Promise<Expected> {
  const data = (name: string) => `${REPO}/examples/data/${name}`;
  const image = await readImage(data("sample.tif"), { channels: ["G", "R", "C"] });
  const shaded = nima.shading(
    image,
    await readImage(data("dark.tif")),
    await readImage(data("flat.tif")),
  );
  const corrected = await nima
    .bg(shaded, new nima.BgParams({ kind: "li_adaptive" }))
    .image.compute();
  const labels = await nima.segment(corrected, { channels: ["C", "G", "R"] }).compute();
  const gm = await nima.geometricMean(corrected, ["C", "G", "R"]).isel({ T: 0 }).compute();
  const { C: nc, Y: ny, X: nx } = corrected.sizes;
  const values = corrected.values;
  const labelValues = labels.values;
  const plane = gm.values as TypedArray;
  const mask = (threshold: number, minSize: number) => {
    let m: Uint8Array = new Uint8Array(ny * nx);
    for (let i = 0; i < m.length; i++) m[i] = plane[i] > threshold ? 1 : 0;
    const shape = [ny, nx] as const;
    if (minSize > 0) {
      m = morphology.removeSmallObjects(asPlane(m, shape, "bool"), { maxSize: minSize - 1 }).data;
    }
    m = morphology.closing(asPlane(m, shape)).data as Uint8Array;
    let area = 0;
    for (let i = 0; i < m.length; i++) area += m[i];
    const count = ndimage.label(asPlane(m, shape)).data.reduce((a, b) => Math.max(a, b), 0);
    return { count, area, hash: maskHash(m) };
  };
  return {
    ny,
    nx,
    value: (t, c, y, x) => values[((t * nc + c) * ny + y) * nx + x],
    labelAt: (t, y, x) => labelValues[(t * ny + y) * nx + x],
    labelCount: (t) => {
      let max = 0;
      for (let i = t * ny * nx; i < (t + 1) * ny * nx; i++) max = Math.max(max, labelValues[i]);
      return max;
    },
    thresholds: {
      yen: filters.thresholdYen(asPlane(plane, [ny, nx])),
      li: filters.thresholdLi(asPlane(plane, [ny, nx])),
      otsu: filters.thresholdOtsu(asPlane(plane, [ny, nx])),
    },
    mask,
  };
}
