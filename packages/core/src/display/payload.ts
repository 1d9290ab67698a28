/**
 * An array as it travels in a bundle: small ones inline (base64 of the values), large ones
 * written as zarr beside the notebook with `DataArray#toZarr` (chunk by chunk, within the
 * memory budget) and referenced by a relative path. Also the pipeline that made an array.
 */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import { bytesPerElement, type TypedArray } from "../array/dtype.js";
import { DimensionError } from "../array/errors.js";
import { isBlock, type LazyArray, MemoryArray } from "../graph/lazy.js";
import { omeCompatible } from "../io/ome-zarr-meta.js";
import { finiteRange } from "../kernels/stats/histogram.js";
import { jsonNumber, toBase64, toJsonRecord } from "./json.js";
import type { ArrayDescription, JsonNumber, PipelineStep } from "./schema.js";

/** Arrays up to this many bytes travel inline (base64 grows them by a third). */
export const DEFAULT_INLINE_LIMIT = 4 * 1024 ** 2;
/**
 * Where large arrays are written, relative to the kernel's working directory (the notebook's).
 * Not a dot-folder: a stock Jupyter server refuses to serve hidden paths (allow_hidden=False),
 * so the JupyterLab viewer could not read stores there.
 */
export const DEFAULT_STORE_DIR = "nima-ts-data";

export interface PayloadOptions extends ComputeOptions {
  /** Largest array (bytes of values) sent inline; larger ones go to zarr. */
  inlineLimit?: number;
  /** Folder for zarr stores, relative to the working directory (default "nima-ts-data"). */
  storeDir?: string;
}

const defaults: Required<Pick<PayloadOptions, "inlineLimit" | "storeDir">> = {
  inlineLimit: DEFAULT_INLINE_LIMIT,
  storeDir: DEFAULT_STORE_DIR,
};

/**
 * Defaults for every later display: e.g. `setDisplayDefaults({ storeDir: "../scratch" })`
 * (a dot-folder works only where the Jupyter server runs with
 * `ContentsManager.allow_hidden = True`).
 */
export function setDisplayDefaults(
  options: Pick<PayloadOptions, "inlineLimit" | "storeDir">,
): void {
  const { inlineLimit, storeDir } = options;
  if (inlineLimit !== undefined) {
    if (!(Number.isFinite(inlineLimit) && inlineLimit >= 0)) {
      throw new RangeError(
        `setDisplayDefaults: inlineLimit must be a number of bytes >= 0, got ${inlineLimit}`,
      );
    }
    defaults.inlineLimit = inlineLimit;
  }
  if (storeDir !== undefined) {
    if (typeof storeDir !== "string" || storeDir === "") {
      throw new RangeError(
        `setDisplayDefaults: storeDir must be a folder path, got ${JSON.stringify(storeDir)}`,
      );
    }
    defaults.storeDir = storeDir;
  }
}

/** `x` with Y, X as its last dims (a transpose when they are not); throws without them. */
export function yxLast(x: DataArray, fn: string): DataArray {
  if (!x.dims.includes("Y") || !x.dims.includes("X")) {
    throw new DimensionError(`${fn}: needs Y and X dims, got (${x.dims.join(", ")})`);
  }
  if (x.dims.slice(-2).join() === "Y,X") return x;
  const rest = x.dims.filter((d) => d !== "Y" && d !== "X");
  return x.transpose(...rest, "Y", "X");
}

/** Finite min and max of `values` (nulls when there is no finite value). */
function jsonRange(values: ArrayLike<number>): [JsonNumber, JsonNumber] {
  const range = finiteRange(values);
  return range ? [jsonNumber(range[0]), jsonNumber(range[1])] : [null, null];
}

function labelsOf(x: DataArray): Omit<ArrayDescription, "data" | "range"> {
  const description: Omit<ArrayDescription, "data" | "range"> = {
    dims: [...x.dims],
    shape: [...x.shape],
    dtype: x.dtype,
    coords: Object.fromEntries(Object.entries(x.coords).map(([d, v]) => [d, [...v]])),
    attrs: toJsonRecord(x.attrs),
  };
  if (x.name) description.name = x.name;
  return description;
}

/** The description of values in memory, inline. */
export function inlineDescription(x: DataArray, values: TypedArray): ArrayDescription {
  return {
    ...labelsOf(x),
    range: jsonRange(values),
    data: { storage: "inline", encoding: "base64", byteOrder: "little", data: toBase64(values) },
  };
}

export interface Described {
  description: ArrayDescription;
  /** The values, when they were computed into memory (inline arrays). */
  values?: TypedArray;
}

/**
 * Describes `x` (its values inline when they fit in `inlineLimit`, else written to
 * `<storeDir>/<id>.zarr`). A lazy array is computed with `options` (progress, signal, …).
 */
export async function describe(
  x: DataArray,
  id: string,
  options: PayloadOptions = {},
): Promise<Described> {
  const { inlineLimit = defaults.inlineLimit, storeDir = defaults.storeDir, ...compute } = options;
  const bytes = x.size * bytesPerElement(x.dtype);
  if (bytes <= inlineLimit) {
    const computed = await x.compute(compute);
    return { description: inlineDescription(computed, computed.values), values: computed.values };
  }
  const path = storePath(storeDir, `${id}.zarr`);
  await x.toZarr(path.absolute, { ...compute, overwrite: true });
  const layout = omeCompatible(x.dims) ? "ome-zarr" : "zarr";
  return {
    description: {
      ...labelsOf(x),
      range: await storedRange(path.absolute),
      data: {
        storage: "zarr",
        path: path.relative,
        array: layout === "ome-zarr" ? "0" : "",
        layout,
        chunks: [...x.lazy.chunks],
      },
    },
  };
}

function storePath(storeDir: string, name: string) {
  const path = process.getBuiltinModule("node:path");
  const absolute = path.resolve(storeDir, name);
  const relative = path.relative(process.cwd(), absolute).split(path.sep).join("/");
  return { absolute, relative };
}

/** The value range the zarr writer recorded (OME-Zarr omero windows), if any. */
async function storedRange(store: string): Promise<[JsonNumber, JsonNumber]> {
  const fs = process.getBuiltinModule("node:fs/promises");
  try {
    const meta = JSON.parse(await fs.readFile(`${store}/zarr.json`, "utf8"));
    const channels = meta?.attributes?.ome?.omero?.channels as
      | { window?: { min?: number; max?: number } }[]
      | undefined;
    if (!channels?.length) return [null, null];
    const lows = channels.map((c) => c.window?.min ?? Number.NaN);
    const highs = channels.map((c) => c.window?.max ?? Number.NaN);
    return [jsonNumber(Math.min(...lows)), jsonNumber(Math.max(...highs))];
  } catch {
    return [null, null];
  }
}

/**
 * The operations that make `x`, sources first: one step per lazy array in the graph of its
 * first chunk (selection bookkeeping left out). Empty for an array in memory.
 */
export function pipelineOf(x: DataArray, limit = 64): PipelineStep[] {
  const steps: PipelineStep[] = [];
  const seen = new Set<string>();
  const visit = (array: LazyArray) => {
    if (seen.has(array.id) || seen.size >= limit || array instanceof MemoryArray) return;
    seen.add(array.id);
    let first: ReturnType<LazyArray["chunk"]>;
    try {
      first = array.chunk(array.grid.map(() => 0));
    } catch {
      return;
    }
    if (isBlock(first)) return;
    for (const input of first.inputs) if ("array" in input) visit(input.array);
    if (first.kernel === "reshape") return;
    const step: PipelineStep = { label: array.label, kernel: first.kernel };
    if (first.kernel !== "expr") {
      const params = toJsonRecord(first.params);
      if (JSON.stringify(params).length <= 600) step.params = params;
    }
    steps.push(step);
  };
  visit(x.lazy);
  return steps;
}
