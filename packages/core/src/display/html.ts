/**
 * The static HTML fallback of a bundle: what nbconvert's HTML, the classic notebook or
 * JupyterLab without the nima-ts extension show. Self-contained (inline PNG and SVG, no
 * script), styled with a few inline rules that read on light and dark themes.
 */

import { escapeHtml } from "./escape.js";
import { type Colorbar, colorbarSvg, type Scalebar, scalebarSvg } from "./legend-svg.js";
import type { ArrayDescription, TableJson } from "./schema.js";

export { escapeHtml } from "./escape.js";

const CELL =
  'style="padding:1px 8px;text-align:right;border-bottom:1px solid rgba(128,128,128,.3)"';
const HEAD =
  'style="padding:1px 8px;text-align:right;border-bottom:1px solid rgba(128,128,128,.7)"';

/** Python-like text of a table value (NaN as "NaN", floats with up to 6 significant digits). */
function cellText(value: number | string | null, isFloat: boolean): string {
  if (value === null) return "NaN";
  if (typeof value === "string") return escapeHtml(value);
  if (!isFloat) return String(value);
  return Number.isInteger(value) ? value.toFixed(1) : String(Number(value.toPrecision(6)));
}

/** An HTML table of `table`, rows beyond `maxRows` left out (and said so). */
export function tableHtml(table: TableJson, maxRows = 60): string {
  const head = [table.indexName, ...table.columns.map((c) => c.name)]
    .map((name) => `<th ${HEAD}>${escapeHtml(name)}</th>`)
    .join("");
  const shown = Math.min(table.index.length, maxRows);
  const rows: string[] = [];
  for (let i = 0; i < shown; i++) {
    const cells = table.columns.map((column) => {
      const isFloat = column.dtype === "float64" || column.dtype === "float32";
      return `<td ${CELL}>${cellText(column.values[i], isFloat)}</td>`;
    });
    rows.push(`<tr><th ${CELL}>${escapeHtml(String(table.index[i]))}</th>${cells.join("")}</tr>`);
  }
  const more =
    table.index.length > shown
      ? `<div style="opacity:.7">… ${table.index.length - shown} more rows</div>`
      : "";
  return `<table style="border-collapse:collapse;font-size:12px;font-variant-numeric:tabular-nums"><thead><tr>${head}</tr></thead><tbody>${rows.join("")}</tbody></table>${more}`;
}

/** "T: 3 · C: 3 (G, R, C) · Y: 384 · X: 320 · uint16" */
export function describeArray(array: ArrayDescription): string {
  const dims = array.dims.map((d, i) => {
    const labels = array.coords[d];
    const shown =
      labels && labels.length <= 6 && labels.some((l) => typeof l === "string")
        ? ` (${labels.join(", ")})`
        : "";
    return `${d}: ${array.shape[i]}${shown}`;
  });
  return `${dims.join(" · ")} · ${array.dtype}`;
}

export interface FigureImage {
  src: string;
  caption: string;
  /** The preview's width in pixels (for the bars under it). */
  width?: number;
  /** A grey colour bar with the values of black and white. */
  colorbar?: Colorbar;
  scalebar?: Scalebar;
}

export interface FigureParts {
  title: string;
  /** Lines under the title (plain text). */
  notes?: string[];
  images?: FigureImage[];
  /** SVG charts, inline. */
  charts?: string[];
  /** Extra HTML (a table). */
  html?: string;
}

function bars(image: FigureImage): string {
  const width = image.width ?? 160;
  const scale = image.scalebar ? `<div>${scalebarSvg(image.scalebar, width)}</div>` : "";
  const color = image.colorbar ? `<div>${colorbarSvg(image.colorbar, width)}</div>` : "";
  return scale + color;
}

export function figureHtml({
  title,
  notes = [],
  images = [],
  charts = [],
  html = "",
}: FigureParts): string {
  const pictures = images
    .map(
      (image) =>
        `<figure style="margin:0 8px 8px 0;display:inline-block;vertical-align:top"><img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.caption)}" style="image-rendering:pixelated;max-width:100%"/>${bars(image)}<figcaption style="font-size:11px;opacity:.8">${escapeHtml(image.caption)}</figcaption></figure>`,
    )
    .join("");
  const graphs = charts
    .map((svg) => `<div style="display:inline-block;margin:0 8px 8px 0">${svg}</div>`)
    .join("");
  const lines = notes
    .map((n) => `<div style="font-size:12px;opacity:.8">${escapeHtml(n)}</div>`)
    .join("");
  return `<div class="nima-ts-static"><div style="font-weight:600">${escapeHtml(title)}</div>${lines}<div>${pictures}${graphs}</div>${html}</div>`;
}
