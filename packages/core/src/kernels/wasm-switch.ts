/**
 * One switch for the WebAssembly kernels (rank filters, SIMD correlation) on this thread:
 * off, the same functions run their JavaScript twins, with identical results (tests and
 * benchmarks compare the two; a host that forbids wasm compiles can turn it off).
 */
import { setSimdEnabled } from "./filters/wasm/simd.js";
import { setRankWasmEnabled } from "./rank/wasm.js";

export function setWasmEnabled(on: boolean): void {
  setRankWasmEnabled(on);
  setSimdEnabled(on);
}
