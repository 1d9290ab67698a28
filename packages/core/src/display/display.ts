/**
 * display(x): show a DataArray, label image, table, nima.measure result, threshold view or
 * background figure in the notebook, as a nima-ts bundle (rendered by the JupyterLab
 * extension) plus its static fallback (HTML with PNG previews and SVG charts, and text).
 * A lazy array is computed for the display, with a live progress bar in the same output;
 * interrupting the kernel stops it.
 */
import { DataArray } from "../array/data-array.js";
import type { BgFigure } from "../nima/calculate-bg-figures.js";
import { Table } from "../table/table.js";
import { arrayBundle, labelsBundle, type Rendered } from "./array-bundle.js";
import { bgBundle, isBgFigure } from "./bg-bundle.js";
import { randomId } from "./json.js";
import { MultiscaleView, multiscaleBundle } from "./multiscale-bundle.js";
import type { PayloadOptions } from "./payload.js";
import { formatBytes, type ProgressControls, withProgress } from "./progress.js";
import { type ComputeSummary, mimeTypeOf, type NimaBundle } from "./schema.js";
import { DisplayHandle } from "./sink.js";
import { arrayToTable, measurementsBundle, tableBundle } from "./table-bundle.js";
import { ThresholdView, thresholdBundle } from "./threshold-bundle.js";

/** What `display` shows. */
export type Displayable =
  | DataArray
  | Table
  | ReadonlyMap<number, Table>
  | ThresholdView
  | BgFigure
  | MultiscaleView;

export interface DisplayOptions extends PayloadOptions {
  /** How a DataArray with Y, X is shown: an image ("array", default) or a label image. */
  kind?: "array" | "labels";
  /** A caption (default: the array's name). */
  title?: string;
  /** kind "labels": the image under the labels. */
  image?: DataArray;
  /** A background figure: the plane it was computed from (nima shows plane × mask). */
  plane?: DataArray;
  /** Show a progress bar while a lazy array computes (default true). */
  progress?: boolean;
  /** The bundle id (default random); also names the zarr store of a large array. */
  id?: string;
}

function summaryText(s: ComputeSummary): string {
  const budget = s.memoryBudget === undefined ? "" : ` of ${formatBytes(s.memoryBudget)}`;
  return `${s.tasks} tasks, peak memory ${formatBytes(s.peakBytes)}${budget}, ${(s.elapsedMs / 1000).toFixed(1)} s`;
}

/** MIME type → content, as one display_data output carries it. */
export type MimeBundle = Record<string, unknown>;

function toMime({ bundle, html, text }: Rendered<NimaBundle>): MimeBundle {
  return { [mimeTypeOf(bundle.kind)]: bundle, "text/html": html, "text/plain": text };
}

function isMeasurements(value: unknown): value is ReadonlyMap<number, Table> {
  return (
    value instanceof Map &&
    [...value.entries()].every(([k, v]) => typeof k === "number" && v instanceof Table)
  );
}

function needsCompute(value: Displayable): boolean {
  return (
    (value instanceof DataArray && !value.isComputed) ||
    (value instanceof ThresholdView && !value.image.isComputed)
  );
}

function label(value: Displayable): string {
  if (value instanceof ThresholdView) return "threshold view";
  return value instanceof DataArray && value.name ? value.name : "array";
}

async function render(
  value: Displayable,
  id: string,
  options: DisplayOptions,
): Promise<Rendered<NimaBundle>> {
  const { kind = "array", title, image, plane, progress: _, id: __, ...payload } = options;
  if (value instanceof DataArray) {
    if (!value.dims.includes("Y") || !value.dims.includes("X")) {
      const table = arrayToTable(await value.compute(payload));
      return tableBundle(table, id, title ?? value.name);
    }
    return kind === "labels"
      ? labelsBundle(value, id, { ...payload, title, image })
      : arrayBundle(value, id, { ...payload, title });
  }
  if (value instanceof Table) return tableBundle(value, id, title);
  if (value instanceof MultiscaleView) return multiscaleBundle(value, id, title);
  if (isMeasurements(value)) return measurementsBundle(value, id, title);
  if (value instanceof ThresholdView) return thresholdBundle(value, id, payload);
  if (isBgFigure(value)) return bgBundle(value, id, plane);
  throw new TypeError(
    `display: cannot show ${Object.prototype.toString.call(value)}; pass a DataArray, a Table, nima.measure's Map of Tables, thresholdView(...), multiscaleView(path) or a bg figure`,
  );
}

/**
 * The MIME bundle `display` would show (no output, no progress bar): for tests and hosts
 * that send outputs themselves.
 */
export async function displayData(
  value: Displayable,
  options: DisplayOptions = {},
): Promise<MimeBundle> {
  return toMime(await render(value, bundleId(options), options));
}

/** The id option, checked: it names a folder (`<storeDir>/<id>.zarr`). */
function bundleId(options: DisplayOptions): string {
  const { id } = options;
  if (id === undefined) return randomId();
  if (typeof id !== "string" || !/^[A-Za-z0-9_-][\w.-]*$/.test(id)) {
    throw new RangeError(
      `display: id must be letters, digits, "_", "-" or "." (not first), got ${JSON.stringify(id)}`,
    );
  }
  return id;
}

/**
 * Shows `value` in the notebook (in tslab; elsewhere prints its text). Resolves when the
 * output is complete (a lazy array computed, a large one written), with nothing, so that
 * `await display(x)` as a cell's last line prints nothing more.
 */
export async function display(value: Displayable, options: DisplayOptions = {}): Promise<void> {
  const id = bundleId(options);
  const handle = new DisplayHandle(id);
  const run = (controls?: ProgressControls) =>
    render(value, id, controls ? { ...options, ...controls } : options);
  if (options.progress === false || !needsCompute(value)) {
    handle.show(toMime(await run()));
    return;
  }
  let summary: ComputeSummary | undefined;
  const rendered = await withProgress(run, {
    handle,
    label: `display ${label(value)}`,
    memoryBudget: options.memoryBudget,
    signal: options.signal,
    onEnd: (p) => {
      summary = { tasks: p.total, peakBytes: p.peakBytes, elapsedMs: p.elapsedMs };
      if (p.memoryBudget !== undefined) summary.memoryBudget = p.memoryBudget;
    },
  });
  if (summary) {
    rendered.bundle.computed = summary;
    rendered.html += `<div style="font-size:11px;opacity:.7">computed: ${summaryText(summary)}</div>`;
  }
  handle.show(toMime(rendered));
}
