/**
 * Loads the SIMD correlation kernels (assembly/correlate.as, built into generated/ as base64) once per thread.
 * Falls back to plain JavaScript (same numbers) when WebAssembly SIMD is unavailable or when
 * switched off with `setSimdEnabled(false)` (tests and benchmarks compare the two).
 */
import { decodeWasmBase64 } from "../../wasm-bytes.js";
import { CORRELATE_WASM_BASE64 } from "./generated/correlate-wasm.js";

export interface CorrelateExports {
  memory: WebAssembly.Memory;
  columns(
    dst: number,
    rowTable: number,
    weights: number,
    ny: number,
    nx: number,
    r: number,
    strip: number,
    scratch: number,
  ): void;
  columnsT(
    dst: number,
    rowTable: number,
    weights: number,
    ny: number,
    nx: number,
    r: number,
    lines: number,
    outs: number,
    splat: number,
  ): void;
  rows(
    img: number,
    line: number,
    colTable: number,
    weights: number,
    ny: number,
    nx: number,
    r: number,
    cval: number,
    splat: number,
  ): void;
  heapBase(): number;
}

let enabled = true;
let loaded: CorrelateExports | null | undefined;

/** Turns the WebAssembly kernels on or off on this thread (default on when supported). */
export function setSimdEnabled(on: boolean): void {
  enabled = on;
}

/** The instantiated kernels, or null when WebAssembly SIMD is not available. */
export function simdKernels(): CorrelateExports | null {
  if (!enabled) return null;
  if (loaded !== undefined) return loaded;
  loaded = null;
  try {
    if (typeof WebAssembly !== "object") return null;
    const bytes = decodeWasmBase64(CORRELATE_WASM_BASE64);
    if (!WebAssembly.validate(bytes)) return null; // no SIMD support
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
      env: {
        abort() {
          throw new Error("correlate.wasm aborted");
        },
      },
    });
    loaded = instance.exports as unknown as CorrelateExports;
  } catch {
    loaded = null;
  }
  return loaded;
}

/** Grows the module's memory to at least `bytes` and returns its (fresh) buffer. */
export function ensureMemory(kernels: CorrelateExports, bytes: number): ArrayBuffer {
  const memory = kernels.memory;
  const have = memory.buffer.byteLength;
  if (have < bytes) memory.grow(Math.ceil((bytes - have) / 65536));
  return memory.buffer as ArrayBuffer;
}
