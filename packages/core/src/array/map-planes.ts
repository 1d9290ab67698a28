/**
 * mapPlanes: xarray's `apply_ufunc(..., input_core_dims=[["Y","X"], ...],
 * output_core_dims=[...], vectorize=True)` for registered kernels. A kernel sees, per chunk,
 * the main array's block and the matching blocks of extra inputs, and returns a block whose
 * trailing dims are the output core dims (Y, X again by default; none for a per-plane scalar).
 */
import { TaskArray } from "../graph/lazy.js";
import { broadcastIndex } from "../graph/ops.js";
import { isTiled, overlapTask } from "../graph/overlap.js";
import { specOutDtype } from "../kernels/define.js";
import { type KernelSpec, kernelSpec } from "../kernels/registry.js";
import type { DataArray } from "./data-array.js";
import type { DType } from "./dtype.js";
import { ShapeError } from "./errors.js";

export interface MapPlanesOptions {
  /** Output dtype (default: the input's). */
  dtype?: DType;
  /** Output core dims replacing Y, X: e.g. `{}` for one value per plane, `{stat: 5}`. */
  coreDims?: Record<string, number>;
  /** More arrays the kernel reads per plane (same leading dims, or size 1 there). */
  with?: readonly DataArray[];
}

export function planeCheck(array: DataArray, what: string): void {
  const n = array.dims.length;
  if (n < 2 || array.dims[n - 2] !== "Y" || array.dims[n - 1] !== "X") {
    throw new ShapeError(`${what} needs Y and X as the last dims, got (${array.dims.join(", ")})`);
  }
}

/**
 * The kernel's spec, its params checked and its output dtype, at graph-build time: an unknown
 * name, bad params or a dtype the kernel cannot give fail here, not at compute().
 */
export function resolvePlaneKernel<P>(
  kernel: string | KernelSpec<P>,
  params: P,
  input: DType,
  dtype?: DType,
): { name: string; dtype: DType } {
  const spec = (typeof kernel === "string" ? kernelSpec(kernel) : kernel) as KernelSpec<P>;
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new TypeError(`${spec.name}: params must be an object, got ${JSON.stringify(params)}`);
  }
  spec.check?.(params);
  const declared = specOutDtype(spec, input, params);
  if (dtype !== undefined && typeof spec.outDtype === "string" && dtype !== declared) {
    throw new TypeError(`${spec.name} gives ${declared}; dtype "${dtype}" cannot hold its output`);
  }
  return { name: spec.name, dtype: dtype ?? declared };
}

export function mapPlanesLazy<P>(
  array: DataArray,
  kernelRef: string | KernelSpec<P>,
  params: P,
  options: MapPlanesOptions,
): TaskArray {
  const { name: kernel, dtype } = resolvePlaneKernel(kernelRef, params, array.dtype, options.dtype);
  planeCheck(array, kernel);
  const lead = array.dims.slice(0, -2);
  const extras = (options.with ?? []).map((other) => {
    planeCheck(other, `${kernel} input`);
    const otherLead = other.dims.slice(0, -2);
    const sameLayout =
      otherLead.length === lead.length &&
      otherLead.every(
        (d, i) => d === lead[i] && (other.shape[i] === array.shape[i] || other.shape[i] === 1),
      );
    if (!sameLayout || other.sizes.Y !== array.sizes.Y || other.sizes.X !== array.sizes.X) {
      throw new ShapeError(
        `${kernel}: input (${other.dims.map((d) => `${d}: ${other.sizes[d]}`).join(", ")}) does not match (${array.dims.map((d) => `${d}: ${array.sizes[d]}`).join(", ")})`,
      );
    }
    return other.lazy;
  });
  const core = options.coreDims;
  const leadShape = array.shape.slice(0, -2);
  const leadChunks = array.lazy.chunks.slice(0, -2);
  const dims = core ? [...lead, ...Object.keys(core)] : [...array.dims];
  const shape = core ? [...leadShape, ...Object.values(core)] : [...array.shape];
  const chunks = core ? [...leadChunks, ...Object.values(core)] : [...array.lazy.chunks];
  const sources = [array.lazy, ...extras];
  if (sources.some(isTiled)) {
    const halo = tiledHalo(kernelSpecOf(kernelRef), params, array, Boolean(core));
    return new TaskArray(dims, shape, dtype, chunks, kernel, (index) =>
      overlapTask(sources, index, chunks, kernel, params as Record<string, unknown>, halo),
    );
  }
  return new TaskArray(dims, shape, dtype, chunks, kernel, (index) => {
    const planeIndex = [...index.slice(0, lead.length), 0, 0];
    return {
      kernel,
      params: params as Record<string, unknown>,
      inputs: sources.map((source) => ({
        array: source,
        index: broadcastIndex(source, planeIndex),
      })),
    };
  });
}

function kernelSpecOf<P>(kernel: string | KernelSpec<P>): KernelSpec<P> {
  return (typeof kernel === "string" ? kernelSpec(kernel) : kernel) as KernelSpec<P>;
}

/**
 * The halo a kernel needs on Y/X tiles, or a ShapeError saying why it needs whole planes and
 * what to do instead.
 */
function tiledHalo<P>(spec: KernelSpec<P>, params: P, array: DataArray, perPlane: boolean) {
  const cut = (["Y", "X"] as const)
    .filter((d) => array.chunks[d] < array.sizes[d])
    .map((d) => `${d} in chunks of ${array.chunks[d]} (of ${array.sizes[d]})`)
    .join(", ");
  const whole = `rechunk({ Y: -1, X: -1 }) to compute whole planes, or use the tiled API (tiled.*) for planes larger than memory`;
  if (perPlane || !spec.halo) {
    const what = perPlane ? "gives one result per plane" : "declares no halo for Y/X tiles";
    throw new ShapeError(
      `${spec.name} ${what} and needs whole YX planes, but the input is tiled (${cut || "an input is"}): ${whole}`,
    );
  }
  return spec.halo(params);
}
