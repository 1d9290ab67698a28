/**
 * `skimage.measure.regionprops` for one labelled plane, as a columnar table (the shape of
 * `regionprops_table`): one row per label present, in ascending label order.
 *
 * Formulas of scikit-image 0.26 (README §5.6–5.7):
 * - area: pixel count, a float as in 0.26;
 * - centroid: mean of the pixel coordinates; bbox: half-open (min_row, min_col, max_row,
 *   max_col);
 * - eccentricity: sqrt(1 − l2/l1) with l1 ≥ l2 the eigenvalues (clipped at 0) of the inertia
 *   tensor [[mu02, −mu11], [−mu11, mu20]] / mu00, built from central moments about the
 *   local centroid; 0 when l1 is 0. The last bit can differ from scikit-image (202/301
 *   reference values are bit-identical, the rest within 7.2e-16 relative): its moments use
 *   numpy's `delta ** arange(...)`, i.e. Intel SVML's pow, not x*x; porting that is open;
 * - equivalent_diameter_area: sqrt(4·area/π);
 * - intensity_mean: mean of the intensity over the region in raster order, summed as numpy
 *   sums (bit-identical).
 */

import { checkPlane } from "../args.js";
import { findObjects } from "../segmentation/findObjects.js";
import { npSum } from "../stats/pairwise.js";

export interface RegionTable {
  label: Int32Array;
  area: Float64Array;
  centroidRow: Float64Array;
  centroidCol: Float64Array;
  bboxMinRow: Int32Array;
  bboxMinCol: Int32Array;
  /** Exclusive. */
  bboxMaxRow: Int32Array;
  /** Exclusive. */
  bboxMaxCol: Int32Array;
  eccentricity: Float64Array;
  equivalentDiameterArea: Float64Array;
  /** Only when an intensity plane was given. */
  intensityMean?: Float64Array;
}

/** skimage's `equivalent_diameter_area` in 2-D: the diameter of a disk of the same area. */
export function equivalentDiameterArea(area: number): number {
  return Math.sqrt((4 * area) / Math.PI);
}

export function regionprops(
  labels: ArrayLike<number>,
  ny: number,
  nx: number,
  intensity?: ArrayLike<number>,
): RegionTable {
  checkPlane("regionprops: labels", labels, ny, nx);
  if (intensity !== undefined) checkPlane("regionprops: intensity", intensity, ny, nx);
  const boxes = findObjects(labels, ny, nx);
  const present: number[] = [];
  boxes.forEach((box, k) => {
    if (box) present.push(k + 1);
  });
  const groups = groupPixels(labels, boxes.length);
  const table = emptyRegionTable(present, intensity !== undefined);
  const values = new Float64Array(groups.pixels.length);
  present.forEach((lab, row) => {
    const box = boxes[lab - 1]!;
    const start = groups.start[lab];
    const count = groups.start[lab + 1] - start;
    const pixels = groups.pixels.subarray(start, start + count);
    table.area[row] = count;
    table.bboxMinRow[row] = box.rowStart;
    table.bboxMinCol[row] = box.colStart;
    table.bboxMaxRow[row] = box.rowStop;
    table.bboxMaxCol[row] = box.colStop;
    const shape = shapeOf(pixels, nx, box.rowStart, box.colStart, box.colStop - box.colStart);
    table.centroidRow[row] = shape.centroidRow;
    table.centroidCol[row] = shape.centroidCol;
    table.eccentricity[row] = shape.eccentricity;
    table.equivalentDiameterArea[row] = equivalentDiameterArea(count);
    if (intensity !== undefined) {
      for (let k = 0; k < count; k++) values[k] = intensity[pixels[k]];
      table.intensityMean![row] = npSum(values, 0, count) / count;
    }
  });
  return table;
}

/** A table with a row per label in `present` (ascending), columns zeroed; tiled/ fills one too. */
export function emptyRegionTable(present: readonly number[], withIntensity: boolean): RegionTable {
  const m = present.length;
  const table: RegionTable = {
    label: Int32Array.from(present),
    area: new Float64Array(m),
    centroidRow: new Float64Array(m),
    centroidCol: new Float64Array(m),
    bboxMinRow: new Int32Array(m),
    bboxMinCol: new Int32Array(m),
    bboxMaxRow: new Int32Array(m),
    bboxMaxCol: new Int32Array(m),
    eccentricity: new Float64Array(m),
    equivalentDiameterArea: new Float64Array(m),
  };
  if (withIntensity) table.intensityMean = new Float64Array(m);
  return table;
}

/** Pixel indices grouped by label (counting sort, raster order kept within a label). */
export function groupPixels(
  labels: ArrayLike<number>,
  maxLabel: number,
): { start: Int32Array; pixels: Int32Array } {
  const start = new Int32Array(maxLabel + 2);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l > 0 && l <= maxLabel) start[l + 1]++;
  }
  for (let l = 1; l <= maxLabel + 1; l++) start[l] += start[l - 1];
  const fill = start.slice(0, maxLabel + 1);
  const pixels = new Int32Array(start[maxLabel + 1]);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i];
    if (l > 0 && l <= maxLabel) pixels[fill[l]++] = i;
  }
  return { start, pixels };
}

interface Shape {
  centroidRow: number;
  centroidCol: number;
  eccentricity: number;
}

function shapeOf(pixels: Int32Array, nx: number, row0: number, col0: number, width: number): Shape {
  const n = pixels.length;
  // Coordinate sums are exact integers, so these means are correctly rounded.
  let sumRow = 0;
  let sumCol = 0;
  for (let k = 0; k < n; k++) {
    const p = pixels[k];
    sumRow += Math.floor(p / nx);
    sumCol += p % nx;
  }
  const localRow = (sumRow - n * row0) / n;
  const localCol = (sumCol - n * col0) / n;
  // As skimage's moments_central: per column, sums over rows of dr^p; then over columns.
  const s0 = new Float64Array(width);
  const s1 = new Float64Array(width);
  const s2 = new Float64Array(width);
  for (let k = 0; k < n; k++) {
    const p = pixels[k];
    const c = (p % nx) - col0;
    const dr = Math.floor(p / nx) - row0 - localRow;
    s0[c] += 1;
    s1[c] += dr;
    s2[c] += dr * dr;
  }
  return {
    centroidRow: sumRow / n,
    centroidCol: sumCol / n,
    eccentricity: eccentricityOfColumns(s0, s1, s2, localCol),
  };
}

/**
 * skimage's eccentricity from per-column sums over the region's rows (in row order) of 1,
 * dr and dr² (dr: row − local centroid row), columns counted from the bounding box's first;
 * exported for tiled regionprops, which accumulates the same sums tile by tile.
 */
export function eccentricityOfColumns(
  s0: Float64Array,
  s1: Float64Array,
  s2: Float64Array,
  localCol: number,
): number {
  const width = s0.length;
  let mu00 = 0;
  let mu20 = 0;
  let mu02 = 0;
  let mu11 = 0;
  for (let c = 0; c < width; c++) {
    const dc = c - localCol;
    mu00 += s0[c];
    mu20 += s2[c];
    mu11 += s1[c] * dc;
    mu02 += s0[c] * (dc * dc);
  }
  // skimage inertia_tensor: diagonal (sum(mu[corners]) − mu[corner]) / mu0.
  const sum = mu20 + mu02;
  const a = (sum - mu20) / mu00;
  const d = (sum - mu02) / mu00;
  const b = -mu11 / mu00;
  const [l1, l2] = symmetricEigenvalues(a, b, d);
  return l1 === 0 ? 0 : Math.sqrt(1 - l2 / l1);
}

/** Eigenvalues of [[a, b], [b, d]], largest first, clipped at 0 as skimage does. */
function symmetricEigenvalues(a: number, b: number, d: number): [number, number] {
  const mean = (a + d) / 2;
  const radius = Math.hypot((a - d) / 2, b);
  const l1 = mean + radius;
  // The product form avoids cancellation for elongated regions.
  const l2 = l1 === 0 ? 0 : (a * d - b * b) / l1;
  return [Math.max(l1, 0), Math.max(l2, 0)];
}
