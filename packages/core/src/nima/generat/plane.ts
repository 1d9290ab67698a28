/**
 * A synthetic stitched plane of any size, produced window by window: many cells (the soft
 * ellipses of stack.ts) on a jittered grid over a sky, with shot and read noise, as uint16
 * per channel. Every cell and every noise block is drawn from its own seeded generator
 * (seed, grid position), so any window is the same pixels as that part of a larger window
 * or of the whole plane, and no window needs more than itself in memory: a plane far larger
 * than memory can be written tile by tile, and cells cross the tile borders.
 *
 *   raw_c = offset + signal_c + N(0, 1)·sqrt(signal_c + readSd²),  uint16(clip(rint(raw)))
 *   signal_c = sky_c + Σ_k I_k,c · soft(rim distance of cell k)
 */
import type { TiledPlane } from "../../tiled/tiles.js";
import { Rng } from "./rng.js";
import { soft } from "./stack.js";

export interface StitchedPlaneOptions {
  ny: number;
  nx: number;
  seed?: number;
  /** Channel names (default ["G", "R"]); the first is R·ratio, ratio uniform in [0.5, 2). */
  channels?: readonly string[];
  /** Spacing of the cell grid (pixels, default 48); each site holds at most one cell. */
  spacing?: number;
  /** Fraction of the grid sites holding a cell (default 0.7). */
  density?: number;
  /** Long semi-axis drawn from [minRadius, maxRadius) (defaults 8 and 20). */
  minRadius?: number;
  maxRadius?: number;
  /** Sky level of every channel (default 300) and camera offset (default 100). */
  sky?: number;
  offset?: number;
  readSd?: number;
  /** Rim softness (pixels, default 1.5). */
  edgePx?: number;
}

export interface StitchedPlane {
  ny: number;
  nx: number;
  channels: readonly string[];
  /** Every channel of rows [y0, y1) × columns [x0, x1), row-major uint16. */
  readChannels(y0: number, y1: number, x0: number, x1: number): Uint16Array[];
  /** One channel as a tiled plane (reading it also draws the other channels). */
  plane(channel: number): TiledPlane<Uint16Array>;
  /** The number of cells whose centre lies in the window (grid sites holding a cell). */
  countCells(y0: number, y1: number, x0: number, x1: number): number;
}

/**
 * Side of the noise blocks. Each block reads a shared table of normals from its own seeded
 * start and odd stride: far cheaper than drawing every pixel's normal, still uncorrelated
 * between neighbouring pixels and blocks.
 */
const NOISE_BLOCK = 256;
const TABLE_BITS = 20;
/** soft() is below 3.4e-4 beyond 8 rim softnesses (under one count at these intensities): cells are drawn that far out. */
const REACH = 8;

interface Cell {
  cy: number;
  cx: number;
  a: number;
  b: number;
  cos: number;
  sin: number;
  /** Intensity per channel. */
  intensity: number[];
}

/** A 32-bit hash of integers (murmur3's finaliser over a running mix). */
function hash(...values: number[]): number {
  let h = 0x811c9dc5;
  for (const v of values) {
    h = Math.imul(h ^ (v | 0), 0x01000193) >>> 0;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h ^= h >>> 16;
  }
  return h >>> 0;
}

const tables = new Map<number, Float64Array>();

/** 2^TABLE_BITS standard normals of `seed`, made once per seed. */
function normalTable(seed: number): Float64Array {
  let table = tables.get(seed);
  if (!table) {
    const rng = new Rng(hash(seed, 3));
    table = Float64Array.from({ length: 1 << TABLE_BITS }, () => rng.normal());
    tables.set(seed, table);
  }
  return table;
}

function positiveInteger(name: string, v: number): void {
  if (!Number.isInteger(v) || v < 1) {
    throw new RangeError(`stitchedPlane: ${name} must be a positive integer, got ${v}`);
  }
}

export function stitchedPlane(options: StitchedPlaneOptions): StitchedPlane {
  const {
    ny,
    nx,
    seed = 0,
    channels = ["G", "R"],
    spacing = 48,
    density = 0.7,
    minRadius = 8,
    maxRadius = 20,
    sky = 300,
    offset = 100,
    readSd = 3,
    edgePx = 1.5,
  } = options;
  for (const [name, v] of Object.entries({ ny, nx, spacing, minRadius, maxRadius })) {
    positiveInteger(name, v);
  }
  if (maxRadius <= minRadius) {
    throw new RangeError(
      `stitchedPlane: minRadius (${minRadius}) must be below maxRadius (${maxRadius})`,
    );
  }
  if (!(density >= 0 && density <= 1)) {
    throw new RangeError(`stitchedPlane: density must be in [0, 1], got ${density}`);
  }
  if (channels.length < 1) throw new RangeError("stitchedPlane: channels must not be empty");
  const nc = channels.length;
  const jitter = 0.25 * spacing;
  const reach = maxRadius + jitter + Math.ceil(REACH * edgePx);
  const table = normalTable(seed);

  /** The cell of grid site (i, j), or null; the same draws whatever window asks. */
  function cellAt(i: number, j: number): Cell | null {
    const rng = new Rng(hash(seed, 1, i, j));
    if (rng.random() >= density) return null;
    const cy = (i + 0.5) * spacing + (rng.random() - 0.5) * 2 * jitter;
    const cx = (j + 0.5) * spacing + (rng.random() - 0.5) * 2 * jitter;
    if (cy < 0 || cy >= ny || cx < 0 || cx >= nx) return null;
    const a = minRadius + rng.random() * (maxRadius - minRadius);
    const b = a * (0.6 + 0.4 * rng.random());
    const theta = rng.random() * Math.PI;
    const r = 600 + 1400 * rng.random();
    const ratio = 0.5 + 1.5 * rng.random();
    const intensity = channels.map((_, c) => (c === 0 && nc > 1 ? r * ratio : r));
    return { cy, cx, a, b, cos: Math.cos(theta), sin: Math.sin(theta), intensity };
  }

  /** Grid sites whose cells can reach the window. */
  function sites(y0: number, y1: number, x0: number, x1: number): [number, number][] {
    const out: [number, number][] = [];
    const i0 = Math.floor((y0 - reach) / spacing);
    const i1 = Math.floor((y1 + reach) / spacing);
    const j0 = Math.floor((x0 - reach) / spacing);
    const j1 = Math.floor((x1 + reach) / spacing);
    for (let i = Math.max(0, i0); i <= i1; i++)
      for (let j = Math.max(0, j0); j <= j1; j++) out.push([i, j]);
    return out;
  }

  function checkWindow(y0: number, y1: number, x0: number, x1: number): void {
    if (!(0 <= y0 && y0 <= y1 && y1 <= ny && 0 <= x0 && x0 <= x1 && x1 <= nx)) {
      throw new RangeError(
        `stitchedPlane: window [${y0}, ${y1}) × [${x0}, ${x1}) is outside the ${ny} × ${nx} plane`,
      );
    }
  }

  function readChannels(y0: number, y1: number, x0: number, x1: number): Uint16Array[] {
    checkWindow(y0, y1, x0, x1);
    const h = y1 - y0;
    const w = x1 - x0;
    const signal = channels.map(() => new Float64Array(h * w).fill(sky));
    for (const [i, j] of sites(y0, y1, x0, x1)) {
      const cell = cellAt(i, j);
      if (!cell) continue;
      const r = Math.max(cell.a, cell.b) + Math.ceil(REACH * edgePx);
      const ya = Math.max(y0, Math.ceil(cell.cy - r));
      const yb = Math.min(y1, Math.floor(cell.cy + r) + 1);
      const xa = Math.max(x0, Math.ceil(cell.cx - r));
      const xb = Math.min(x1, Math.floor(cell.cx + r) + 1);
      for (let y = ya; y < yb; y++) {
        const dy = y - cell.cy;
        for (let x = xa; x < xb; x++) {
          const dx = x - cell.cx;
          const u = dx * cell.cos + dy * cell.sin;
          const v = -dx * cell.sin + dy * cell.cos;
          // stack.ts's rim distance, dist − rim = dist·(1 − 1/|(u/a, v/b)|), without hypot.
          const dist = Math.sqrt(u * u + v * v);
          const q = Math.sqrt((u * u) / (cell.a * cell.a) + (v * v) / (cell.b * cell.b));
          const d = dist === 0 ? -Math.min(cell.a, cell.b) : dist - dist / q;
          if (d > REACH * edgePx) continue;
          const s = soft(d, edgePx);
          const k = (y - y0) * w + (x - x0);
          for (let c = 0; c < nc; c++) signal[c][k] += cell.intensity[c] * s;
        }
      }
    }
    const out = channels.map(() => new Uint16Array(h * w));
    const mask = (1 << TABLE_BITS) - 1;
    const readVar = readSd * readSd;
    for (let c = 0; c < nc; c++) {
      const sig = signal[c];
      const o = out[c];
      for (let by = Math.floor(y0 / NOISE_BLOCK); by * NOISE_BLOCK < y1; by++) {
        for (let bx = Math.floor(x0 / NOISE_BLOCK); bx * NOISE_BLOCK < x1; bx++) {
          const rng = new Rng(hash(seed, 2, c, by, bx));
          const start = rng.integers(0, mask + 1);
          const stride = 2 * rng.integers(0, mask >> 1) + 1;
          const ya = Math.max(y0, by * NOISE_BLOCK);
          const yb = Math.min(y1, (by + 1) * NOISE_BLOCK);
          const xa = Math.max(x0, bx * NOISE_BLOCK);
          const xb = Math.min(x1, (bx + 1) * NOISE_BLOCK);
          for (let y = ya; y < yb; y++) {
            const row = (y - y0) * w - x0;
            const n0 = (y - by * NOISE_BLOCK) * NOISE_BLOCK - bx * NOISE_BLOCK;
            for (let x = xa; x < xb; x++) {
              const s = sig[row + x];
              const raw =
                offset +
                s +
                table[(start + Math.imul(n0 + x, stride)) & mask] * Math.sqrt(s + readVar);
              // clip to [0, 65535], then round half up (raw is never negative there)
              o[row + x] = raw <= 0 ? 0 : raw >= 65535 ? 65535 : Math.floor(raw + 0.5);
            }
          }
        }
      }
    }
    return out;
  }

  function countCells(y0: number, y1: number, x0: number, x1: number): number {
    checkWindow(y0, y1, x0, x1);
    let n = 0;
    for (const [i, j] of sites(y0, y1, x0, x1)) {
      const cell = cellAt(i, j);
      if (cell && cell.cy >= y0 && cell.cy < y1 && cell.cx >= x0 && cell.cx < x1) n++;
    }
    return n;
  }

  return {
    ny,
    nx,
    channels,
    readChannels,
    countCells,
    plane: (channel) => {
      if (!Number.isInteger(channel) || channel < 0 || channel >= nc) {
        throw new RangeError(`stitchedPlane: channel must be in [0, ${nc}), got ${channel}`);
      }
      return { ny, nx, read: (y0, y1, x0, x1) => readChannels(y0, y1, x0, x1)[channel] };
    },
  };
}
