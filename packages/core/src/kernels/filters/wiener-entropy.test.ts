/** wiener, rank entropy and img_as_ubyte against scipy.signal / scikit-image. */
import { describe, expect, it } from "vitest";
import { pythonAvailable, rng, runPython } from "../../../../../test/helpers/python.js";
import { diskFootprint } from "../footprint.js";
import { ImageRangeError, imgAsUbyte } from "./convert.js";
import { entropy } from "./entropy.js";
import { wiener } from "./wiener.js";

describe("checks", () => {
  it("img_as_ubyte refuses floats outside [-1, 1] with skimage's message", () => {
    expect(() => imgAsUbyte(Float64Array.of(0.5, 1.5))).toThrow(ImageRangeError);
    expect(() => imgAsUbyte(Float64Array.of(0.5, 1.5))).toThrow(
      "Images of type float must be between -1 and 1.",
    );
  });
  it("uint16 -> v >> 8; floats -> rint(v * 255) clipped at 0", () => {
    expect(Array.from(imgAsUbyte(Uint16Array.of(0, 255, 256, 65535)))).toEqual([0, 0, 1, 255]);
    expect(Array.from(imgAsUbyte(Float64Array.of(-0.5, 0, 0.5, 1)))).toEqual([0, 0, 128, 255]);
  });
  it("disk(2) is skimage's", () => {
    const { data } = diskFootprint(2);
    const rows = [0, 1, 2, 3, 4].map((r) => data.subarray(r * 5, r * 5 + 5).join(""));
    expect(rows).toEqual(["00100", "01110", "11111", "01110", "00100"]);
  });
  it("entropy needs an integer image; wiener a valid window", () => {
    expect(() => entropy(new Float64Array(4) as never, 2, 2, 1)).toThrow(/uint8 or uint16/);
    expect(() => wiener(new Float64Array(4), 2, 2, { mySize: 0 })).toThrow(
      /mySize must be positive integers/,
    );
  });
});

describe.skipIf(!pythonAvailable())("against Python", () => {
  const random = rng(29);
  const small = Float64Array.from({ length: 20 * 30 }, () => random() * 100);
  const big = Float64Array.from(
    { length: 96 * 128 },
    (_, i) => 300 + ((i * 7) % 50) + random() * 40,
  );
  const u8 = Uint8Array.from({ length: 61 * 47 }, () => Math.floor(random() * 6));
  const u8wide = Uint8Array.from({ length: 40 * 40 }, () => Math.floor(random() * 256));
  const u16 = Uint16Array.from({ length: 500 }, () => Math.floor(random() * 65536));
  const floats = Float64Array.from({ length: 500 }, () => random() * 2 - 1);
  const out = runPython(
    `
from scipy import signal
from skimage.filters.rank import entropy
from skimage.morphology import disk
from skimage.util import img_as_ubyte
O['ws'] = signal.wiener(I['small'].reshape(20, 30))
O['ws2'] = signal.wiener(I['small'].reshape(20, 30), (3, 5), noise=4.0)
O['wb'] = signal.wiener(I['big'].reshape(96, 128))
O['e10'] = entropy(I['u8'].reshape(61, 47), disk(10))
O['e3'] = entropy(I['u8wide'].reshape(40, 40), disk(3))
O['e1'] = entropy(I['u8wide'].reshape(40, 40), np.ones((2, 4), dtype=np.uint8))
O['ub16'] = img_as_ubyte(I['u16']); O['ubf'] = img_as_ubyte(I['floats'])
`,
    { small, big, u8, u8wide, u16, floats },
  );

  it("wiener on a small plane (scipy sums directly): equal to ~1 ulp", () => {
    const closeTo = (a: ArrayLike<number>, e: ArrayLike<number>, tol: number) => {
      let worst = 0;
      for (let i = 0; i < e.length; i++)
        worst = Math.max(worst, Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), 1));
      expect(worst).toBeLessThan(tol);
    };
    closeTo(wiener(small, 20, 30), out.ws, 1e-14);
    closeTo(wiener(small, 20, 30, { mySize: [3, 5], noise: 4 }), out.ws2, 1e-14);
  });

  it("wiener on a larger plane (scipy sums by FFT): equal to FFT rounding", () => {
    const result = wiener(big, 96, 128);
    let worst = 0;
    for (let i = 0; i < result.length; i++)
      worst = Math.max(worst, Math.abs(result[i] - out.wb[i]) / out.wb[i]);
    expect(worst).toBeLessThan(1e-9);
  });

  it("entropy with disk(10), disk(3) and an even rectangle, edges counting in-image pixels", () => {
    // skimage's terms use glibc's log; ours a correctly rounded one, which differs from glibc
    // on ~0.05% of arguments by an ulp: count the pixels off and bound the difference.
    const near = (a: ArrayLike<number>, e: ArrayLike<number>) => {
      let off = 0;
      for (let i = 0; i < e.length; i++) {
        if (a[i] !== e[i]) off++;
        expect(Math.abs(a[i] - e[i])).toBeLessThanOrEqual(4e-15 * Math.max(1, e[i]));
      }
      expect(off).toBeLessThanOrEqual(e.length * 0.01);
    };
    near(entropy(u8, 61, 47, 10), out.e10);
    near(entropy(u8wide, 40, 40, 3), out.e3);
    near(entropy(u8wide, 40, 40, { data: new Uint8Array(8).fill(1), shape: [2, 4] }), out.e1);
  });

  it("img_as_ubyte of uint16 and float", () => {
    expect(Array.from(imgAsUbyte(u16))).toEqual(Array.from(out.ub16));
    expect(Array.from(imgAsUbyte(floats))).toEqual(Array.from(out.ubf));
  });
});
