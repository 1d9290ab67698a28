/**
 * The nima-ts display bundles: what `display()` sends to a notebook, one MIME type per kind,
 * `application/vnd.nima-ts.<kind>+json`, beside a static fallback (`text/html`, `text/plain`)
 * for frontends without the nima-ts renderers. Renderers read these types and nothing else.
 *
 * Versioning: every bundle carries `version`. A renderer shows bundles of a version it knows;
 * fields may be added within a version (ignore unknown ones), never renamed or retyped.
 *
 * JSON has no NaN or ±Infinity: numbers that are not finite travel as `null`.
 * A kernel may deliver a bundle as an object or as its JSON text (tslab's `display.raw`
 * stores a string): renderers accept both (see `parseBundle`).
 */
import type { DType } from "../array/dtype.js";
import type { ThresholdMethod } from "../kernels/threshold/methods.js";

export const SCHEMA_VERSION = 1;

export const BUNDLE_KINDS = [
  "array",
  "labels",
  "table",
  "measurements",
  "threshold",
  "bg",
  "progress",
] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

/** `application/vnd.nima-ts.<kind>+json` */
export type NimaMimeType = `application/vnd.nima-ts.${BundleKind}+json`;

export function mimeTypeOf(kind: BundleKind): NimaMimeType {
  return `application/vnd.nima-ts.${kind}+json`;
}

/** Every nima-ts MIME type, for registering renderers. */
export const MIME_TYPES: readonly NimaMimeType[] = BUNDLE_KINDS.map(mimeTypeOf);

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/** A finite number, or null for NaN / ±Infinity. */
export type JsonNumber = number | null;

// ---- arrays ------------------------------------------------------------------------------

/**
 * Values carried in the bundle: base64 of the raw little-endian bytes of the whole array in
 * C order of `dims` (whose last two are Y, X). `bool` travels as one byte per value.
 */
export interface InlineData {
  storage: "inline";
  encoding: "base64";
  byteOrder: "little";
  data: string;
}

/**
 * Values written by the kernel as a zarr v3 store (zstd, one YX plane per chunk unless
 * `chunks` says otherwise) beside the notebook. `path` is relative to the notebook's
 * directory, with "/" separators (e.g. "nima-ts-data/3f2a9c1d.zarr"); the array is at
 * `<path>/<array>` ("0" for OME-Zarr, "" for a plain array at the store root).
 * A renderer reads planes through the Jupyter server (`files/` or the contents API),
 * never the whole array.
 */
export interface ZarrData {
  storage: "zarr";
  path: string;
  array: string;
  layout: "ome-zarr" | "zarr";
  /** Chunk shape, in `dims` order. */
  chunks: number[];
  /**
   * A multiscale pyramid (added in version 1, optional): every level, finest first, level 0
   * being `array`. A renderer that knows it reads tiles of the level matching its zoom; one
   * that does not reads `array` plane by plane as before.
   */
  levels?: ZarrLevel[];
}

/** One level of a multiscale zarr image: its array path in the store, shape and chunks. */
export interface ZarrLevel {
  array: string;
  /** In `dims` order. */
  shape: number[];
  chunks: number[];
}

export type ArrayData = InlineData | ZarrData;

/** An N-d array with named dims; `dims` end with "Y", "X" for image kinds. */
export interface ArrayDescription {
  dims: string[];
  shape: number[];
  dtype: DType;
  /** Labels along dims that have them, e.g. `{ C: ["G", "R", "C"], T: [0, 1, 2] }`. */
  coords: Record<string, (string | number)[]>;
  name?: string;
  /** The DataArray's attrs, made JSON-safe (typed arrays → lists, long ones dropped). */
  attrs: Record<string, JsonValue>;
  /** Minimum and maximum of the finite values (null when there are none); for contrast. */
  range: [JsonNumber, JsonNumber];
  data: ArrayData;
}

/** One step of the lazy pipeline that made an array, from sources to the result. */
export interface PipelineStep {
  /** The operation, e.g. "read", "clipmin", "nima.bg", "nima.segment". */
  label: string;
  /** The kernel that runs it, e.g. "io.read_chunk", "expr", "nima.segment". */
  kernel: string;
  /** Its parameters, when short and not an expression tree. */
  params?: Record<string, JsonValue>;
}

interface BundleBase<K extends BundleKind> {
  version: typeof SCHEMA_VERSION;
  kind: K;
  /** Unique per display call (also names the zarr store, if any). */
  id: string;
  /** A caption (the DataArray's name, or the `title` option). */
  title?: string;
  /** How the display's compute went, when it computed a lazy array. */
  computed?: ComputeSummary;
}

export interface ComputeSummary {
  /** Tasks run. */
  tasks: number;
  /** Most bytes of blocks held plus in flight at once. */
  peakBytes: number;
  memoryBudget?: number;
  elapsedMs: number;
}

/** An image (or any array with Y, X dims): the plane viewer. */
export interface ArrayBundle extends BundleBase<"array"> {
  array: ArrayDescription;
  /** Whether the displayed DataArray was lazy (computed for the display). */
  lazy: boolean;
  pipeline: PipelineStep[];
}

/** A label image (int32, 0 = background), optionally over the image it labels. */
export interface LabelsBundle extends BundleBase<"labels"> {
  labels: ArrayDescription;
  /** Largest label of each plane (the object count for nima.segment's labels). */
  counts: number[];
  image?: ArrayDescription;
  lazy: boolean;
  pipeline: PipelineStep[];
}

// ---- tables ------------------------------------------------------------------------------

export type ColumnDType =
  | "float64"
  | "float32"
  | "int32"
  | "uint32"
  | "int16"
  | "uint16"
  | "int8"
  | "uint8"
  | "string";

export interface TableColumnJson {
  name: string;
  dtype: ColumnDType;
  values: JsonNumber[] | string[];
}

/** A `Table` (pandas DataFrame shape): columns over an integer index. */
export interface TableJson {
  index: number[];
  indexName: string;
  columns: TableColumnJson[];
}

export interface TableBundle extends BundleBase<"table"> {
  table: TableJson;
}

/** nima.measure's result: per label id (ascending), a table indexed by time. */
export interface MeasurementsBundle extends BundleBase<"measurements"> {
  tables: { label: number; table: TableJson }[];
}

// ---- threshold and background ------------------------------------------------------------

/** A global threshold method (filters.THRESHOLD_METHODS) or one set by hand. */
export type ThresholdMethodName = ThresholdMethod | "manual";

/**
 * The threshold viewer: nima.segment's input (the geometric mean of `channels`, float64,
 * dims (T, [Z,] Y, X)), scikit-image 0.26 thresholds of every plane (in C order of the
 * non-YX dims), and the parameters to start from. "Apply" sends the chosen parameters back
 * to the kernel, e.g. `const <variable> = { thresholdMethod: "li", minSize: 640 };`.
 */
export interface ThresholdBundle extends BundleBase<"threshold"> {
  image: ArrayDescription;
  channels: string[];
  thresholds: { yen: JsonNumber[]; li: JsonNumber[]; otsu: JsonNumber[] };
  params: { method: ThresholdMethodName; threshold: JsonNumber; minSize: number };
  /** The kernel variable an "Apply" assigns. */
  variable: string;
}

/**
 * What the threshold viewer's "Apply" assigns to the bundle's `variable` in the kernel,
 * written by `thresholdApplyCode`. `thresholdMethod` is the method when nima.segment has it
 * ("yen", "li"), else null (otsu and manual thresholds are for looking, segment has neither).
 */
export interface AppliedThreshold {
  thresholdMethod: "yen" | "li" | null;
  method: ThresholdMethodName;
  /** null when not finite. */
  threshold: number | null;
  minSize: number;
  /** The plane the threshold was chosen on, e.g. { T: 0 }. */
  index: Record<string, number>;
}

/**
 * The code "Apply" runs in a tslab kernel: `const <variable> = {…} as const;` (a const may
 * be declared again in a later tslab cell; `as const` keeps "yen" | "li" literal types, so
 * `nima.segment(image, { thresholdMethod: p.thresholdMethod ?? "yen" })` type-checks).
 */
export function thresholdApplyCode(
  variable: string,
  applied: Omit<AppliedThreshold, "thresholdMethod">,
): string {
  if (!/^[A-Za-z_$][\w$]*$/.test(variable)) {
    throw new RangeError(
      `thresholdApplyCode: variable must be an identifier, got ${JSON.stringify(variable)}`,
    );
  }
  const thresholdMethod =
    applied.method === "yen" || applied.method === "li" ? applied.method : null;
  const value: AppliedThreshold = {
    thresholdMethod,
    method: applied.method,
    threshold: Number.isFinite(applied.threshold) ? applied.threshold : null,
    minSize: applied.minSize,
    index: applied.index,
  };
  return `const ${variable} = ${JSON.stringify(value)} as const;`;
}

export interface HistogramJson {
  counts: number[];
  /** counts.length + 1 edges. */
  edges: JsonNumber[];
}

/** nima's background figure of one plane (calculate_bg's plots), as data. */
export interface BgBundle extends BundleBase<"bg"> {
  /** [ny, nx] of the plane. */
  shape: [number, number];
  /** The background mask (1 = background), uint8, one byte per pixel. */
  mask: InlineData;
  /** The plane itself, when given (nima shows plane × mask). */
  plane?: ArrayDescription;
  /** Histogram of the background pixels (60 bins; drawn on a log axis). */
  histogram: HistogramJson;
  /** arcsinh / entropy: the lim image and the "bg vs. perc" sweep. */
  lim?: {
    image: ArrayDescription;
    histogram: HistogramJson;
    thresholds: JsonNumber[];
    perc: JsonNumber[];
    median: JsonNumber[];
    mean: JsonNumber[];
    sdOver10: JsonNumber[];
  };
}

// ---- progress ----------------------------------------------------------------------------

export type ProgressState = "running" | "done" | "aborted" | "failed";

/**
 * A compute in progress. The same display (Jupyter `display_id` = `id`) is updated in place
 * (`update_display_data`) until `state` is no longer "running".
 */
export interface ProgressBundle extends BundleBase<"progress"> {
  label: string;
  state: ProgressState;
  /** Tasks finished and in the graph. */
  done: number;
  total: number;
  /** Bytes of blocks held plus in flight now, and the most so far. */
  bytes: number;
  peakBytes: number;
  memoryBudget?: number;
  elapsedMs: number;
  /** Why it stopped (aborted / failed). */
  message?: string;
}

export type NimaBundle =
  | ArrayBundle
  | LabelsBundle
  | TableBundle
  | MeasurementsBundle
  | ThresholdBundle
  | BgBundle
  | ProgressBundle;

export type BundleOf<K extends BundleKind> = Extract<NimaBundle, { kind: K }>;

/**
 * A bundle from a notebook output (object or JSON text), checked for a known kind and
 * version. Throws a RangeError saying what is wrong otherwise.
 */
export function parseBundle(value: unknown): NimaBundle {
  const bundle = typeof value === "string" ? (JSON.parse(value) as unknown) : value;
  if (typeof bundle !== "object" || bundle === null) {
    throw new RangeError(`nima-ts bundle: expected an object, got ${typeof bundle}`);
  }
  const { version, kind } = bundle as { version?: unknown; kind?: unknown };
  if (version !== SCHEMA_VERSION) {
    throw new RangeError(
      `nima-ts bundle: version ${String(version)} is not supported (this reader knows ${SCHEMA_VERSION})`,
    );
  }
  if (!BUNDLE_KINDS.includes(kind as BundleKind)) {
    throw new RangeError(`nima-ts bundle: unknown kind ${JSON.stringify(kind)}`);
  }
  return bundle as NimaBundle;
}
