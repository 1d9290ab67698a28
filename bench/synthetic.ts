/**
 * The bench's test data: a ratiometric (T, C=G,R,C, Y, X) uint16 stack of many soft
 * elliptical cells, some touching, on a sky with a gradient, with shot and read noise.
 *
 * Why not nima.generat.genStack: it renders every cell over the whole plane and draws a
 * Poisson sample per pixel, which takes ~70 s for 10×3×2048² on this machine; this takes
 * about a second, with ~170 cells per frame (genStack's default is 4), which exercises
 * labelling, regionprops and the per-label medians the way a real field of view does.
 */

export const CHANNELS = ["G", "R", "C"] as const;

/** Deterministic PRNG (mulberry32), uniform in [0, 1). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Cell {
  cy: number;
  cx: number;
  a: number;
  b: number;
  cos: number;
  sin: number;
  /** Drift per frame. */
  vy: number;
  vx: number;
  /** R at t = 0; G = rPh·C, C = rCl·R. */
  r0: number;
  rCl: number;
  rPh: number;
}

/** Cells on a jittered grid (spacing 140 px, semi-axes 28–62 px): neighbours often touch. */
function makeCells(ny: number, nx: number, rand: () => number): Cell[] {
  const spacing = 140;
  const cells: Cell[] = [];
  for (let gy = spacing / 2; gy < ny; gy += spacing) {
    for (let gx = spacing / 2; gx < nx; gx += spacing) {
      if (rand() < 0.12) continue; // some empty places
      const theta = Math.PI * rand();
      const angle = 2 * Math.PI * rand();
      cells.push({
        cy: gy + (rand() - 0.5) * 50,
        cx: gx + (rand() - 0.5) * 50,
        a: 28 + 34 * rand(),
        b: 28 + 20 * rand(),
        cos: Math.cos(theta),
        sin: Math.sin(theta),
        vy: 0.7 * Math.sin(angle),
        vx: 0.7 * Math.cos(angle),
        r0: 800 + 1200 * rand(),
        rCl: 0.6 + 0.4 * rand(),
        rPh: 3 + 3 * rand(),
      });
    }
  }
  return cells;
}

/**
 * The stack, (T, 3, Y, X) uint16 in shared memory (workers read it without copies):
 *   raw = 100 + sky_c + Σ I_c · soft(cell) + N(0, 1)·sqrt(signal + 9)
 * where soft is 1 / (1 + exp(d / 1.5)) of an approximate distance d to the rim.
 */
export function cellStack(frames: number, ny: number, nx: number, seed = 7): Uint16Array {
  const rand = random(seed);
  const cells = makeCells(ny, nx, rand);
  // A table of normal deviates (Box–Muller), read in a pseudo-random order: fast noise.
  const normals = new Float64Array(1 << 16);
  for (let i = 0; i < normals.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rand()));
    const phi = 2 * Math.PI * rand();
    normals[i] = r * Math.cos(phi);
    normals[i + 1] = r * Math.sin(phi);
  }
  const plane = ny * nx;
  // Shared memory, as the engine allocates: workers read the planes in place.
  const out = new Uint16Array(new SharedArrayBuffer(frames * 3 * plane * 2));
  const signal = [new Float64Array(plane), new Float64Array(plane), new Float64Array(plane)];
  const sky = [450, 240, 270];
  let state = seed * 2654435761 || 1;
  for (let t = 0; t < frames; t++) {
    for (let c = 0; c < 3; c++) {
      const s = signal[c];
      for (let y = 0; y < ny; y++) {
        const row = sky[c] * (1 - 0.1 * (y / ny - 0.5)) * (1 + 0.01 * t);
        for (let x = 0; x < nx; x++) s[y * nx + x] = row * (1 + 0.15 * (x / nx - 0.5));
      }
    }
    for (const cell of cells) addCell(cell, t, ny, nx, signal);
    for (let c = 0; c < 3; c++) {
      const s = signal[c];
      const o = (t * 3 + c) * plane;
      for (let i = 0; i < plane; i++) {
        state ^= state << 13;
        state ^= state >>> 17;
        state ^= state << 5;
        const v = 100 + s[i] + normals[state & 0xffff] * Math.sqrt(s[i] + 9);
        out[o + i] = v < 0 ? 0 : v > 65535 ? 65535 : Math.round(v);
      }
    }
  }
  return out;
}

function addCell(cell: Cell, t: number, ny: number, nx: number, signal: Float64Array[]): void {
  const r = cell.r0 * 0.98 ** t;
  const cl = cell.rCl * r;
  const intensity = [cell.rPh * (1 - 0.02 * t) * cl, r, cl]; // G, R, C
  const cy = cell.cy + cell.vy * t;
  const cx = cell.cx + cell.vx * t;
  const reach = Math.max(cell.a, cell.b) + 8;
  const y0 = Math.max(0, Math.floor(cy - reach));
  const y1 = Math.min(ny, Math.ceil(cy + reach));
  const x0 = Math.max(0, Math.floor(cx - reach));
  const x1 = Math.min(nx, Math.ceil(cx + reach));
  const edge = 1.5;
  const minAxis = Math.min(cell.a, cell.b);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const u = (x - cx) * cell.cos + (y - cy) * cell.sin;
      const v = -(x - cx) * cell.sin + (y - cy) * cell.cos;
      const q = Math.sqrt((u / cell.a) ** 2 + (v / cell.b) ** 2);
      const z = ((q - 1) * minAxis) / edge;
      if (z > 12) continue;
      const soft = 1 / (1 + Math.exp(z));
      const i = y * nx + x;
      for (let c = 0; c < 3; c++) signal[c][i] += intensity[c] * soft;
    }
  }
}
