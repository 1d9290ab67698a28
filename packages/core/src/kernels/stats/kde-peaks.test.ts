/** gaussian_kde and find_peaks against scipy, including the calls of nima's _bgmax. */
import { describe, expect, it } from "vitest";
import { pythonAvailable, rng, runPython } from "../../../../../test/helpers/python.js";
import { linspace } from "./histogram.js";
import { gaussianKde } from "./kde.js";
import { findPeaks } from "./peaks.js";

describe("findPeaks basics", () => {
  it("plateaus give their left-middle index; edges are never peaks", () => {
    const { peaks } = findPeaks([1, 3, 3, 3, 3, 1, 5, 0, 2]);
    expect(Array.from(peaks)).toEqual([2, 6]);
  });
  it("rejects distance < 1", () => {
    expect(() => findPeaks([0, 1, 0], { distance: 0.5 })).toThrow(/distance/);
  });
});

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(
      rtol * Math.abs(expected[i]) + 1e-300,
    );
  }
}

describe.skipIf(!pythonAvailable())("against scipy", () => {
  const random = rng(13);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // background-like values: two populations, as _bgmax sees below the mean threshold
  const vals = Float64Array.from(
    { length: 4000 },
    (_, i) => (i % 5 === 0 ? 600 : 380) + 20 * gauss(),
  );
  const signal = Float64Array.from(
    { length: 400 },
    (_, i) => Math.sin(i / 9) * 3 + Math.sin(i / 2.3) + gauss() * 0.2,
  );
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of vals) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const x = linspace(lo, hi, 50);
  const out = runPython(
    `
from scipy import stats, signal
kde = stats.gaussian_kde(I['vals'])
O['factor'] = kde.factor; O['cov'] = kde.covariance[0, 0]
O['x'] = np.linspace(I['vals'].min(), I['vals'].max(), num=50)
d = kde(O['x']); O['density'] = d
p, props = signal.find_peaks(d, width=2, rel_height=0.5)
O['p'] = p; O['w'] = props['widths']; O['prom'] = props['prominences']
p2, props2 = signal.find_peaks(I['s'], height=0.5, distance=7, prominence=(0.3, None), width=(1, 30), rel_height=0.7, threshold=(None, 3))
O['p2'] = p2
for k in ['peak_heights', 'prominences', 'left_bases', 'right_bases', 'widths', 'width_heights', 'left_ips', 'right_ips', 'left_thresholds', 'right_thresholds']:
    O['q_' + k] = props2[k]
p3, _ = signal.find_peaks(I['s'], prominence=0.5, wlen=20)
O['p3'] = p3
`,
    { vals, s: signal },
  );

  it("np.linspace matches", () => {
    expect(Array.from(x)).toEqual(Array.from(out.x));
  });

  it("gaussian_kde: Scott factor, covariance and density (~1e-13 relative)", () => {
    const kde = gaussianKde(vals);
    // neff ** (-1/5) is numpy's power (SVML pow on AVX-512): Math.pow may differ by an ulp.
    expectClose([kde.factor], out.factor, 3e-16);
    expectClose([kde.covariance], out.cov, 1e-13);
    expectClose(kde.evaluate(x), out.density, 1e-12);
  });

  it("find_peaks(density, width=2, rel_height=0.5) as in _bgmax", () => {
    const { peaks, properties } = findPeaks(out.density, { width: 2, relHeight: 0.5 });
    expect(Array.from(peaks)).toEqual(Array.from(out.p));
    expect(Array.from(properties.widths!)).toEqual(Array.from(out.w));
    expect(Array.from(properties.prominences!)).toEqual(Array.from(out.prom));
  });

  it("find_peaks with height, threshold, distance, prominence, width, wlen", () => {
    const { peaks, properties: p } = findPeaks(signal, {
      height: 0.5,
      threshold: [null, 3],
      distance: 7,
      prominence: [0.3, null],
      width: [1, 30],
      relHeight: 0.7,
    });
    expect(Array.from(peaks)).toEqual(Array.from(out.p2));
    expect(Array.from(p.peakHeights!)).toEqual(Array.from(out.q_peak_heights));
    expect(Array.from(p.prominences!)).toEqual(Array.from(out.q_prominences));
    expect(Array.from(p.leftBases!)).toEqual(Array.from(out.q_left_bases));
    expect(Array.from(p.rightBases!)).toEqual(Array.from(out.q_right_bases));
    expect(Array.from(p.widths!)).toEqual(Array.from(out.q_widths));
    expect(Array.from(p.widthHeights!)).toEqual(Array.from(out.q_width_heights));
    expect(Array.from(p.leftIps!)).toEqual(Array.from(out.q_left_ips));
    expect(Array.from(p.rightIps!)).toEqual(Array.from(out.q_right_ips));
    expect(Array.from(p.leftThresholds!)).toEqual(Array.from(out.q_left_thresholds));
    expect(Array.from(p.rightThresholds!)).toEqual(Array.from(out.q_right_thresholds));
    expect(Array.from(findPeaks(signal, { prominence: 0.5, wlen: 20 }).peaks)).toEqual(
      Array.from(out.p3),
    );
  });
});
