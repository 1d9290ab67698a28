/**
 * A scale bar for image panels: a bar about a fifth of the plane wide, of a round length
 * (1, 2 or 5 × 10^k) in the file's physical unit (OME PhysicalSizeX, ImageJ resolution and
 * unit), or in pixels when the file states no pixel size. Drawn in the panel's pixel
 * coordinates, bottom right.
 */
import { type PixelSize, roundLength } from "@nima-ts/core";
import type { Spec } from "./panels.js";

export { type PixelSize, pixelSizeOf } from "@nima-ts/core";

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
