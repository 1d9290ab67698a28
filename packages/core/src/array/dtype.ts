/** Element types a DataArray can hold, named as numpy names them. */
export type DType = "uint8" | "uint16" | "int32" | "float32" | "float64" | "bool";

export type TypedArray = Uint8Array | Uint16Array | Int32Array | Float32Array | Float64Array;

type TypedArrayConstructor =
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Int32ArrayConstructor
  | Float32ArrayConstructor
  | Float64ArrayConstructor;

const CONSTRUCTORS: Record<DType, TypedArrayConstructor> = {
  uint8: Uint8Array,
  uint16: Uint16Array,
  int32: Int32Array,
  float32: Float32Array,
  float64: Float64Array,
  // bool is stored one byte per value (0/1), as numpy stores `|b1`.
  bool: Uint8Array,
};

export const DTYPES: readonly DType[] = Object.keys(CONSTRUCTORS) as DType[];

export function isDType(name: unknown): name is DType {
  return typeof name === "string" && name in CONSTRUCTORS;
}

export function bytesPerElement(dtype: DType): number {
  return CONSTRUCTORS[dtype].BYTES_PER_ELEMENT;
}

/** Whether SharedArrayBuffer exists and can be used (browsers need cross-origin isolation). */
export const canShareMemory: boolean = (() => {
  try {
    return typeof SharedArrayBuffer === "function" && new SharedArrayBuffer(1).byteLength === 1;
  } catch {
    return false;
  }
})();

/**
 * V8 (Node 20) does not count SharedArrayBuffer memory towards its GC heuristics: a program
 * that drops shared buffers and allocates no JS garbage grows without bound (40 dropped
 * 96 MiB buffers: 3.9 GB RSS), where plain ArrayBuffers are collected. So every shared
 * allocation is also reported as an untouched plain ArrayBuffer of the same size, dropped at
 * once: its (lazily mapped, never faulted) memory is what V8 counts, so a GC comes when it
 * would for plain memory, and unreachable shared buffers (and pooled results) are released.
 */
let unreported = 0;
const REPORT_EVERY = 64 * 2 ** 20;

export function newSharedBuffer(bytes: number): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(bytes);
  unreported += bytes;
  if (unreported >= REPORT_EVERY) {
    void new ArrayBuffer(Math.min(unreported, 2 ** 30));
    unreported = 0;
  }
  return buffer;
}

/**
 * Allocates a zeroed typed array of `dtype`. Backed by a SharedArrayBuffer when the
 * platform allows it, so worker threads read and write it without copying.
 */
export function allocate(dtype: DType, length: number, shared = canShareMemory): TypedArray {
  const Ctor = CONSTRUCTORS[dtype];
  if (!shared) return new Ctor(length);
  const buffer = newSharedBuffer(length * Ctor.BYTES_PER_ELEMENT);
  return new (Ctor as new (b: ArrayBufferLike) => TypedArray)(buffer);
}

/** A typed array of `dtype` over `length` elements of `buffer` from `byteOffset` (no copy). */
export function viewOf(
  dtype: DType,
  buffer: ArrayBufferLike,
  byteOffset = 0,
  length = (buffer.byteLength - byteOffset) / bytesPerElement(dtype),
): TypedArray {
  return new (CONSTRUCTORS[dtype] as new (b: ArrayBufferLike, o: number, n: number) => TypedArray)(
    buffer,
    byteOffset,
    length,
  );
}

/** The dtype that stores a typed array (Uint8Array reads as uint8; pass "bool" explicitly). */
export function dtypeOf(data: TypedArray): DType {
  if (data instanceof Float64Array) return "float64";
  if (data instanceof Float32Array) return "float32";
  if (data instanceof Int32Array) return "int32";
  if (data instanceof Uint16Array) return "uint16";
  if (data instanceof Uint8Array) return "uint8";
  throw new TypeError(`unsupported typed array: ${Object.prototype.toString.call(data)}`);
}

export function typedArrayMatches(data: TypedArray, dtype: DType): boolean {
  return data instanceof CONSTRUCTORS[dtype];
}

export function isInteger(dtype: DType): boolean {
  return dtype !== "float32" && dtype !== "float64";
}

/**
 * numpy's result type for arithmetic between two arrays (no value-based casting, as NEP 50):
 * floats win, float64 beats float32; int32 with uint16/uint8 stays int32.
 */
export function promote(a: DType, b: DType): DType {
  if (a === b) return a === "bool" ? "bool" : a;
  if (a === "float64" || b === "float64") return "float64";
  if (a === "float32" || b === "float32") {
    // numpy: float32 op int32 -> float64; float32 op uint16/uint8/bool -> float32.
    return a === "int32" || b === "int32" ? "float64" : "float32";
  }
  if (a === "int32" || b === "int32") return "int32";
  if (a === "uint16" || b === "uint16") return "uint16";
  return "uint8";
}

/** Converts a JS number to what a store of `dtype` keeps (C-style truncation and wrap-around). */
export function castValue(value: number, dtype: DType): number {
  switch (dtype) {
    case "float64":
      return value;
    case "float32":
      return Math.fround(value);
    case "bool":
      return value !== 0 ? 1 : 0; // numpy: NaN is True
    default: {
      // Typed-array assignment already truncates and wraps like numpy's unsafe cast.
      const one = allocate(dtype, 1, false);
      one[0] = value;
      return one[0];
    }
  }
}
