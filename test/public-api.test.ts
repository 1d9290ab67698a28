/**
 * The public kernel namespaces, imported by package name as a user would: eager on a plane
 * equals lazy per plane on a DataArray, typed handles are checked when the graph is built,
 * labels are int32 by construction, and each function agrees with scipy / scikit-image on a
 * reference plane (the installed scikit-image is 0.19: only functions whose semantics did
 * not change since are compared to it; the 0.26 thresholds have their own oracle tests).
 */
import {
  DataArray,
  defineKernel,
  filters,
  kernelNames,
  measure,
  morphology,
  ndimage,
  type Plane,
  plane,
  segmentation,
  stats,
  UnknownKernelError,
} from "@nima-ts/core";
import * as browser from "@nima-ts/core/browser";
import * as filtersPath from "@nima-ts/core/filters";
import { describe, expect, it } from "vitest";
import { numpyUsesSvml, pythonAvailable, runPython } from "./helpers/python.js";
import { loadNpy, planeOf } from "./helpers/reference.js";

const N = 96;
/** A 96×96 crop of reference case a (T=0, C=0), float64 and rounded to uint16. */
function referencePlane(): { f64: Plane<Float64Array>; u16: Plane<Uint16Array> } {
  const full = planeOf(loadNpy("a_separated_512", "input.npy.gz"), 0, 0);
  const f64 = new Float64Array(N * N);
  for (let y = 0; y < N; y++)
    f64.set(full.data.subarray((200 + y) * 512 + 200, (200 + y) * 512 + 200 + N), y * N);
  const u16 = Uint16Array.from(f64, (v) => Math.max(0, Math.round(v)));
  return { f64: plane(f64, [N, N]), u16: plane(u16, [N, N]) };
}

const stack = (p: Plane, copies = 2) => {
  const data = new (p.data.constructor as Float64ArrayConstructor)(copies * p.data.length);
  for (let i = 0; i < copies; i++) data.set(p.data, i * p.data.length);
  return DataArray.from(data, {
    shape: [copies, ...p.shape],
    dims: ["T", "Y", "X"],
    dtype: p.dtype,
  });
};

/** Eager on the plane and lazy over a 2-plane stack give the same values on every plane. */
async function sameLazy(eager: Plane, lazy: DataArray): Promise<void> {
  const computed = await lazy.compute({ workers: 0 });
  expect(computed.dtype).toBe(eager.dtype);
  const n = eager.data.length;
  for (let t = 0; t < 2; t++) {
    expect(Array.from(computed.values.subarray(t * n, (t + 1) * n))).toEqual(
      Array.from(eager.data),
    );
  }
}

describe("public namespaces, by package name", () => {
  it("exports every namespace, also as subpaths and from ./browser (the same functions)", () => {
    for (const ns of [filters, morphology, measure, segmentation, ndimage, stats]) {
      expect(Object.keys(ns).length).toBeGreaterThan(2);
    }
    expect(filtersPath.gaussian).toBe(filters.gaussian);
    expect(browser.filters.thresholdLi).toBe(filters.thresholdLi);
    expect(browser.measure.label).toBe(measure.label);
  });

  it("filters: eager equals lazy per plane", async () => {
    const { f64, u16 } = referencePlane();
    const cases: [Plane, (x: never) => Plane | DataArray][] = [
      [f64, (x) => filters.median(x, { footprint: morphology.disk(1) })],
      [f64, (x) => filters.percentile(x, { percentile: 80, size: 5 })],
      [f64, (x) => filters.rank(x, { rank: -1, size: 3 })],
      [f64, (x) => filters.gaussian(x, { sigma: 2 })],
      [f64, (x) => filters.uniform(x, { size: 5 })],
      [f64, (x) => filters.wiener(x, {})],
      [u16, (x) => filters.entropy(x, { radius: 3 })],
      [f64, (x) => filters.thresholdLocal(x, { blockSize: 15 })],
    ];
    for (const [p, f] of cases)
      await sameLazy(f(p as never) as Plane, f(stack(p) as never) as DataArray);
  });

  it("filters: global thresholds give a number per plane", async () => {
    const { f64 } = referencePlane();
    const pairs: [number, DataArray][] = [
      [filters.thresholdLi(f64), filters.thresholdLi(stack(f64))],
      [filters.thresholdYen(f64), filters.thresholdYen(stack(f64))],
      [filters.thresholdOtsu(f64), filters.thresholdOtsu(stack(f64))],
    ];
    for (const [t, perPlane] of pairs) {
      const lazy = await perPlane.compute({ workers: 0 });
      expect(lazy.dims).toEqual(["T"]);
      expect(Array.from(lazy.values)).toEqual([t, t]);
    }
  });

  it("measure.label of a bool mask with 1024 objects gives int32 labels up to 1024", async () => {
    const side = 64;
    const mask = new Uint8Array(side * side);
    for (let y = 0; y < side; y += 2) for (let x = 0; x < side; x += 2) mask[y * side + x] = 1;
    const m = plane(mask, [side, side], "bool");
    const eager = measure.label(m);
    expect(eager.dtype).toBe("int32");
    expect(Math.max(...eager.data)).toBe(1024);
    const lazy = DataArray.from(mask, { shape: [side, side], dims: ["Y", "X"], dtype: "bool" });
    for (const labelled of [lazy.applyPlane("label"), ndimage.label(lazy), measure.label(lazy)]) {
      expect(labelled.dtype).toBe("int32");
      const out = await labelled.compute({ workers: 0 });
      expect(Math.max(...out.values)).toBe(1024);
    }
    expect(() => lazy.applyPlane("label", {}, { dtype: "uint8" })).toThrow(/label gives int32/);
  });

  it("morphology, segmentation, ndimage: eager equals lazy", async () => {
    const { f64 } = referencePlane();
    const t = filters.thresholdOtsu(f64);
    const mask = plane(
      Uint8Array.from(f64.data, (v) => (v > t ? 1 : 0)),
      [N, N],
      "bool",
    );
    const cases: [Plane, (x: never) => Plane | DataArray][] = [
      [mask, (x) => morphology.binaryOpening(x, { footprint: morphology.disk(2) })],
      [mask, (x) => morphology.binaryClosing(x)],
      [mask, (x) => morphology.binaryErosion(x, { footprint: morphology.square(3) })],
      [mask, (x) => morphology.binaryDilation(x)],
      [f64, (x) => morphology.erosion(x, { footprint: morphology.square(3) })],
      [f64, (x) => morphology.dilation(x)],
      [f64, (x) => morphology.opening(x)],
      [f64, (x) => morphology.closing(x)],
      [mask, (x) => morphology.removeSmallObjects(x, { maxSize: 20 })],
      [mask, (x) => ndimage.distanceTransformEdt(x)],
      [mask, (x) => ndimage.label(x, { connectivity: 2 })],
      [measure.label(mask), (x) => segmentation.clearBorder(x)],
    ];
    for (const [p, f] of cases)
      await sameLazy(f(p as never) as Plane, f(stack(p) as never) as DataArray);
    const seeds = new Int32Array(N * N);
    seeds[0] = 1;
    seeds[N * N - 1] = 2;
    const rwEager = segmentation.randomWalker(f64, plane(seeds, [N, N]));
    const rwLazy = segmentation.randomWalker(stack(f64), stack(plane(seeds, [N, N])));
    await sameLazy(rwEager, rwLazy);
  });
});

describe("typed kernel handles and names, checked when the graph is built", () => {
  const x = DataArray.from(new Float64Array(16), { shape: [4, 4], dims: ["Y", "X"] });

  it("kernelNames lists every built-in kernel, nima's and io's included", () => {
    const names = kernelNames();
    for (const name of [
      "median_filter",
      "gaussian_filter",
      "label",
      "threshold_li",
      "random_walker",
    ]) {
      expect(names).toContain(name);
    }
    for (const name of ["nima.bg", "nima.segment", "io.read_plane", "expr"])
      expect(names).toContain(name);
  });

  it("an unknown name fails at applyPlane, listing the known names", () => {
    expect(() => x.applyPlane("gausian_filter", { sigma: 1 })).toThrow(UnknownKernelError);
    expect(() => x.applyPlane("gausian_filter", { sigma: 1 })).toThrow(
      /known kernels: .*gaussian_filter/,
    );
  });

  it("bad params fail at build time, by handle or by name", () => {
    // @ts-expect-error sigma is required by the handle's params type
    expect(() => x.applyPlane(filters.handles.gaussian, {})).toThrow(
      /gaussian_filter: params.sigma/,
    );
    // @ts-expect-error the public function's params are typed too
    expect(() => filters.gaussian(x, {})).toThrow(/gaussian_filter: params.sigma/);
    expect(() => x.applyPlane("median_filter", { size: 0 })).toThrow(/median_filter: size/);
    expect(() => filters.percentile(x, { percentile: 120, size: 3 })).toThrow(/percentile/);
    expect(() => morphology.removeSmallObjects(x, { maxSize: 1, connectivity: 3 as 1 })).toThrow(
      /connectivity must be 1 or 2/,
    );
  });

  it("defineKernel gives a typed handle whose check and dtype apply at build time", () => {
    const handle = defineKernel<{ factor: number }>("test.public_api_scale", {
      outDtype: "float32",
      check: (p) => {
        if (!(p.factor > 0)) throw new RangeError("test.public_api_scale: factor must be > 0");
      },
    });
    expect(kernelNames()).toContain("test.public_api_scale");
    expect(x.applyPlane(handle, { factor: 2 }).dtype).toBe("float32");
    expect(() => x.applyPlane(handle, { factor: -1 })).toThrow(/factor must be > 0/);
  });
});

describe.skipIf(!pythonAvailable())(
  "against scipy 1.10 / scikit-image 0.19 on a reference plane",
  () => {
    it("filters, morphology, measure, segmentation, ndimage and stats", () => {
      const { f64, u16 } = referencePlane();
      const t = filters.thresholdOtsu(f64);
      const mask = plane(
        Uint8Array.from(f64.data, (v) => (v > t ? 1 : 0)),
        [N, N],
        "bool",
      );
      const labels = measure.label(mask);
      const py = runPython(
        `
from scipy import ndimage as ndi
from skimage import filters, morphology, measure, segmentation, feature
f = I['f64'].reshape(${N}, ${N}); u = I['u16'].reshape(${N}, ${N}); m = I['mask'].reshape(${N}, ${N}).astype(bool)
lab = I['labels'].reshape(${N}, ${N})
O['median'] = ndi.median_filter(f, footprint=morphology.disk(1))
O['percentile'] = ndi.percentile_filter(f, 80, size=5)
O['rank'] = ndi.rank_filter(f, -1, size=3)
O['gaussian'] = ndi.gaussian_filter(f, 2)
O['uniform'] = ndi.uniform_filter(f, 5)
O['local'] = filters.threshold_local(f, 15)
O['entropy'] = filters.rank.entropy(u, morphology.disk(3))
O['opening'] = ndi.binary_opening(m, morphology.disk(2))
O['erosion'] = morphology.erosion(f, morphology.square(3))
O['dilation'] = morphology.dilation(f)
O['edt'] = ndi.distance_transform_edt(m)
O['ndlabel'] = ndi.label(m)[0]
O['label'] = measure.label(m)
O['clear'] = segmentation.clear_border(lab)
O['small'] = morphology.remove_small_objects(m, 21)
idx = list(range(1, int(lab.max()) + 1))
O['ndmedian'] = ndi.median(f, lab, idx); O['ndmean'] = ndi.mean(f, lab, idx); O['ndsum'] = ndi.sum(f, lab, idx)
rp = measure.regionprops_table(lab, f, properties=('label', 'area', 'centroid', 'intensity_mean'))
O['area'] = rp['area']; O['crow'] = rp['centroid-0']; O['imean'] = rp['intensity_mean']
d = ndi.distance_transform_edt(m)
pk = feature.peak_local_max(d, min_distance=3, labels=lab)
O['peaks'] = pk.astype(np.int32)
O['ws'] = segmentation.watershed(-d, lab, mask=m)
h, e = np.histogram(f, bins=17)
O['hist'] = h.astype(np.float64); O['edges'] = e
for meth in ('linear', 'lower', 'higher', 'nearest', 'midpoint', 'hazen', 'weibull', 'median_unbiased', 'normal_unbiased'):
    O['q_' + meth] = np.percentile(f, [0, 3.3, 50, 97.5, 100], method=meth)
`,
        { f64: f64.data, u16: u16.data, mask: mask.data, labels: labels.data },
      );
      const same = (got: ArrayLike<number>, want: ArrayLike<number>, what: string) =>
        expect(Array.from(got), what).toEqual(Array.from(want));
      same(filters.median(f64, { footprint: morphology.disk(1) }).data, py.median, "median");
      same(filters.percentile(f64, { percentile: 80, size: 5 }).data, py.percentile, "percentile");
      same(filters.rank(f64, { rank: -1, size: 3 }).data, py.rank, "rank");
      if (numpyUsesSvml()) {
        // Gaussian weights are np.exp's: equal to numpy's SVML results only (numpyUsesSvml).
        same(filters.gaussian(f64, { sigma: 2 }).data, py.gaussian, "gaussian");
      }
      same(filters.uniform(f64, { size: 5 }).data, py.uniform, "uniform");
      if (numpyUsesSvml()) {
        same(filters.thresholdLocal(f64, { blockSize: 15 }).data, py.local, "threshold_local");
      }
      same(filters.entropy(u16, { radius: 3 }).data, py.entropy, "entropy");
      same(
        morphology.binaryOpening(mask, { footprint: morphology.disk(2) }).data,
        py.opening,
        "opening",
      );
      same(
        morphology.erosion(f64, { footprint: morphology.square(3) }).data,
        py.erosion,
        "erosion",
      );
      same(morphology.dilation(f64).data, py.dilation, "dilation");
      same(ndimage.distanceTransformEdt(mask).data, py.edt, "edt");
      same(ndimage.label(mask).data, py.ndlabel, "ndimage.label");
      same(labels.data, py.label, "measure.label");
      same(segmentation.clearBorder(labels).data, py.clear, "clear_border");
      // 0.19's min_size=21 drops objects < 21 pixels: 0.26's max_size=20.
      same(
        morphology.removeSmallObjects(mask, { maxSize: 20 }).data,
        py.small,
        "remove_small_objects",
      );
      const idx = Array.from({ length: Math.max(...labels.data) }, (_, i) => i + 1);
      same(ndimage.median(f64, labels, idx), py.ndmedian, "ndimage.median");
      same(ndimage.mean(f64, labels, idx), py.ndmean, "ndimage.mean");
      same(ndimage.sum(f64, labels, idx), py.ndsum, "ndimage.sum");
      const table = measure.regionpropsTable(labels, f64);
      same(table.area, py.area, "area");
      same(table.centroidRow, py.crow, "centroid");
      same(table.intensityMean ?? [], py.imean, "intensity_mean");
      expect(measure.regionprops(labels, f64).map((r) => r.area)).toEqual(Array.from(table.area));
      const dist = ndimage.distanceTransformEdt(mask);
      same(
        segmentation.peakLocalMax(dist, { minDistance: 3, labels }).flat(),
        py.peaks,
        "peak_local_max",
      );
      const negative = plane(
        dist.data.map((v) => -v),
        [N, N],
      );
      same(segmentation.watershed(negative, labels, { mask }).data, py.ws, "watershed");
      const h = stats.histogram(f64.data, { bins: 17 });
      same(h.counts, py.hist, "histogram");
      same(h.edges, py.edges, "histogram edges");
      for (const method of [
        "linear",
        "lower",
        "higher",
        "nearest",
        "midpoint",
        "hazen",
        "weibull",
        "median_unbiased",
        "normal_unbiased",
      ] as const) {
        same(
          stats.percentile(f64.data, [0, 3.3, 50, 97.5, 100], { method }),
          py[`q_${method}`],
          method,
        );
      }
    });
  },
);
