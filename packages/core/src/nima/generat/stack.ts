/**
 * A synthetic ratiometric time-lapse (T, C, Y, X) uint16 stack, made the way the shared
 * reference cases were made (see shared/reference/README.md, "Image formation"):
 *
 *   raw = offset_c + Poisson(flat_c · (sky_c,t + Σ_k I_k,t,c · shape_k,t · texture_k))
 *         + Normal(0, readSd),   stored as uint16(clip(rint(raw), 0, 65535))
 *
 * with cells as soft ellipses (or dumbbells), intensities from ratios (R = R0·bleach^t,
 * C = r_cl(t)·R, G = r_pH(t)·C), a sky with a gradient and a bump, an optional vignetting
 * flat and dark current. Seeded and deterministic; for tests, demos and benchmarks.
 */
import { DataArray } from "../../array/data-array.js";
import { gaussianFilter } from "../../kernels/filters/gaussian.js";
import { genBias, genFlat } from "./frames.js";
import { Rng } from "./rng.js";

type Channel = "G" | "R" | "C";

interface CellRatios {
  /** R intensity at t = 0, bleached by `bleach` per frame. */
  R0: number;
  rCl0: number;
  dRcl: number;
  rPh0: number;
  dRph: number;
  bleach?: number;
  /** Centre drift per frame [dy, dx]. */
  drift?: readonly [number, number];
}

export interface EllipseCell extends CellRatios {
  type: "ellipse";
  cy: number;
  cx: number;
  /** Semi-axes (pixels) and rotation (degrees). */
  a: number;
  b: number;
  theta?: number;
}

export interface DumbbellCell extends CellRatios {
  type: "dumbbell";
  cy1: number;
  cx1: number;
  a1: number;
  b1: number;
  cy2: number;
  cx2: number;
  a2: number;
  b2: number;
  /** Half width of the tube joining the two ends. */
  tubeHalfWidth: number;
}

export type CellSpec = EllipseCell | DumbbellCell;

export interface SkySpec {
  level: Record<Channel, number>;
  driftPerFrame: number;
  gx: number;
  gy: number;
  bumpAmp: number;
  bumpCy: number;
  bumpCx: number;
  bumpSigma: number;
}

export interface StackOptions {
  T?: number;
  Y?: number;
  X?: number;
  seed?: number;
  /** Cells; default 4 random ellipses. */
  cells?: readonly CellSpec[];
  /** Rim softness of the cells (pixels); default 1.5. */
  edgePx?: number;
  /** Cell texture: 1 + amp·N(0, 1) smoothed with sigma 2; default 0.08. */
  textureAmp?: number;
  readSd?: number;
  biasOffset?: Record<Channel, number>;
  sky?: Partial<SkySpec>;
  /** Per-channel power of genFlat (vignetting); null for a flat of ones. */
  flatPower?: Record<Channel, number> | null;
  /** Per-channel dark current added to the offset; null for none. */
  darkCurrent?: Record<Channel, number> | null;
}

export interface GeneratedStack {
  /** (T, C, Y, X) uint16, C coords G, R, C. */
  image: DataArray;
  /** (C, Y, X) uint16 offset (bias + dark current), the dark frame of this stack. */
  dark: DataArray;
  /** (C, Y, X) float64 flat actually applied. */
  flat: DataArray;
  /** (T, Y, X) int32 ground truth: k + 1 where cell k covers the pixel (shape > 0.5). */
  truth: DataArray;
}

const CHANNELS: readonly Channel[] = ["G", "R", "C"];

export function genStack(options: StackOptions = {}): GeneratedStack {
  const {
    T = 3,
    Y = 256,
    X = 256,
    seed = 0,
    edgePx = 1.5,
    textureAmp = 0.08,
    readSd = 3,
  } = options;
  for (const [name, v] of Object.entries({ T, Y, X })) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`genStack: ${name} must be a positive integer, got ${v}`);
    }
  }
  const rng = new Rng(seed);
  const sky: SkySpec = {
    level: { G: 450, R: 240, C: 270 },
    driftPerFrame: 0.01,
    gx: 0.15,
    gy: -0.1,
    bumpAmp: 0.1,
    bumpCy: 0.4 * Y,
    bumpCx: 0.6 * X,
    bumpSigma: 0.3 * Math.min(Y, X),
    ...options.sky,
  };
  const biasOffset = options.biasOffset ?? { G: 100, R: 100, C: 100 };
  const cells = options.cells ?? randomCells(rng, Y, X);
  const plane = Y * X;

  // Offset: level + nima's bias profile stretched over X (+ dark current).
  const profile = genBias(1, 128).data;
  const offset = new Float64Array(3 * plane);
  const flat = new Float64Array(3 * plane).fill(1);
  const dome = options.flatPower ? genFlat(Y, X).data : null;
  CHANNELS.forEach((ch, c) => {
    const level = biasOffset[ch] + (options.darkCurrent?.[ch] ?? 0);
    for (let x = 0; x < X; x++) {
      const v = level + interpolate(profile, X > 1 ? (x * 127) / (X - 1) : 0);
      for (let y = 0; y < Y; y++) offset[c * plane + y * X + x] = Math.round(v);
    }
    if (dome && options.flatPower) {
      const power = options.flatPower[ch];
      for (let i = 0; i < plane; i++) flat[c * plane + i] = dome[i] ** power;
    }
  });

  const textures = cells.map(() => {
    const noise = Float64Array.from({ length: plane }, () => rng.normal());
    const smooth = gaussianFilter(noise, Y, X, { sigma: 2 });
    return Float64Array.from(smooth, (v) => 1 + textureAmp * v);
  });

  const image = new Uint16Array(T * 3 * plane);
  const truth = new Int32Array(T * plane);
  const signal = new Float64Array(3 * plane);
  for (let t = 0; t < T; t++) {
    // Sky per channel.
    for (let y = 0; y < Y; y++) {
      for (let x = 0; x < X; x++) {
        const bump = Math.exp(
          -((y - sky.bumpCy) ** 2 + (x - sky.bumpCx) ** 2) / (2 * sky.bumpSigma ** 2),
        );
        const shape = 1 + sky.gx * (x / X - 0.5) + sky.gy * (y / Y - 0.5) + sky.bumpAmp * bump;
        CHANNELS.forEach((ch, c) => {
          signal[c * plane + y * X + x] = sky.level[ch] * shape * (1 + sky.driftPerFrame * t);
        });
      }
    }
    cells.forEach((cell, k) => {
      const r = cell.R0 * (cell.bleach ?? 1) ** t;
      const cl = (cell.rCl0 + cell.dRcl * t) * r;
      const g = cell.rPh0 * (1 + cell.dRph * t) * cl;
      const intensity = { G: g, R: r, C: cl };
      const [dy, dx] = (cell.drift ?? [0, 0]).map((d) => d * t);
      for (let y = 0; y < Y; y++) {
        for (let x = 0; x < X; x++) {
          const s = cellShape(cell, y - dy, x - dx, edgePx);
          if (s < 1e-6) continue;
          const i = y * X + x;
          if (s > 0.5) truth[t * plane + i] = k + 1;
          CHANNELS.forEach((ch, c) => {
            signal[c * plane + i] += intensity[ch] * s * textures[k][i];
          });
        }
      }
    });
    for (let c = 0; c < 3; c++) {
      for (let i = 0; i < plane; i++) {
        const j = c * plane + i;
        const raw = offset[j] + rng.poisson(flat[j] * signal[j]) + rng.normal(0, readSd);
        image[(t * 3 + c) * plane + i] = Math.min(65535, Math.max(0, roundHalfEven(raw)));
      }
    }
  }
  const coords = { C: [...CHANNELS] };
  return {
    image: DataArray.from(image, {
      shape: [T, 3, Y, X],
      dims: ["T", "C", "Y", "X"],
      coords: { ...coords, T: Array.from({ length: T }, (_, t) => t) },
    }),
    dark: DataArray.from(Uint16Array.from(offset), {
      shape: [3, Y, X],
      dims: ["C", "Y", "X"],
      coords,
    }),
    flat: DataArray.from(flat, { shape: [3, Y, X], dims: ["C", "Y", "X"], coords }),
    truth: DataArray.from(truth, { shape: [T, Y, X], dims: ["T", "Y", "X"] }),
  };
}

/** Soft indicator 1 / (1 + exp(d / edge)) of the cell at (y, x), d ≈ signed rim distance. */
function cellShape(cell: CellSpec, y: number, x: number, edge: number): number {
  if (cell.type === "ellipse") {
    return soft(ellipseDistance(y - cell.cy, x - cell.cx, cell.a, cell.b, cell.theta ?? 0), edge);
  }
  const d1 = ellipseDistance(y - cell.cy1, x - cell.cx1, cell.a1, cell.b1, 0);
  const d2 = ellipseDistance(y - cell.cy2, x - cell.cx2, cell.a2, cell.b2, 0);
  // The tube: distance to the segment between the centres, minus its half width.
  const vy = cell.cy2 - cell.cy1;
  const vx = cell.cx2 - cell.cx1;
  const len2 = vy * vy + vx * vx || 1;
  const u = Math.min(1, Math.max(0, ((y - cell.cy1) * vy + (x - cell.cx1) * vx) / len2));
  const tube = Math.hypot(y - (cell.cy1 + u * vy), x - (cell.cx1 + u * vx)) - cell.tubeHalfWidth;
  return soft(Math.min(d1, d2, tube), edge);
}

/** Distance from the rim along the ray from the centre (negative inside). */
function ellipseDistance(dy: number, dx: number, a: number, b: number, thetaDeg: number): number {
  const th = (thetaDeg * Math.PI) / 180;
  const u = dx * Math.cos(th) + dy * Math.sin(th);
  const v = -dx * Math.sin(th) + dy * Math.cos(th);
  const dist = Math.hypot(u, v);
  if (dist === 0) return -Math.min(a, b);
  const rim = 1 / Math.hypot(u / dist / a, v / dist / b);
  return dist - rim;
}

/** The soft rim 1 / (1 + exp(d / edge)) of a cell at signed rim distance d. */
export function soft(d: number, edge: number): number {
  const z = d / edge;
  return z > 40 ? 0 : 1 / (1 + Math.exp(z));
}

function interpolate(values: Float64Array, at: number): number {
  const i = Math.min(values.length - 2, Math.floor(at));
  const f = at - i;
  return values[i] * (1 - f) + values[i + 1] * f;
}

function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Four well separated random ellipses inside the frame. */
function randomCells(rng: Rng, Y: number, X: number): EllipseCell[] {
  const cells: EllipseCell[] = [];
  const size = Math.min(Y, X);
  for (let k = 0; k < 4; k++) {
    const a = Math.max(4, Math.round(size * (0.08 + 0.04 * rng.random())));
    const b = Math.max(3, Math.round(a * (0.65 + 0.3 * rng.random())));
    cells.push({
      type: "ellipse",
      cy: Math.round(((k >> 1) + 0.5) * (Y / 2) + (rng.random() - 0.5) * 0.1 * Y),
      cx: Math.round(((k & 1) + 0.5) * (X / 2) + (rng.random() - 0.5) * 0.1 * X),
      a,
      b,
      theta: rng.integers(-90, 90),
      R0: 2000 + 1200 * rng.random(),
      rCl0: 0.55 + 0.4 * rng.random(),
      dRcl: 0.02,
      rPh0: 6 + 4 * rng.random(),
      dRph: -0.03,
      bleach: 0.98,
    });
  }
  return cells;
}
