/**
 * Exactly rounded fused multiply-add (`a*b + c` with one rounding), which JavaScript lacks.
 * numpy's SIMD exp/log (the AVX512F code paths the reference machine ran) are built from FMA
 * instructions, so porting them bit for bit needs a true FMA. The slow path is exact integer
 * arithmetic on BigInt; it runs only for table-sized inputs (kernel weights, histogram bins).
 */

const view = new DataView(new ArrayBuffer(8));

/** x = mantissa * 2**exponent with an integer mantissa (x finite, non-zero). */
function decompose(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    m |= 1n << 52n;
    e = biased - 1075;
  }
  return { m: hi >>> 31 ? -m : m, e };
}

function bitLength(v: bigint): number {
  return v.toString(2).length;
}

/** 2**k for any integer k, exactly (when representable), via two factors for tiny k. */
function pow2(k: number): number {
  if (k >= -1022) return 2 ** k;
  return 2 ** (k + 600) * 2 ** -600;
}

/**
 * Rounds the exact value `s * 2**e` to the nearest float with `precision` significand bits and
 * smallest exponent `minExp` (ties to even): double is (53, -1074), float32 is (24, -149).
 */
function roundExact(
  s: bigint,
  e: number,
  precision: number,
  minExp: number,
  maxValue: number,
  towardZero = false,
) {
  if (s === 0n) return 0;
  const negative = s < 0n;
  let a = negative ? -s : s;
  const shift = Math.max(bitLength(a) - precision, minExp - e);
  if (shift > 0) {
    const big = BigInt(shift);
    const q = a >> big;
    const rem = a - (q << big);
    const half = 1n << (big - 1n);
    a = !towardZero && (rem > half || (rem === half && (q & 1n) === 1n)) ? q + 1n : q;
    e += shift;
  }
  // `a` now has at most precision+1 bits: Number(a) is exact and so is the power of two.
  let r = Number(a) * pow2(e);
  if (r > maxValue) r = towardZero ? maxValue : Number.POSITIVE_INFINITY;
  return negative ? -r : r;
}

/** The exact BigInt fma, rounded to `precision` mantissa bits (float64: 53, float32: 24). */
export function exactFma(
  a: number,
  b: number,
  c: number,
  precision: number,
  minExp: number,
  max: number,
  towardZero = false,
) {
  const x = decompose(a);
  const y = decompose(b);
  let p = x.m * y.m;
  let pe = x.e + y.e;
  if (c === 0) return roundExact(p, pe, precision, minExp, max, towardZero);
  const z = decompose(c);
  let cm = z.m;
  const e = Math.min(pe, z.e);
  p <<= BigInt(pe - e);
  cm <<= BigInt(z.e - e);
  pe = e;
  return roundExact(p + cm, pe, precision, minExp, max, towardZero);
}

const MAX_F64 = Number.MAX_VALUE;
export const MAX_F32 = 3.4028234663852886e38;

/** fma(a, b, c) in float64, correctly rounded. */
export function fma(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c)) return a * b + c;
  if (a === 0 || b === 0) return a * b + c;
  return exactFma(a, b, c, 53, -1074, MAX_F64);
}

/** fma(a, b, c) in float64 rounded toward zero (an FMA with `{rz-sae}`), finite non-zero a, b. */
export function fmaTowardZero(a: number, b: number, c: number): number {
  if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || a === 0 || b === 0) {
    throw new RangeError(`fmaTowardZero: needs finite non-zero factors, got ${a}, ${b}, ${c}`);
  }
  return exactFma(a, b, c, 53, -1074, MAX_F64, true);
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 neighbour of float32 `r` in the direction of `toward`. */
function nextFloat32(r: number, toward: number): number {
  if (r === 0) return toward > 0 ? 1.401298464324817e-45 : -1.401298464324817e-45;
  f32[0] = r;
  // Moving away from zero increments the magnitude bits; toward zero decrements them.
  if (toward > r === r > 0) u32[0] += 1;
  else u32[0] -= 1;
  return f32[0];
}

/**
 * fma(a, b, c) in float32 for float32 operands (`_mm512_fmadd_ps`), correctly rounded.
 * The product of two float32 values is exact in float64; the sum is rounded once to double and
 * once to float32, which can only go wrong when the double lands on a float32 midpoint.
 */
export function fmaf(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const r = Math.fround(s);
  if (s === r || !Number.isFinite(s)) return r;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  if (err === 0) return r;
  const other = nextFloat32(r, s);
  if (s - r !== other - s) return r; // s is not a midpoint: its float32 rounding is the right one
  return err > 0 === other > r ? other : r;
}
