/**
 * A scale bar for image panels: a bar about a fifth of the plane wide, of a round length
 * (1, 2 or 5 × 10^k) in the file's physical unit (OME PhysicalSizeX, ImageJ resolution and
 * unit), or in pixels when the file states no pixel size. Drawn in the panel's pixel
 * coordinates, bottom right.
 */
import type { Spec } from "./panels.js";

export interface PixelSize {
  /** Physical size of one pixel along X. */
  size: number;
  unit: string;
}

/** Pixel size along X from a DataArray's attrs (set by the readers), if the file gives one. */
export function pixelSizeOf(attrs: Record<string, unknown>): PixelSize | undefined {
  const p = attrs.physicalSize as { X?: number; unit?: string } | undefined;
  if (!p || !(typeof p.X === "number" && p.X > 0 && Number.isFinite(p.X))) return undefined;
  const unit = p.unit === "micron" || p.unit === "micrometer" || p.unit === "um" ? "µm" : p.unit;
  return { size: p.X, unit: unit ?? "µm" };
}

/** The largest 1, 2 or 5 × 10^k not above `limit`. */
export function roundLength(limit: number): number {
  const k = 10 ** Math.floor(Math.log10(limit));
  return [5, 2, 1].map((m) => m * k).find((v) => v <= limit) ?? k;
}

export function scaleBar(
  nx: number,
  ny: number,
  pixel: PixelSize | undefined,
  color = "white",
): Spec[] {
  const perPixel = pixel?.size ?? 1;
  const unit = pixel?.unit ?? "px";
  const length = roundLength(Math.max(nx * 0.2 * perPixel, perPixel));
  const px = length / perPixel;
  const x1 = nx * 0.95;
  const y = ny * 0.93;
  const label = `${Number(length.toPrecision(6))} ${unit}`;
  return [
    {
      name: "scalebar",
      data: { values: [{ x: x1 - px, x2: x1, y }] },
      mark: { type: "rule", color, strokeWidth: 4, strokeCap: "butt" },
      encoding: { x2: { field: "x2" } },
    },
    {
      name: "scalebar_label",
      data: { values: [{ x: x1 - px / 2, y, text: label }] },
      mark: { type: "text", color, fontSize: 11, fontWeight: "bold", baseline: "bottom", dy: -4 },
      encoding: { text: { field: "text", type: "nominal" } },
    },
  ];
}
