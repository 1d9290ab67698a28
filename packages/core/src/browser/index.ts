/**
 * `@nima-ts/core/browser`: the same public kernel namespaces as `@nima-ts/core` (filters,
 * morphology, measure, segmentation, ndimage, stats), for browser code that runs planes
 * outside the worker pool (the widgets' analysis worker, a page's main thread). A bundle that
 * needs only these does not pull in DataArray, the scheduler and the readers.
 */
export * from "../api/index.js";
export { closeMaskCross } from "./mask-closing.js";
