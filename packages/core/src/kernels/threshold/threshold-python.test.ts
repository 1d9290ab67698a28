/**
 * Thresholds against Python. The installed scikit-image is 0.19, so Yen, Li and Otsu are
 * checked against short numpy versions of the 0.26 algorithms (README §5: float32 counts and
 * criterion, Li's mean_back == 0 stop) built on skimage's own histogram; threshold_local
 * (unchanged since 0.19) against skimage itself.
 */
import { describe, expect, it } from "vitest";
import {
  numpyUsesSvml,
  pythonAvailable,
  rng,
  runPython,
} from "../../../../../test/helpers/python.js";
import { thresholdLi, thresholdLocal, thresholdOtsu, thresholdYen } from "./index.js";

const ORACLE = `
from skimage.exposure import histogram
from skimage.filters import threshold_local
def hist(image, nbins=256):
    c, b = histogram(image.reshape(-1), nbins, source_range='image')
    return c.astype('float32'), b
def yen26(image):
    counts, centers = hist(image)
    if centers.size == 1: return centers[0]
    pmf = counts.astype('float32') / counts.sum()
    p1 = np.cumsum(pmf); p1sq = np.cumsum(pmf ** 2); p2sq = np.cumsum(pmf[::-1] ** 2)[::-1]
    crit = np.log(((p1sq[:-1] * p2sq[1:]) ** -1) * (p1[:-1] * (1.0 - p1[:-1])) ** 2)
    return centers[crit.argmax()]
def otsu26(image):
    if np.all(image == image.reshape(-1)[0]): return image.reshape(-1)[0]
    counts, centers = hist(image)
    w1 = np.cumsum(counts); w2 = np.cumsum(counts[::-1])[::-1]
    m1 = np.cumsum(counts * centers) / w1
    m2 = (np.cumsum((counts * centers)[::-1]) / w2[::-1])[::-1]
    return centers[np.argmax(w1[:-1] * w2[1:] * (m1[:-1] - m2[1:]) ** 2)]
def li26(image):
    image = image[~np.isnan(image)]
    if image.size == 0: return np.nan
    if np.all(image == image.flat[0]): return image.flat[0]
    image = image[np.isfinite(image)]
    if image.size == 0: return 0.0
    lo = np.min(image); image = image - lo
    integer = image.dtype.kind in 'iu'
    tol = 0.5 if integer else np.min(np.diff(np.unique(image))) / 2
    t_next = np.mean(image); t_curr = -2 * tol
    if integer:
        h, c = histogram(image.reshape(-1), source_range='image'); h = h.astype('float32')
    while abs(t_next - t_curr) > tol:
        t_curr = t_next
        if integer:
            fg = c > t_curr
            mf = np.average(c[fg], weights=h[fg]); mb = np.average(c[~fg], weights=h[~fg])
        else:
            fg = image > t_curr
            mf = np.mean(image[fg]); mb = np.mean(image[~fg])
        if mb == 0: break
        t_next = (mb - mf) / (np.log(mb) - np.log(mf))
    return t_next + lo
for k, v in I.items():
    if k.startswith('img'):
        O['yen_' + k] = yen26(v); O['otsu_' + k] = otsu26(v); O['li_' + k] = li26(v)
`;

describe("validation", () => {
  it("an even block size is refused, naming the parameter", () => {
    expect(() => thresholdLocal(new Float64Array(16), 4, 4, { blockSize: 4 })).toThrow(
      /blockSize must be odd! Given blockSize \(4, 4\) contains even values/,
    );
    expect(() =>
      thresholdLocal(new Float64Array(16), 4, 4, { blockSize: 3, method: "max" as "mean" }),
    ).toThrow(/invalid method max/);
    expect(() =>
      thresholdLocal(new Float64Array(16), 4, 4, { blockSize: 3, mode: "edge" as "wrap" }),
    ).toThrow(/mode must be one of/);
  });
  it("Li edge cases: NaN-only, constant, infinities", () => {
    expect(thresholdLi(new Float64Array([Number.NaN, Number.NaN]))).toBeNaN();
    expect(thresholdLi(new Float64Array([3, 3, Number.NaN]))).toBe(3);
    expect(
      thresholdLi(new Float64Array([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])),
    ).toBe(0);
    expect(() => thresholdLi(new Uint16Array([1, 5, 9]), { initialGuess: 20 })).toThrow(
      /initial guess must be within the range/,
    );
  });
  it("Otsu of a constant image is that value; Yen of one integer value too", () => {
    expect(thresholdOtsu(new Float64Array([2.5, 2.5]))).toBe(2.5);
    expect(thresholdYen(new Uint16Array([7, 7, 7]))).toBe(7);
  });
});

describe.skipIf(!pythonAvailable())("global thresholds against the 0.26 algorithms", () => {
  const random = rng(17);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const bimodal = (n: number) =>
    Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 900 + 60 * gauss() : 380 + 25 * gauss()));
  const images = {
    imgF64: Float64Array.from(bimodal(4000)),
    imgF32: Float32Array.from(bimodal(4000)),
    imgU16: Uint16Array.from(bimodal(4000), (v) => Math.max(0, Math.round(v))),
    imgU8: Uint8Array.from(bimodal(4000), (v) => Math.min(255, Math.max(0, Math.round(v / 5)))),
    imgI32: Int32Array.from(bimodal(4000), (v) => Math.round(v) - 500),
    imgSmall: Float64Array.from([0, 0, 0, 1, 1, 5, 5, 5, 5, 9]),
  };
  const out = runPython(ORACLE, images);
  it.each(Object.keys(images))("%s", (key) => {
    const image = images[key as keyof typeof images];
    expect(thresholdYen(image)).toBe(out[`yen_${key}`][0]);
    expect(thresholdOtsu(image)).toBe(out[`otsu_${key}`][0]);
    if (image instanceof Float32Array) {
      // Li on float32 is computed in float64 here (numpy stays in float32): close, not equal.
      expect(Math.abs(thresholdLi(image) - out[`li_${key}`][0])).toBeLessThan(1e-3);
    } else if (numpyUsesSvml()) {
      // Li's iterations take np.log: without SVML numpy's last bits differ (numpyUsesSvml).
      expect(thresholdLi(image)).toBe(out[`li_${key}`][0]);
    }
  });
});

describe.skipIf(!numpyUsesSvml())("threshold_local against scikit-image", () => {
  const random = rng(19);
  const [ny, nx] = [37, 53];
  const u16 = Uint16Array.from({ length: ny * nx }, () => Math.floor(random() * 2000));
  const f32 = Float32Array.from({ length: ny * nx }, () => random() * 10);
  const out = runPython(
    `
from skimage.filters import threshold_local
a = I['u16'].reshape(${ny}, ${nx}); f = I['f32'].reshape(${ny}, ${nx})
O['g'] = threshold_local(a, 11)
O['g2'] = threshold_local(a, (5, 9), offset=3.5, mode='nearest')
O['gp'] = threshold_local(a, 7, param=(1.5, 4.0), mode='wrap')
O['m'] = threshold_local(a, 9, method='mean', mode='mirror')
O['mc'] = threshold_local(a, (3, 7), method='mean', mode='constant', cval=100)
O['f'] = threshold_local(f, 15)
O['gen'] = threshold_local(a, 5, method='generic', param=np.max)
O['med'] = threshold_local(a, 7, method='median', mode='nearest', offset=1)
`,
    { u16, f32 },
  );
  const same = (actual: ArrayLike<number>, expected: ArrayLike<number>) =>
    expect(Array.from(actual)).toEqual(Array.from(expected));
  it("gaussian and mean methods, modes, offsets, explicit sigma, float32, generic", () => {
    same(thresholdLocal(u16, ny, nx, { blockSize: 11 }), out.g);
    same(thresholdLocal(u16, ny, nx, { blockSize: [5, 9], offset: 3.5, mode: "nearest" }), out.g2);
    same(thresholdLocal(u16, ny, nx, { blockSize: 7, param: [1.5, 4.0], mode: "wrap" }), out.gp);
    same(thresholdLocal(u16, ny, nx, { blockSize: 9, method: "mean", mode: "mirror" }), out.m);
    same(
      thresholdLocal(u16, ny, nx, {
        blockSize: [3, 7],
        method: "mean",
        mode: "constant",
        cval: 100,
      }),
      out.mc,
    );
    const f = thresholdLocal(f32, ny, nx, { blockSize: 15 });
    expect(f).toBeInstanceOf(Float32Array);
    same(f, out.f);
    same(
      thresholdLocal(u16, ny, nx, {
        blockSize: 5,
        method: "generic",
        param: (w) => Math.max(...w),
      }),
      out.gen,
    );
    same(
      thresholdLocal(u16, ny, nx, { blockSize: 7, method: "median", mode: "nearest", offset: 1 }),
      out.med,
    );
  });
});
