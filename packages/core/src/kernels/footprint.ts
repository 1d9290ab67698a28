/**
 * Footprints (structuring elements), one module for every kernel that takes one: morphology,
 * peak finding, the rank and entropy filters and the public `morphology.disk`/`square`: a
 * small row-major 0/1 grid of shape [ny, nx], as numpy writes it. Where its centre sits depends on the caller (scipy and scikit-image disagree for
 * even sizes), so a footprint carries no origin; the functions that use one say which.
 */
export interface Footprint {
  /** 1 where the neighbour takes part, row-major `shape[0]` × `shape[1]`. */
  data: Uint8Array;
  shape: [ny: number, nx: number];
}

/** `ndi.generate_binary_structure(2, 1)`: the 3×3 cross, scikit-image's default footprint. */
export function crossFootprint(): Footprint {
  return { data: Uint8Array.of(0, 1, 0, 1, 1, 1, 0, 1, 0), shape: [3, 3] };
}

/** `ndi.generate_binary_structure(2, 2)`: the full 3×3 square (8-connectivity). */
export function squareFootprint(): Footprint {
  return onesFootprint(3, 3);
}

/** `np.ones((ny, nx))`, e.g. nima's peak footprint `ones((int(s), int(s)))`. */
export function onesFootprint(ny: number, nx = ny): Footprint {
  checkSide("onesFootprint: ny", ny);
  checkSide("onesFootprint: nx", nx);
  return { data: new Uint8Array(ny * nx).fill(1), shape: [ny, nx] };
}

/**
 * skimage.morphology.disk(radius) (0.19, and 0.26 with strict_radius): the cells of the
 * (2r+1)-square grid `np.arange(-r, r + 1)` with x² + y² <= r²; a non-integer radius gives
 * ceil(2r + 1) points -r, -r + 1, ... per side, as np.arange does.
 */
export function diskFootprint(radius: number): Footprint {
  if (!Number.isFinite(radius) || radius < 0) {
    throw new RangeError(`disk: radius must be a finite number >= 0, got ${radius}`);
  }
  const n = Math.ceil(2 * radius + 1);
  const data = new Uint8Array(n * n);
  const r2 = radius * radius;
  for (let i = 0; i < n; i++) {
    const y = -radius + i;
    for (let j = 0; j < n; j++) {
      const x = -radius + j;
      data[i * n + j] = x * x + y * y <= r2 ? 1 : 0;
    }
  }
  return { data, shape: [n, n] };
}

/** A footprint from nested rows of 0/1 (or booleans), as written in numpy. */
export function footprintFromRows(rows: ReadonlyArray<ReadonlyArray<number | boolean>>): Footprint {
  const ny = rows.length;
  const nx = ny > 0 ? rows[0].length : 0;
  checkSide("footprint rows", ny);
  checkSide("footprint columns", nx);
  const data = new Uint8Array(ny * nx);
  rows.forEach((row, r) => {
    if (row.length !== nx) {
      throw new RangeError(`footprint: row ${r} has ${row.length} values, expected ${nx}`);
    }
    row.forEach((v, c) => {
      data[r * nx + c] = v ? 1 : 0;
    });
  });
  return { data, shape: [ny, nx] };
}

/** Throws a RangeError naming `name` unless `fp` is a well-formed footprint. */
export function checkFootprint(fp: Footprint, name = "footprint"): Footprint {
  if (!Array.isArray(fp?.shape) || fp.shape.length !== 2) {
    throw new RangeError(`${name}: shape must be [ny, nx], got ${JSON.stringify(fp?.shape)}`);
  }
  const [ny, nx] = fp.shape;
  checkSide(`${name}: ny`, ny);
  checkSide(`${name}: nx`, nx);
  if (!(fp.data instanceof Uint8Array) || fp.data.length !== ny * nx) {
    throw new RangeError(`${name}: data must be a Uint8Array of ${ny}×${nx} values`);
  }
  return fp;
}

export function isAllOnes(fp: Footprint): boolean {
  for (let i = 0; i < fp.data.length; i++) if (fp.data[i] === 0) return false;
  return true;
}

/**
 * The footprint's cells as (dy, dx) offsets from a centre at (cy, cx), in raster order:
 * `sign` −1 mirrors them (what ndimage does for dilations).
 */
export function footprintOffsets(
  fp: Footprint,
  cy: number,
  cx: number,
  sign: 1 | -1 = 1,
): Int32Array {
  const cells: number[] = [];
  const [ny, nx] = fp.shape;
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      if (fp.data[r * nx + c]) cells.push(sign * (r - cy), sign * (c - cx));
    }
  }
  return Int32Array.from(cells);
}

function checkSide(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${n}`);
  }
}
