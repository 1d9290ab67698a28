/**
 * Plane sources, after viv's PixelSource: the dims a view can step through (everything but
 * Y and X), their coords, and `getPlane(index)` for one YX plane. A DataArray, lazy or
 * computed, becomes one with `planeSource`; its planes are computed on demand (decoding and
 * any pipeline in the worker pool), cached, and the next ones along T prefetched.
 */
import type { ComputeOptions, DataArray, DType, PlaneIndex, PlaneSource } from "@nima-ts/core";
import type { Plane } from "../render/plane.js";
import { PlaneCache } from "./cache.js";

// The contract is core's, shared with display bundles and the JupyterLab extension.
export type { PlaneIndex, PlaneSource } from "@nima-ts/core";

export interface PlaneSourceOptions {
  /** How planes of a lazy array are computed (e.g. `{ executor: pool }`). */
  compute?: ComputeOptions;
  /** Bytes of planes kept (default 512 MiB). */
  cacheBytes?: number;
  /** Planes to prefetch on each side along T after a load (default 1; 0 turns it off). */
  prefetch?: number;
  /** Pixel size for the scale bar, when the array's attrs do not state it. */
  pixelSize?: { size: number; unit: string };
}

let computeDefaults: ComputeOptions = {};

/** Compute options for every source made without its own (e.g. the page's worker pool). */
export function setComputeDefaults(options: ComputeOptions): void {
  computeDefaults = options;
}

/** A plane source over `array`, which must have Y and X dims. */
export function planeSource(array: DataArray, options: PlaneSourceOptions = {}): PlaneSource {
  if (!array.dims.includes("Y") || !array.dims.includes("X")) {
    throw new RangeError(
      `planeSource: the array needs Y and X dims, got (${array.dims.join(", ")})`,
    );
  }
  const dims = array.dims.filter((d) => d !== "Y" && d !== "X");
  // Y, X last so a plane is one contiguous run.
  const ordered =
    array.dims.slice(-2).join() === "Y,X" ? array : array.transpose(...dims, "Y", "X");
  const sizes = Object.fromEntries(dims.map((d) => [d, ordered.sizes[d]]));
  const { Y: ny, X: nx } = ordered.sizes;
  const keyOf = (index: PlaneIndex) => dims.map((d) => index[d] ?? 0).join(",");
  const cache = new PlaneCache<Plane>(options.cacheBytes ?? 512 * 1024 ** 2, (plane) => {
    const data = plane.data as { byteLength?: number; length: number };
    return data.byteLength ?? data.length * 8;
  });
  const load = async (index: PlaneIndex): Promise<Plane> => {
    checkIndex(dims, sizes, index);
    if (ordered.isComputed) {
      let offset = 0;
      for (const d of dims) offset = offset * sizes[d] + (index[d] ?? 0);
      const start = offset * ny * nx;
      return { data: ordered.values.subarray(start, start + ny * nx), ny, nx };
    }
    const selection = Object.fromEntries(dims.map((d) => [d, index[d] ?? 0]));
    const plane = await ordered.isel(selection).compute(options.compute ?? computeDefaults);
    return { data: plane.values, ny, nx };
  };
  const prefetch = options.prefetch ?? 1;
  const source: PlaneSource = {
    dims,
    sizes,
    coords: Object.fromEntries(
      dims.filter((d) => ordered.coords[d]).map((d) => [d, ordered.coords[d]]),
    ),
    ny,
    nx,
    dtype: ordered.dtype,
    pixelSize: options.pixelSize ?? pixelSizeOf(ordered.attrs),
    getPlane(index) {
      const plane = cache.get(keyOf(index), () => load(index));
      if (prefetch > 0 && !ordered.isComputed && dims.includes("T")) {
        void plane.then(() => {
          for (let step = 1; step <= prefetch; step++) {
            for (const t of [index.T + step, index.T - step]) {
              const next = { ...index, T: t };
              if (t >= 0 && t < sizes.T && !cache.has(keyOf(next))) {
                cache.get(keyOf(next), () => load(next)).catch(() => {});
              }
            }
          }
        });
      }
      return plane;
    },
    isCached: (index) => ordered.isComputed || cache.has(keyOf(index)),
  };
  return source;
}

/** A source holding one plane (a typed array of ny·nx values). */
export function singlePlaneSource(plane: Plane, dtype: DType = "float64"): PlaneSource {
  return {
    dims: [],
    sizes: {},
    coords: {},
    ny: plane.ny,
    nx: plane.nx,
    dtype,
    getPlane: async () => plane,
    isCached: () => true,
  };
}

function checkIndex(
  dims: readonly string[],
  sizes: Record<string, number>,
  index: PlaneIndex,
): void {
  for (const d of dims) {
    const i = index[d] ?? 0;
    if (!Number.isInteger(i) || i < 0 || i >= sizes[d]) {
      throw new RangeError(`getPlane: index ${d}=${i} is outside 0..${sizes[d] - 1}`);
    }
  }
}

/** attrs.physicalSize {X, unit} (readImage's convention) as a scale for the scale bar. */
function pixelSizeOf(attrs: Record<string, unknown>): { size: number; unit: string } | undefined {
  const physical = attrs.physicalSize as { X?: number; unit?: string } | undefined;
  if (!physical || typeof physical.X !== "number" || !(physical.X > 0)) return undefined;
  return { size: physical.X, unit: physical.unit ?? "µm" };
}

/** The index of `source` for the dims it has, taken from a larger index (labels under an image). */
export function projectIndex(source: PlaneSource, index: PlaneIndex): PlaneIndex | undefined {
  const out: PlaneIndex = {};
  for (const d of source.dims) {
    const i = index[d] ?? 0;
    if (i >= source.sizes[d]) return undefined;
    out[d] = i;
  }
  return out;
}
