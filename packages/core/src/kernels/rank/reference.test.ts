/**
 * Parity with the Python nima reference outputs (../shared/reference, see its README):
 * - plane/median: nima.median = median_filter(footprint=disk(1), mode reflect) on plane
 *   input[T=1, C='C'] (uint16 in nima, stored as float64);
 * - pipeline/default/r_cl_nomask_t1: nima.ratio's median_filter(size=7) then (size=3) of the
 *   C/R ratio of im_bg at T=1, the box path on real data (float64, many ties at 0).
 */
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import {
  hasRef,
  loadNpy,
  planeOf,
  referenceCases,
  refPath,
} from "../../../../../test/helpers/reference.js";
import type { TypedArray } from "../../array/dtype.js";
import { diskFootprint as disk } from "../footprint.js";
import { medianFilter } from "./rank-filter.js";
import { setRankWasmEnabled } from "./wasm.js";

const C = 2; // channel order G, R, C
const R = 1;

function firstMismatch(got: TypedArray, want: TypedArray): number {
  for (let i = 0; i < want.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}

/** bg.csv row `t` as {C, G, R} (pandas to_csv: the first header cell is the index). */
function background(caseName: string, t: number): Record<string, number> {
  const [header, ...rows] = readFileSync(refPath(caseName, "pipeline/default/bg.csv"), "utf8")
    .trim()
    .split("\n");
  const names = header.split(",");
  const cells = rows[t].split(",");
  return Object.fromEntries(names.slice(1).map((n, i) => [n, Number.parseFloat(cells[i + 1])]));
}

describe.each(referenceCases())("reference %s", (caseName) => {
  afterEach(() => setRankWasmEnabled(true));

  it.each([true, false])("nima.median plane, uint16 and float64 input (wasm %s)", (wasm) => {
    setRankWasmEnabled(wasm);
    const plane = planeOf(loadNpy(caseName, "input.npy.gz"), 1, C);
    const [ny, nx] = plane.shape;
    const want = loadNpy(caseName, "plane/median.npy.gz").data;
    const asFloat = medianFilter(plane.data, ny, nx, { footprint: disk(1) });
    expect(firstMismatch(asFloat, want)).toBe(-1);
    const asUint16 = medianFilter(Uint16Array.from(plane.data), ny, nx, { footprint: disk(1) });
    expect(asUint16).toBeInstanceOf(Uint16Array);
    expect(firstMismatch(Float64Array.from(asUint16), want)).toBe(-1);
  });

  it.each([true, false])("nima.ratio's median 7 then 3 (wasm %s)", (wasm) => {
    setRankWasmEnabled(wasm);
    const t = 1;
    // Case e is shaded first; im_bg = clip(im - bg[t, c], 0) in float64 (README 4.1).
    const im = hasRef(caseName, "pipeline/default/shaded.npy.gz")
      ? loadNpy(caseName, "pipeline/default/shaded.npy.gz")
      : loadNpy(caseName, "input.npy.gz");
    const bg = background(caseName, t);
    const num = planeOf(im, t, C).data;
    const den = planeOf(im, t, R).data;
    const ratio = new Float64Array(num.length);
    for (let i = 0; i < ratio.length; i++) {
      const r = Math.max(num[i] - bg.C, 0) / Math.max(den[i] - bg.R, 0);
      ratio[i] = Number.isFinite(r) ? r : 0;
    }
    const [ny, nx] = planeOf(im, t, C).shape;
    const seven = medianFilter(ratio, ny, nx, { size: 7 });
    const got = medianFilter(seven, ny, nx, { size: 3 });
    const want = loadNpy(caseName, "pipeline/default/r_cl_nomask_t1.npy.gz").data;
    expect(firstMismatch(got, want)).toBe(-1);
  });
});
