/**
 * The distinct values of a stream in one pass, when there are few enough of them: an
 * open-addressing hash set of float64 keys. Planes from cameras take few distinct values
 * even as floats (background-subtracted integers, their products and roots: a few million
 * on a 16k² geometric mean), where finding `np.unique`'s neighbours by bucket passes that
 * collect 2^20 values each would read the plane hundreds of times (buckets.ts smallestGap).
 */
import type { ValueStream } from "./buckets.js";

/** Distinct values a set holds before giving up (its table: up to 2 × that many float64, 256 MiB). */
export const DISTINCT_LIMIT = 1 << 24;

/**
 * The distinct values of `values` (NaN-free; −0 and +0 are one value, as numpy's unique
 * compares them), sorted ascending; null when there are more than `limit`.
 */
export async function distinctSorted(
  values: ValueStream,
  limit = DISTINCT_LIMIT,
): Promise<Float64Array | null> {
  let slots = 1 << 16;
  let table = new Float64Array(slots).fill(Number.NaN); // NaN: an empty slot
  let size = 0;
  let over = false;
  const f64 = new Float64Array(1);
  const bits = new Uint32Array(f64.buffer);
  const insert = (v: number) => {
    f64[0] = v;
    // A multiplicative hash of both words (Fibonacci hashing), masked to the table.
    let at = (Math.imul(bits[0] ^ Math.imul(bits[1], 0x9e3779b1), 0x85ebca6b) >>> 0) & (slots - 1);
    for (;;) {
      const k = table[at];
      if (k === v) return;
      if (k !== k) break;
      at = (at + 1) & (slots - 1);
    }
    table[at] = v;
    size++;
  };
  await values((raw) => {
    if (over) return;
    insert(raw + 0); // −0 + 0 is +0
    if (size > limit) over = true;
    if (over || 2 * size <= slots) return;
    // Grow: rehash into a table twice the size, keeping the load at most one half.
    const old = table;
    slots *= 2;
    table = new Float64Array(slots).fill(Number.NaN);
    size = 0;
    for (let i = 0; i < old.length; i++) if (old[i] === old[i]) insert(old[i]);
  });
  if (over) return null;
  const out = new Float64Array(size);
  let n = 0;
  for (let i = 0; i < table.length; i++) if (table[i] === table[i]) out[n++] = table[i];
  return out.sort();
}
