/**
 * Notebook display for nima-ts: `display(x)` sends nima-ts MIME bundles (schema.ts) with
 * static fallbacks; `computeWithProgress` / `withProgress` show a live progress bar that a
 * kernel interrupt stops. Readers for renderers: `parseBundle`, `openBundleArray`,
 * `tableFromJson`, `measurementsFromJson`.
 */

export { bgTitleLines } from "./bg-title.js";
export {
  type BundleArray,
  type BundlePlane,
  dataArrayFromDescription,
  decodeInline,
  type OpenBundleArrayOptions,
  openBundleArray,
} from "./decode.js";
export {
  type Displayable,
  type DisplayOptions,
  display,
  displayData,
  type MimeBundle,
} from "./display.js";
export { type PixelSize, pixelSizeOf, roundLength } from "./legend-svg.js";
export { MultiscaleView, multiscaleView } from "./multiscale-bundle.js";
export { DEFAULT_INLINE_LIMIT, DEFAULT_STORE_DIR, setDisplayDefaults } from "./payload.js";
export {
  computeWithProgress,
  InterruptError,
  type ProgressControls,
  type ProgressOptions,
  withProgress,
} from "./progress.js";
export * from "./schema.js";
export {
  currentSink,
  type DisplayMessage,
  type DisplaySink,
  inNotebook,
  setDisplaySink,
} from "./sink.js";
export { measurementsFromJson, tableFromJson, tableToJson } from "./table-bundle.js";
export { ThresholdView, type ThresholdViewOptions, thresholdView } from "./threshold-bundle.js";
