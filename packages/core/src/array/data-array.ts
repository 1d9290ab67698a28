/**
 * DataArray: named dims, coords and attrs over a lazy chunked array (xarray over dask).
 * Operations build an expression graph; `compute()` runs it in the worker pool.
 */
import { buildGraph } from "../graph/build.js";
import type { ChunkSpec } from "../graph/chunks.js";
import { gridIndices, resolveChunks } from "../graph/chunks.js";
import { type LazyArray, MemoryArray } from "../graph/lazy.js";
import { selectArray, transposeArray } from "../graph/ops.js";
import type { ToZarrOptions } from "../io/to-zarr.js";
import type { BinaryOp, UnaryOp } from "../kernels/array/expr-ast.js";
import type { ReduceOp } from "../kernels/array/reduce.js";
import type { KernelHandle } from "../kernels/define.js";
import type { KernelSpec } from "../kernels/registry.js";
import { sizeOf } from "./block.js";
import { Coarsen } from "./coarsen.js";
import { type ComputeOptions, computeArray } from "./compute.js";
import type { DType, TypedArray } from "./dtype.js";
import { dtypeOf, isDType, typedArrayMatches } from "./dtype.js";
import { astypeOp, binaryOp, type Derived, reduceOp, unaryOp, whereOp } from "./elementwise.js";
import { checkDim, NotComputedError, ShapeError } from "./errors.js";
import {
  type Coords,
  type CoordValue,
  type Indexer,
  labelPositions,
  toSelection,
} from "./indexing.js";
import { type MapPlanesOptions, mapPlanesLazy } from "./map-planes.js";

export interface FromOptions {
  shape: readonly number[];
  dims: readonly string[];
  coords?: Coords;
  attrs?: Record<string, unknown>;
  name?: string;
  /** Interpret the data as this dtype (needed for "bool", stored as Uint8Array). */
  dtype?: DType;
  chunks?: ChunkSpec;
}

export interface Labels {
  coords: Coords;
  attrs: Record<string, unknown>;
  name?: string;
}

export type Other = DataArray | number;

export class DataArray {
  readonly coords: Coords;
  readonly attrs: Record<string, unknown>;
  readonly name?: string;

  /** Use `DataArray.from` or the operations; the constructor wraps a lazy array. */
  constructor(
    readonly lazy: LazyArray,
    labels: Partial<Labels> = {},
  ) {
    this.coords = labels.coords ?? {};
    this.attrs = labels.attrs ?? {};
    this.name = labels.name;
  }

  /**
   * An array over `data` (C order), adopted without a copy. Workers read shared memory, so a
   * `data` that is not backed by a SharedArrayBuffer is copied into shared memory once, on the
   * first compute that runs on workers (never per task); from then on the array reads that
   * copy, and `values` returns it: write through `values`, not through your original array.
   * To avoid even that one copy, allocate with `allocate(dtype, length)` (shared memory).
   */
  static from(data: TypedArray, options: FromOptions): DataArray {
    const { shape, dims } = options;
    if (dims.length !== shape.length) {
      throw new ShapeError(`dims (${dims.join(", ")}) do not match shape [${shape.join(", ")}]`);
    }
    if (new Set(dims).size !== dims.length) {
      throw new ShapeError(`dims (${dims.join(", ")}) repeat a name`);
    }
    if (sizeOf(shape) !== data.length) {
      throw new ShapeError(
        `data has ${data.length} values but shape [${shape.join(", ")}] needs ${sizeOf(shape)}`,
      );
    }
    const dtype = options.dtype ?? dtypeOf(data);
    if (!isDType(dtype) || !typedArrayMatches(data, dtype)) {
      throw new TypeError(`data (${dtypeOf(data)}) cannot hold dtype ${dtype}`);
    }
    const coords = options.coords ?? {};
    for (const [dim, values] of Object.entries(coords)) {
      const i = checkDim(dims, dim, "coordinate dim");
      if (values.length !== shape[i]) {
        throw new ShapeError(
          `coords of dim "${dim}" have ${values.length} labels but the dim has size ${shape[i]}`,
        );
      }
    }
    const chunks = resolveChunks(dims, shape, options.chunks);
    const lazy = new MemoryArray(data, dims, shape, dtype, chunks, options.name ?? "array");
    return new DataArray(lazy, { coords, attrs: options.attrs, name: options.name });
  }

  get dims(): readonly string[] {
    return this.lazy.dims;
  }
  get shape(): readonly number[] {
    return this.lazy.shape;
  }
  get dtype(): DType {
    return this.lazy.dtype;
  }
  get size(): number {
    return sizeOf(this.shape);
  }
  get sizes(): Record<string, number> {
    return Object.fromEntries(this.dims.map((d, i) => [d, this.shape[i]]));
  }
  get chunks(): Record<string, number> {
    return Object.fromEntries(this.dims.map((d, i) => [d, this.lazy.chunks[i]]));
  }
  /** Whether values are in memory (a computed array or one made with `from`). */
  get isComputed(): boolean {
    return this.lazy instanceof MemoryArray;
  }

  /** The values (C order) of a computed array. */
  get values(): TypedArray {
    if (!(this.lazy instanceof MemoryArray)) {
      throw new NotComputedError(
        "this DataArray is lazy: `await x.compute()` first, then read .values",
      );
    }
    return this.lazy.data;
  }
  toTypedArray(): TypedArray {
    return this.values;
  }
  /** The single value of a computed array of size 1. */
  item(): number {
    if (this.size !== 1)
      throw new ShapeError(`item() needs size 1, the array has size ${this.size}`);
    return this.values[0];
  }

  /**
   * The task graph `compute()` would run, built but not run (dask's `__dask_graph__` after
   * optimisation): how many tasks, after fusing per-plane chains unless `fuse` is false.
   */
  graph({ fuse = true }: { fuse?: boolean } = {}): { tasks: number; outputs: number } {
    const requests = [...gridIndices(this.lazy.grid)].map((index) => ({ array: this.lazy, index }));
    const built = buildGraph(requests, { fuse });
    return { tasks: built.tasks.size, outputs: built.outputs.length };
  }

  /**
   * Runs the graph (in worker threads by default) and returns an array holding the values,
   * in `options.out` when given (a computed array is then copied into it).
   */
  async compute(options: ComputeOptions = {}): Promise<DataArray> {
    if (this.isComputed && !options.out) return this;
    const data = await computeArray(this.lazy, options);
    const lazy = new MemoryArray(
      data,
      this.dims,
      this.shape,
      this.dtype,
      this.lazy.chunks,
      "computed",
    );
    return new DataArray(lazy, this.labels());
  }

  /**
   * Computes chunk by chunk into a zarr v3 store (OME-Zarr 0.5 for TCZYX-like dims), writing
   * each chunk as it finishes; returns the path. See `ToZarrOptions`.
   */
  async toZarr(path: string, options: ToZarrOptions = {}): Promise<string> {
    // Loaded on first use: zarr and its codecs stay out of the way of programs that never write.
    const { toZarr } = await import("../io/to-zarr.js");
    return toZarr(this, path, options);
  }

  // ---- selection ---------------------------------------------------------------------

  /** Positional selection: `isel({T: 0, C: [0, 2], X: {start: 10, stop: 20}})`. */
  isel(indexers: Record<string, Indexer>): DataArray {
    for (const dim of Object.keys(indexers)) checkDim(this.dims, dim);
    const selection = this.dims.map((dim, i) =>
      dim in indexers ? toSelection(indexers[dim], this.shape[i], dim) : null,
    );
    const coords: Coords = {};
    for (const [dim, values] of Object.entries(this.coords)) {
      const s = selection[this.dims.indexOf(dim)];
      if (s === null) coords[dim] = values;
      else if (Array.isArray(s)) coords[dim] = s.map((i) => values[i]);
    }
    const lazy = selectArray(this.lazy, selection);
    return new DataArray(lazy, { ...this.labels(), coords });
  }

  /** Selection by coordinate label: `sel({C: "G"})`, `sel({C: ["G", "C"]})`. */
  sel(labels: Record<string, CoordValue | readonly CoordValue[]>): DataArray {
    const indexers: Record<string, Indexer> = {};
    for (const [dim, label] of Object.entries(labels)) {
      indexers[dim] = labelPositions(dim, this.dims, this.coords, label);
    }
    return this.isel(indexers);
  }

  /** Drops size-1 dims (all, or the ones named). */
  squeeze(dims?: string | readonly string[]): DataArray {
    const names =
      dims === undefined ? this.dims.filter((_, i) => this.shape[i] === 1) : [dims].flat();
    const indexers: Record<string, number> = {};
    for (const dim of names) {
      const i = checkDim(this.dims, dim);
      if (this.shape[i] !== 1) {
        throw new ShapeError(`cannot squeeze dim "${dim}" of size ${this.shape[i]}`);
      }
      indexers[dim] = 0;
    }
    return names.length === 0 ? this : this.isel(indexers);
  }

  /** Reorders dims; `transpose()` reverses them. */
  transpose(...dims: string[]): DataArray {
    const order = dims.length === 0 ? [...this.dims].reverse() : dims;
    const missing = this.dims.filter((d) => !order.includes(d));
    if (order.length !== this.dims.length || missing.length > 0) {
      for (const d of order) checkDim(this.dims, d);
      throw new ShapeError(
        `transpose needs every dim once: (${this.dims.join(", ")}), got (${order.join(", ")})`,
      );
    }
    const perm = order.map((d) => checkDim(this.dims, d));
    return new DataArray(transposeArray(this.lazy, perm), this.labels());
  }

  /**
   * New chunk sizes, e.g. `{ T: 1 }` or `{ Y: 4096, X: 4096 }` for planes larger than memory
   * (-1: the whole dim). Neighbourhood kernels then run tile by tile with halos; kernels that
   * need the whole plane say so.
   */
  rechunk(chunks: ChunkSpec): DataArray {
    for (const dim of Object.keys(chunks)) checkDim(this.dims, dim);
    const resolved = resolveChunks(this.dims, this.shape, { ...this.chunks, ...chunks });
    const lazy = selectArray(
      this.lazy,
      this.dims.map(() => null),
      "rechunk",
      resolved,
    );
    return new DataArray(lazy, this.labels());
  }

  // ---- elementwise -------------------------------------------------------------------

  add(other: Other): DataArray {
    return this.binary("add", other);
  }
  sub(other: Other): DataArray {
    return this.binary("sub", other);
  }
  mul(other: Other): DataArray {
    return this.binary("mul", other);
  }
  /** True division: integers give float64, as numpy. */
  div(other: Other): DataArray {
    return this.binary("div", other);
  }
  pow(other: Other): DataArray {
    return this.binary("pow", other);
  }
  maximum(other: Other): DataArray {
    return this.binary("maximum", other);
  }
  minimum(other: Other): DataArray {
    return this.binary("minimum", other);
  }
  eq(other: Other): DataArray {
    return this.binary("eq", other);
  }
  ne(other: Other): DataArray {
    return this.binary("ne", other);
  }
  lt(other: Other): DataArray {
    return this.binary("lt", other);
  }
  le(other: Other): DataArray {
    return this.binary("le", other);
  }
  gt(other: Other): DataArray {
    return this.binary("gt", other);
  }
  ge(other: Other): DataArray {
    return this.binary("ge", other);
  }
  and(other: Other): DataArray {
    return this.binary("and", other);
  }
  or(other: Other): DataArray {
    return this.binary("or", other);
  }
  neg(): DataArray {
    return this.unary("neg");
  }
  abs(): DataArray {
    return this.unary("abs");
  }
  sqrt(): DataArray {
    return this.unary("sqrt");
  }
  exp(): DataArray {
    return this.unary("exp");
  }
  log(): DataArray {
    return this.unary("log");
  }
  log10(): DataArray {
    return this.unary("log10");
  }
  arcsinh(): DataArray {
    return this.unary("arcsinh");
  }
  not(): DataArray {
    return this.unary("not");
  }
  isnan(): DataArray {
    return this.unary("isnan");
  }
  isfinite(): DataArray {
    return this.unary("isfinite");
  }

  /** numpy.clip: `clip(0)` is maximum(x, 0); NaN stays NaN. */
  clip(min?: Other | null, max?: Other | null): DataArray {
    let out: DataArray = this;
    if (min !== undefined && min !== null) out = out.binary("clipmin", min, this.dtype);
    if (max !== undefined && max !== null) out = out.binary("clipmax", max, this.dtype);
    return out;
  }

  /** xarray's `where`: values where `cond` is true, else `other` (NaN by default). */
  where(cond: DataArray, other: Other = Number.NaN): DataArray {
    return DataArray.where(cond, this, other);
  }

  /** numpy.where(cond, x, y) with broadcasting by dim name. */
  static where(cond: DataArray, x: Other, y: Other): DataArray {
    const { lazy, labels } = whereOp(cond, x, y);
    return new DataArray(lazy, labels);
  }

  /** A copy in another dtype (numpy's astype: truncation toward zero, wrap-around). */
  astype(dtype: DType): DataArray {
    const cast = astypeOp(this, dtype);
    return cast ? this.derive(cast) : this;
  }

  // ---- reductions --------------------------------------------------------------------

  sum(dim?: string | readonly string[]): DataArray {
    return this.reduce("sum", dim);
  }
  mean(dim?: string | readonly string[]): DataArray {
    return this.reduce("mean", dim);
  }
  median(dim?: string | readonly string[]): DataArray {
    return this.reduce("median", dim);
  }
  std(dim?: string | readonly string[], { ddof = 0 } = {}): DataArray {
    return this.reduce("std", dim, ddof);
  }
  var(dim?: string | readonly string[], { ddof = 0 } = {}): DataArray {
    return this.reduce("var", dim, ddof);
  }
  min(dim?: string | readonly string[]): DataArray {
    return this.reduce("min", dim);
  }
  max(dim?: string | readonly string[]): DataArray {
    return this.reduce("max", dim);
  }
  prod(dim?: string | readonly string[]): DataArray {
    return this.reduce("prod", dim);
  }

  /** Windowed reduction over dims, as xarray's `coarsen({Y: 2, X: 2}, "trim").mean()`. */
  coarsen(windows: Record<string, number>, boundary: "trim" | "exact" = "exact"): Coarsen {
    return new Coarsen(this, windows, boundary, (lazy, labels) => new DataArray(lazy, labels));
  }

  /**
   * Applies a plane kernel to every YX plane: `x.applyPlane(filters.kernels.median, {size: 3})`
   * with a typed handle (see `defineKernel`), or by name for a registered kernel. The name and
   * params are checked now; the output keeps dims and chunks, with the kernel's dtype.
   */
  applyPlane<P extends object>(
    kernel: KernelHandle<P>,
    params: P,
    options?: { dtype?: DType },
  ): DataArray;
  applyPlane(
    kernel: string,
    params?: Record<string, unknown>,
    options?: { dtype?: DType },
  ): DataArray;
  applyPlane(
    kernel: string | KernelSpec<object>,
    params: object = {},
    { dtype }: { dtype?: DType } = {},
  ): DataArray {
    return this.mapPlanes(kernel as string, params as Record<string, unknown>, { dtype });
  }

  /**
   * apply_ufunc over YX planes with more inputs and other output core dims: e.g. one value
   * per plane (`coreDims: {}`), or a kernel reading labels and intensities together
   * (`with: [labels]`). See MapPlanesOptions.
   */
  mapPlanes<P extends object>(
    kernel: KernelHandle<P>,
    params: P,
    options?: MapPlanesOptions,
  ): DataArray;
  mapPlanes(
    kernel: string,
    params?: Record<string, unknown>,
    options?: MapPlanesOptions,
  ): DataArray;
  mapPlanes(
    kernel: string | KernelSpec<object>,
    params: object = {},
    options: MapPlanesOptions = {},
  ): DataArray {
    const lazy = mapPlanesLazy(this, kernel, params, options);
    const coords = options.coreDims
      ? Object.fromEntries(Object.entries(this.coords).filter(([d]) => lazy.dims.includes(d)))
      : this.coords;
    return new DataArray(lazy, { ...this.labels(), coords });
  }

  toString(): string {
    const dims = this.dims.map((d, i) => `${d}: ${this.shape[i]}`).join(", ");
    const state = this.isComputed
      ? "computed"
      : `lazy, ${this.lazy.grid.reduce((a, b) => a * b, 1)} chunks`;
    const lines = [
      `<DataArray${this.name ? ` '${this.name}'` : ""} (${dims})> ${this.dtype} ${state}`,
    ];
    for (const [dim, values] of Object.entries(this.coords)) {
      const shown = values
        .slice(0, 8)
        .map((v) => JSON.stringify(v))
        .join(", ");
      lines.push(`  * ${dim}: [${shown}${values.length > 8 ? ", …" : ""}]`);
    }
    return lines.join("\n");
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  // ---- internals ---------------------------------------------------------------------

  labels(): Labels {
    return { coords: this.coords, attrs: this.attrs, name: this.name };
  }

  private derive({ lazy, labels }: Derived): DataArray {
    return new DataArray(lazy, labels);
  }

  private unary(fn: UnaryOp): DataArray {
    return this.derive(unaryOp(this, fn));
  }

  private binary(fn: BinaryOp, other: Other, forceDtype?: DType): DataArray {
    return this.derive(binaryOp(this, fn, other, forceDtype));
  }

  private reduce(op: ReduceOp, dim?: string | readonly string[], ddof = 0): DataArray {
    return this.derive(reduceOp(this, op, dim, ddof));
  }
}
