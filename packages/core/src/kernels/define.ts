/**
 * Typed kernel handles: `defineKernel<Params>(name, spec)` declares a kernel once, with the
 * type of its params, its output dtype and a params check, so `x.applyPlane(handle, params)`
 * is type-checked by tsc and checked again when the graph is built (not at `compute()`).
 */
import type { DType } from "../array/dtype.js";
import type { Margins } from "./border.js";
import { type KernelSpec, type Loader, registerKernelSpec } from "./registry.js";

/** A declared kernel. `P` is the params type `applyPlane(handle, params)` accepts. */
export interface KernelHandle<P = Record<string, unknown>> extends KernelSpec<P> {
  /** Type-only: never set; carries `P` for inference. */
  readonly __params?: P;
}

export interface DefineKernelOptions<P> {
  outDtype?: DType | ((input: DType, params: P) => DType);
  check?: (params: P) => void;
  /** The kernel's reach beyond an output pixel, so it can run on Y/X tiles (KernelSpec.halo). */
  halo?: (params: P) => Margins;
  /**
   * Where the kernel's code lives, imported on first use in whichever thread runs it. Leave
   * it out for a kernel of a module given to `registerKernelModule`.
   */
  load?: Loader;
}

/**
 * Declares kernel `name` on this thread and returns its typed handle. Built-in kernels are
 * declared when `@nima-ts/core` loads, in the main thread and in every worker.
 *
 * @example
 * await registerKernelModule(new URL("./gain.js", import.meta.url).href);
 * const gain = defineKernel<{ factor: number }>("my.gain", {
 *   outDtype: "float64",
 *   check: (p) => { if (!(p.factor > 0)) throw new RangeError("my.gain: factor must be > 0"); },
 * });
 * const y = x.applyPlane(gain, { factor: 2 }); // params typed; checked now
 */
export function defineKernel<P extends object = Record<string, unknown>>(
  name: string,
  { outDtype, check, halo, load }: DefineKernelOptions<P> = {},
): KernelHandle<P> {
  if (typeof name !== "string" || name === "") {
    throw new TypeError(`defineKernel: name must be a non-empty string, got ${String(name)}`);
  }
  const handle: KernelHandle<P> = Object.freeze({ name, outDtype, check, halo });
  registerKernelSpec(handle, load);
  return handle;
}

/** The output dtype of `spec` on input `input` (the input's own when the spec has none). */
export function specOutDtype<P>(spec: KernelSpec<P>, input: DType, params: P): DType {
  const { outDtype } = spec;
  if (outDtype === undefined) return input;
  return typeof outDtype === "function" ? outDtype(input, params) : outDtype;
}
