/** norm.fit, erfc, arcsinh and nima's fit_gaussian against scipy / numpy / nima's code. */
import { describe, expect, it } from "vitest";
import {
  numpyUsesSvml,
  pythonAvailable,
  rng,
  runPython,
} from "../../../../../test/helpers/python.js";
import { arcsinh, roundToFloat16 } from "./arcsinh.js";
import { erfc } from "./erfc.js";
import { fitGaussian } from "./fit-gaussian.js";
import { normFit } from "./normfit.js";

describe("argument checks", () => {
  it("normFit refuses non-finite data; fitGaussian needs a range of at least 1", () => {
    expect(() => normFit([1, Number.POSITIVE_INFINITY])).toThrow(/non-finite/);
    expect(() => fitGaussian([3.2, 3.7])).toThrow(/less than one integer/);
  });
  it("roundToFloat16 rounds to nearest even half", () => {
    expect(roundToFloat16(1 + 2 ** -11)).toBe(1); // tie -> even
    expect(roundToFloat16(1 + 3 * 2 ** -11)).toBe(1 + 2 ** -9);
    expect(roundToFloat16(70000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe.skipIf(!pythonAvailable())("against scipy / numpy", () => {
  const random = rng(21);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const data = Float64Array.from({ length: 3001 }, () => 400 + 25 * gauss());
  const data32 = Float32Array.from(data.subarray(0, 1000));
  const x = Float64Array.from({ length: 4000 }, (_, i) =>
    i < 2000 ? (random() - 0.5) * 12 : (random() - 0.5) * 60,
  );
  const u16 = Uint16Array.from({ length: 65536 }, (_, i) => i);
  const f64 = Float64Array.from({ length: 5000 }, () => random() * 3000);
  // calculate_bg_iteratively feeds fit_gaussian the integer-valued pixels below 1.5·mean
  const pixels = Float64Array.from({ length: 20000 }, () => Math.round(388 + 25 * gauss()));
  const out = runPython(
    `
from scipy import stats, special, optimize
O['fit'] = np.array(stats.norm.fit(I['d'])); O['fit32'] = np.array(stats.norm.fit(I['d32']), dtype=np.float64)
O['erfc'] = special.erfc(I['x'])
O['asu16'] = np.arcsinh(I['u16']); O['asf64'] = np.arcsinh(I['f64'])
O['asu8'] = np.arcsinh(I['u16'][:256].astype(np.uint8)).astype(np.float32)
vals = I['px']
def gaussian_fit_func(params, x):
    amplitude, mean, sigma, offset = params
    return amplitude * np.exp(-0.5 * ((x - mean) / sigma) ** 2) + offset
def fit_error_func(params, x, y):
    return (y - gaussian_fit_func(params, x)).astype(np.float64)
min_val, max_val = int(vals.min()), int(vals.max())
ydata, edges = np.histogram(vals, bins=max_val - min_val, range=(min_val, max_val))
xdata = edges[:-1] + 0.5
guess = np.asarray([ydata.sum(), *stats.distributions.norm.fit(vals), ydata.min()], dtype=np.float64)
O['gfit'] = optimize.leastsq(fit_error_func, guess, args=(xdata[:-1], ydata[:-1]))[0]
`,
    { d: data, d32: data32, x, u16, f64, px: pixels },
  );

  it("normFit = scipy.stats.norm.fit (float64 exact, float32 in float32)", () => {
    const { loc, scale } = normFit(data);
    expect([loc, scale]).toEqual([out.fit[0], out.fit[1]]);
    const f = normFit(data32);
    expect([f.loc, f.scale]).toEqual([out.fit32[0], out.fit32[1]]);
  });

  it("erfc = scipy.special.erfc (to 1 ulp: libm exp vs Math.exp)", () => {
    let worst = 0;
    for (let i = 0; i < x.length; i++) {
      const e = out.erfc[i];
      worst = Math.max(
        worst,
        e === 0 ? Math.abs(erfc(x[i])) : Math.abs(erfc(x[i]) - e) / Math.abs(e),
      );
    }
    expect(worst).toBeLessThan(5e-16);
  });

  it.skipIf(!numpyUsesSvml())(
    "arcsinh: uint16 exact (float32), uint8 exact (float16), float64 to 1 ulp",
    () => {
      expect(Array.from(arcsinh(u16))).toEqual(Array.from(out.asu16));
      expect(Array.from(arcsinh(Uint8Array.from(u16.subarray(0, 256))))).toEqual(
        Array.from(out.asu8),
      );
      const a = arcsinh(f64);
      let worst = 0;
      for (let i = 0; i < f64.length; i++)
        worst = Math.max(worst, Math.abs(a[i] - out.asf64[i]) / out.asf64[i]);
      expect(worst).toBeLessThanOrEqual(2.3e-16);
    },
  );

  it("fitGaussian = nima.fit_gaussian (leastsq) to MINPACK's tolerance", () => {
    const fit = fitGaussian(pixels);
    // MINPACK stops at xtol = 1.49e-8 relative; the same minimum, not the same last digits.
    expect(Math.abs(fit.mean - out.gfit[1]) / out.gfit[1]).toBeLessThan(1e-7);
    expect(Math.abs(fit.sd - out.gfit[2]) / out.gfit[2]).toBeLessThan(1e-6);
    expect(Math.abs(fit.amplitude - out.gfit[0]) / out.gfit[0]).toBeLessThan(1e-6);
  });
});
