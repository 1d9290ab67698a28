/**
 * The kernel registry: a task names its kernel, and whichever thread runs the task looks the
 * name up here. Built-in kernels are registered as lazy module loaders (like zarrita's codec
 * registry) so a worker loads only the modules its tasks use.
 */

import type { Block } from "../array/block.js";
import type { DType } from "../array/dtype.js";
import type { Margins } from "./border.js";

/**
 * A kernel maps input blocks and JSON-able params to one output block. `out`, when given, is
 * where the caller would like the result (a view into the final array, shared with the main
 * thread): a kernel may write there and return it, or ignore it and return a new block.
 */
export type Kernel = (
  inputs: Block[],
  params: Record<string, unknown>,
  out?: Block,
) => Block | Promise<Block>;

/** A module of kernels: what `registerKernelModule` imports. */
export interface KernelModule {
  kernels: Record<string, Kernel>;
}

export class UnknownKernelError extends Error {
  override name = "UnknownKernelError";
}

/**
 * What a graph needs to know about a kernel before it runs: checked when the graph is built,
 * so a bad name or bad params fail at the call that made them, not at `compute()`.
 */
export interface KernelSpec<P = Record<string, unknown>> {
  readonly name: string;
  /** The output dtype: fixed (e.g. int32 labels), or from the input dtype and params. */
  readonly outDtype?: DType | ((input: DType, params: P) => DType);
  /** Throws a RangeError/TypeError naming the kernel and the parameter when params are bad. */
  readonly check?: (params: P) => void;
  /**
   * How far the kernel reads beyond an output pixel with these params (rows above and below,
   * columns left and right): it then runs on Y/X tiles plus this halo and gives the
   * whole-plane result bit for bit. Throws a RangeError when these params cannot be tiled
   * (wrap mode, a whole-plane statistic). Kernels without it need whole planes.
   */
  readonly halo?: (params: P) => Margins;
}

export type Loader = () => Promise<KernelModule>;

const kernels = new Map<string, Kernel>();
const loaders = new Map<string, Loader>();
// biome-ignore lint/suspicious/noExplicitAny: specs of every param type share one map
const specs = new Map<string, KernelSpec<any>>();
const userModules = new Set<string>();

/** Registers a kernel on this thread. Worker threads need it too: use a kernel module. */
export function registerKernel(name: string, kernel: Kernel): void {
  kernels.set(name, kernel);
}

/** Registers kernels `names` as provided by a module loaded on first use. */
export function registerLazyKernels(names: readonly string[], load: Loader): void {
  let pending: Promise<KernelModule> | undefined;
  const once = () => {
    pending ??= load();
    return pending;
  };
  for (const name of names) loaders.set(name, once);
}

/**
 * Imports a module (path or URL) exporting `kernels: Record<string, Kernel>` and registers
 * them on this thread. The worker pool replays these on every worker.
 */
export async function registerKernelModule(specifier: string): Promise<string[]> {
  const mod = (await import(specifier)) as Partial<KernelModule>;
  if (!mod.kernels || typeof mod.kernels !== "object") {
    throw new TypeError(`kernel module ${specifier} does not export "kernels"`);
  }
  for (const [name, kernel] of Object.entries(mod.kernels)) registerKernel(name, kernel);
  userModules.add(specifier);
  return Object.keys(mod.kernels);
}

/** The user kernel modules registered so far (the pool loads them into new workers). */
export function registeredKernelModules(): string[] {
  return [...userModules];
}

export async function getKernel(name: string): Promise<Kernel> {
  const known = kernels.get(name);
  if (known) return known;
  const load = loaders.get(name);
  if (!load) throw new UnknownKernelError(`unknown kernel "${name}"`);
  const mod = await load();
  for (const [n, k] of Object.entries(mod.kernels)) kernels.set(n, k);
  const kernel = kernels.get(name);
  if (!kernel) throw new UnknownKernelError(`module for kernel "${name}" does not define it`);
  return kernel;
}

/** Every kernel this thread knows: registered, lazily loadable, or declared by a spec. */
export function kernelNames(): string[] {
  return [...new Set([...kernels.keys(), ...loaders.keys(), ...specs.keys()])].sort();
}

/** Declares a kernel's spec (and, with `load`, where its code lives) on this thread. */
export function registerKernelSpec<P>(spec: KernelSpec<P>, load?: Loader): void {
  specs.set(spec.name, spec);
  if (load) registerLazyKernels([spec.name], load);
}

/**
 * The spec of kernel `name` for building a graph: its declared spec, a bare spec for a kernel
 * registered without one (a user kernel module), or an UnknownKernelError listing the names.
 */
export function kernelSpec(name: string): KernelSpec {
  const spec = specs.get(name);
  if (spec) return spec;
  if (kernels.has(name) || loaders.has(name)) return { name };
  throw new UnknownKernelError(
    `unknown kernel "${name}"; known kernels: ${kernelNames().join(", ")}. ` +
      "Register your own with registerKernelModule(url) before building the graph.",
  );
}
