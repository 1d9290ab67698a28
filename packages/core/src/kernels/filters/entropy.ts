/**
 * `skimage.filters.rank.entropy(image, disk(radius))` on a uint8 (or uint16) plane
 * (scikit-image 0.19 = 0.26): for each pixel, the Shannon entropy (base 2) of the grey-level histogram of the
 * footprint around it, counting only neighbours inside the image:
 *   e = −Σ_bins p·log(p)/ln 2,  p = count/population, bins in increasing order.
 * The histogram slides along the row (add the footprint's leading edge, drop the trailing
 * one), and per-count terms are cached per population, so the sum is skimage's, term for term.
 * skimage's log is glibc's; a correctly rounded log (stats/libm) agrees with it on all but
 * ~0.05% of arguments (where glibc itself is off by an ulp), `Math.log` only on ~93%.
 */

import { checkPlane } from "../args.js";
import { checkFootprint, diskFootprint, type Footprint } from "../footprint.js";
import { logCorrect } from "../stats/libm.js";

/** The footprint as rows of booleans: a disk of integer `radius`, or the given footprint. */
function footprintRows(footprint: number | Footprint, fn: string): boolean[][] {
  if (typeof footprint === "number" && !(Number.isInteger(footprint) && footprint >= 0)) {
    throw new RangeError(`${fn}: disk radius must be a non-negative integer, got ${footprint}`);
  }
  const { data, shape } =
    typeof footprint === "number" ? diskFootprint(footprint) : checkFootprint(footprint, fn);
  const [ny, nx] = shape;
  return Array.from({ length: ny }, (_, i) =>
    Array.from(data.subarray(i * nx, (i + 1) * nx), (v) => v !== 0),
  );
}

export function entropy(
  image: Uint8Array | Uint16Array,
  ny: number,
  nx: number,
  /** A disk radius (skimage's disk(r)) or a footprint. */
  footprint: number | Footprint,
  out?: Float64Array,
): Float64Array {
  const fn = "entropy";
  if (!(image instanceof Uint8Array || image instanceof Uint16Array)) {
    throw new TypeError(`${fn}: image must be uint8 or uint16 (see imgAsUbyte)`);
  }
  checkPlane(fn, image, ny, nx);
  const fp = footprintRows(footprint, fn);
  const fy = fp.length;
  const fx = fp[0].length;
  const cy = fy >> 1; // skimage centre: shape // 2
  const cx = fx >> 1;
  // Per footprint row: the column span(s) it covers, as offsets from the centre.
  const offsets: [number, number][] = [];
  for (let i = 0; i < fy; i++)
    for (let j = 0; j < fx; j++) if (fp[i][j]) offsets.push([i - cy, j - cx]);
  const n = ny * nx;
  const result = out ?? new Float64Array(n);
  if (result.length !== n)
    throw new RangeError(`${fn}: out needs ${n} values, got ${result.length}`);
  let maxValue = 0;
  for (let i = 0; i < n; i++) if (image[i] > maxValue) maxValue = image[i];
  const bins = maxValue + 1;
  const histogram = new Int32Array(bins);
  // Offsets entering / leaving when the window moves one column right.
  const entering = offsets.filter(([dy, dx]) => !fpHas(fp, dy + cy, dx + 1 + cx));
  const leaving = offsets.filter(([dy, dx]) => !fpHas(fp, dy + cy, dx - 1 + cx));
  const terms = new Map<number, Float64Array>(); // population -> term for each count
  const termsFor = (population: number) => {
    let t = terms.get(population);
    if (!t) {
      t = new Float64Array(population + 1);
      for (let c = 1; c <= population; c++) {
        const p = c / population;
        t[c] = (p * logCorrect(p)) / Math.LN2; // skimage divides by the literal 0.6931471805599453
      }
      terms.set(population, t);
    }
    return t;
  };
  for (let y = 0; y < ny; y++) {
    histogram.fill(0);
    let population = 0;
    for (const [dy, dx] of offsets) {
      const yy = y + dy;
      const xx = dx; // window centred at x = 0
      if (yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
        histogram[image[yy * nx + xx]]++;
        population++;
      }
    }
    for (let x = 0; x < nx; x++) {
      if (x > 0) {
        for (const [dy, dx] of entering) {
          const yy = y + dy;
          const xx = x + dx;
          if (yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
            histogram[image[yy * nx + xx]]++;
            population++;
          }
        }
        for (const [dy, dx] of leaving) {
          const yy = y + dy;
          const xx = x - 1 + dx;
          if (yy >= 0 && yy < ny && xx >= 0 && xx < nx) {
            histogram[image[yy * nx + xx]]--;
            population--;
          }
        }
      }
      let e = 0;
      if (population > 0) {
        const t = termsFor(population);
        for (let b = 0; b < bins; b++) if (histogram[b] > 0) e -= t[histogram[b]];
      }
      result[y * nx + x] = e;
    }
  }
  return result;
}

function fpHas(fp: boolean[][], i: number, j: number): boolean {
  return i >= 0 && i < fp.length && j >= 0 && j < fp[i].length && fp[i][j];
}
