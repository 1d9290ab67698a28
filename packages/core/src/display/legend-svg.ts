/**
 * What makes a static preview readable: a colour bar (the grey ramp from the preview's lower
 * to its upper contrast limit, with their values) and a scale bar (a round number of image
 * pixels, or of the file's unit). Inline SVG for figureHtml; no script, no external font.
 */
import { escapeHtml } from "./escape.js";

export interface Colorbar {
  lo: number;
  hi: number;
  /** What the values are, e.g. "value (0.5–99.5th percentile stretch)". */
  label: string;
}

export interface Scalebar {
  /** Image pixels per preview pixel (previews of large planes are subsampled). */
  stride: number;
  /** Physical size of an image pixel and its unit; pixels when absent. */
  pixelSize?: PixelSize;
}

export interface PixelSize {
  /** Physical size of one pixel along X. */
  size: number;
  unit: string;
}

const TEXT = 'font-family="sans-serif" font-size="10" fill="currentColor"';

function shown(v: number): string {
  return Math.abs(v) >= 1e5 || (v !== 0 && Math.abs(v) < 1e-3)
    ? v.toExponential(2)
    : String(Number(v.toPrecision(4)));
}

export function colorbarSvg({ lo, hi, label }: Colorbar, width: number): string {
  // Wide enough for its label (about 6 px per character at 10 px).
  const w = Math.max(120, Math.min(width, 320), Math.ceil(label.length * 6));
  return `<svg class="nima-colorbar" width="${w}" height="34" viewBox="0 0 ${w} 34" role="img" aria-label="colour bar ${escapeHtml(label)}"><defs><linearGradient id="nima-grey-ramp"><stop offset="0" stop-color="#000"/><stop offset="1" stop-color="#fff"/></linearGradient></defs><rect x="0.5" y="0.5" width="${w - 1}" height="9" fill="url(#nima-grey-ramp)" stroke="#888"/><text x="0" y="21" ${TEXT}>${shown(lo)}</text><text x="${w}" y="21" text-anchor="end" ${TEXT}>${shown(hi)}</text><text x="0" y="32" ${TEXT}>${escapeHtml(label)}</text></svg>`;
}

/** The file's pixel size along X (the readers' attrs.physicalSize), if it states one. */
export function pixelSizeOf(attrs: Record<string, unknown>): PixelSize | undefined {
  const p = attrs.physicalSize as { X?: number; unit?: string } | undefined;
  if (!(p && typeof p.X === "number" && p.X > 0 && Number.isFinite(p.X))) return undefined;
  const micro = p.unit === undefined || ["micron", "micrometer", "um"].includes(p.unit);
  return { size: p.X, unit: micro ? "µm" : (p.unit as string) };
}

/** The largest 1, 2 or 5 × 10^k not above `limit` (a scale bar's length). */
export function roundLength(limit: number): number {
  const k = 10 ** Math.floor(Math.log10(limit));
  return [5, 2, 1].map((m) => m * k).find((v) => v <= limit) ?? k;
}

export function scalebarSvg({ stride, pixelSize }: Scalebar, previewWidth: number): string {
  const perImagePixel = pixelSize?.size ?? 1;
  const unit = pixelSize?.unit ?? "px";
  const length = roundLength(Math.max(previewWidth * stride * 0.2 * perImagePixel, perImagePixel));
  const px = Math.max(1, Math.round(length / perImagePixel / stride));
  const text = `${Number(length.toPrecision(6))} ${unit}`;
  return `<svg class="nima-scalebar" width="${px + 60}" height="22" role="img" aria-label="scale bar ${escapeHtml(text)}"><rect x="0" y="2" width="${px}" height="4" fill="currentColor"/><text x="0" y="18" ${TEXT}>${escapeHtml(text)}</text></svg>`;
}
