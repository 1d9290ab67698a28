/**
 * Checks of the values nima is about to use, reported naming the file and the plane before
 * they surface deep in a later step: NaN/Inf pixels in the image (segment's histogram fails
 * on them), and a dark or flat frame that would divide by zero or by negative or NaN values.
 */
import { type DataArray, findBadPixels } from "@nima-ts/core";
import { CliError } from "../cli/errors.js";
import type { Reporter } from "../cli/reporter.js";

/** "(t=0, c=G, z=0)": where plane `index` of `array` (all dims but Y, X) is. */
function planeName(array: DataArray, index: number): string {
  const lead = array.dims.filter((d) => d !== "Y" && d !== "X");
  const parts: string[] = [];
  let rest = index;
  for (let i = lead.length - 1; i >= 0; i--) {
    const dim = lead[i];
    const n = array.sizes[dim];
    const k = rest % n;
    rest = Math.floor(rest / n);
    const label = array.coords[dim]?.[k];
    parts.unshift(`${dim.toLowerCase()}=${typeof label === "string" ? label : k}`);
  }
  return `(${parts.join(", ")})`;
}

function planeSize(array: DataArray): number {
  return (array.sizes.Y ?? 1) * (array.sizes.X ?? 1);
}

/** Throws a CliError naming `path` and the first plane with NaN or ±Inf pixels. */
export function checkFinite(image: DataArray, path: string, what = "image"): void {
  if (!image.dtype.startsWith("float")) return;
  const bad = findBadPixels(image.values, planeSize(image));
  if (!bad) return;
  throw new CliError(
    `${what} ${path}: ${bad.total} NaN or infinite pixels, first in plane ${planeName(image, bad.plane)} (${bad.inPlane} there); nima cannot segment or measure them`,
  );
}

/**
 * A dark frame must be finite; a flat must be finite and positive (the image is divided by
 * it). A bad flat is refused unless `accept`, then it is a warning with the count.
 */
export function checkCorrection(
  frame: DataArray,
  path: string,
  what: "dark" | "flat",
  accept: boolean,
  report: Reporter,
): void {
  if (what === "dark") {
    checkFinite(frame, path, "dark");
    return;
  }
  const bad = findBadPixels(frame.values, planeSize(frame), (v) => !(v > 0) || v === Infinity);
  if (!bad) return;
  const total = frame.values.length;
  const message = `flat ${path}: ${bad.total} of ${total} pixels are zero, negative, NaN or infinite (first in plane ${planeName(frame, bad.plane)})`;
  if (!accept) {
    throw new CliError(
      `${message}; shading divides by the flat. Pass --accept-bad-flat to proceed (results at those pixels are clipped to 0 or not finite)`,
    );
  }
  report.warn(`warning: ${message}; proceeding (--accept-bad-flat)`);
}
