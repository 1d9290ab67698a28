/**
 * Reading arrays back from bundles, for renderers: inline values decoded at once, zarr
 * values one YX plane at a time from a store the caller opens (in JupyterLab, a zarrita
 * `FetchStore` on the server's `files/<notebook dir>/<data.path>` URL with the page's auth).
 * `openBundleArray` returns a PlaneSource (array/plane-source.ts), so a viewer takes it as it is.
 */
import type { Readable } from "@zarrita/storage";
import * as zarr from "zarrita";
import { sizeOf } from "../array/block.js";
import { DataArray } from "../array/data-array.js";
import { allocate, type DType, type TypedArray } from "../array/dtype.js";
import type { PlaneIndex, PlanePixels, PlaneSource } from "../array/plane-source.js";
import { fromBase64 } from "./json.js";
import type { ArrayDescription, InlineData } from "./schema.js";

const CONSTRUCTORS = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
  bool: Uint8Array,
} as const;

/** The values of inline data as a typed array of `dtype` (bool as 0/1 bytes). */
export function decodeInline(data: InlineData, dtype: DType): TypedArray {
  const bytes = fromBase64(data.data);
  const Ctor = CONSTRUCTORS[dtype];
  if (bytes.byteLength % Ctor.BYTES_PER_ELEMENT !== 0) {
    throw new RangeError(
      `decodeInline: ${bytes.byteLength} bytes are not a whole number of ${dtype} values`,
    );
  }
  return new Ctor(bytes.buffer, bytes.byteOffset, bytes.byteLength / Ctor.BYTES_PER_ELEMENT);
}

/** A computed DataArray of an inline description (throws for zarr data: use openBundleArray). */
export function dataArrayFromDescription(description: ArrayDescription): DataArray {
  if (description.data.storage !== "inline") {
    throw new RangeError(
      `dataArrayFromDescription: the values are in a zarr store (${description.data.path}); read planes with openBundleArray`,
    );
  }
  const values = decodeInline(description.data, description.dtype);
  return DataArray.from(values, {
    shape: description.shape,
    dims: description.dims,
    coords: description.coords,
    attrs: description.attrs,
    name: description.name,
    dtype: description.dtype,
  });
}

/** A plane of a described array: its typed values. */
export interface BundlePlane extends PlanePixels {
  data: TypedArray;
}

/** Planes of a described array, by index along its non-YX dims: a PlaneSource. */
export interface BundleArray extends PlaneSource {
  getPlane(index: PlaneIndex, options?: { signal?: AbortSignal }): Promise<BundlePlane>;
}

export interface OpenBundleArrayOptions {
  /** The zarr store at the description's `data.path` (needed for zarr data only). */
  store?: Readable;
}

export async function openBundleArray(
  description: ArrayDescription,
  options: OpenBundleArrayOptions = {},
): Promise<BundleArray> {
  const { dims: all, shape, dtype } = description;
  if (all.slice(-2).join() !== "Y,X") {
    throw new RangeError(`openBundleArray: dims must end with Y, X, got (${all.join(", ")})`);
  }
  const dims = all.slice(0, -2);
  const [ny, nx] = shape.slice(-2);
  const sizes = Object.fromEntries(dims.map((d, i) => [d, shape[i]]));
  const coords = Object.fromEntries(
    dims.filter((d) => description.coords[d]).map((d) => [d, description.coords[d]]),
  );
  const position = (index: Record<string, number>) =>
    dims.map((d) => {
      const i = index[d] ?? 0;
      if (!Number.isInteger(i) || i < 0 || i >= sizes[d]) {
        throw new RangeError(`getPlane: index ${d}=${i} is outside 0..${sizes[d] - 1}`);
      }
      return i;
    });
  const base = { dims, sizes, coords, ny, nx, dtype };
  if (description.data.storage === "inline") {
    const values = decodeInline(description.data, dtype);
    if (values.length !== sizeOf(shape)) {
      throw new RangeError(
        `openBundleArray: ${values.length} values for shape [${shape.join(", ")}]`,
      );
    }
    return {
      ...base,
      async getPlane(index) {
        const k = position(index).reduce((acc, i, d) => acc * shape[d] + i, 0);
        return { data: values.subarray(k * ny * nx, (k + 1) * ny * nx), ny, nx };
      },
    };
  }
  const { store } = options;
  if (!store) {
    throw new RangeError(
      `openBundleArray: the values are in the zarr store ${description.data.path}; pass { store } opened there`,
    );
  }
  const root = zarr.root(store);
  const location = description.data.array ? root.resolve(description.data.array) : root;
  const array = await zarr.open(location, { kind: "array" });
  return {
    ...base,
    async getPlane(index, { signal } = {}) {
      const chunk = await zarr.get(array, [...position(index), null, null], { signal });
      let source = chunk.data as unknown as ArrayLike<number>;
      if (source instanceof zarr.BoolArray) {
        source = new Uint8Array(source.buffer, source.byteOffset, source.length);
      }
      const data = allocate(dtype, ny * nx, false);
      data.set(source as TypedArray);
      return { data, ny, nx };
    },
  };
}
