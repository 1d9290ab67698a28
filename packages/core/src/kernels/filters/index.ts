/** Linear and rank-free plane filters with scipy.ndimage / scipy.signal / scikit-image semantics. */
export { ImageRangeError, imgAsUbyte } from "./convert.js";
export { correlateColumns, correlateRowsInPlace } from "./correlate.js";
export { entropy } from "./entropy.js";
export {
  type GaussianFilterOptions,
  gaussianFilter,
  gaussianKernels,
  separableSymmetric,
} from "./gaussian.js";
export { gaussianHalfKernel, gaussianRadius } from "./gaussian-weights.js";
export type { FloatPlane } from "./plane-args.js";
export { type UniformFilterOptions, uniformFilter } from "./uniform.js";
export { setSimdEnabled } from "./wasm/simd.js";
export { type WienerOptions, wiener } from "./wiener.js";
