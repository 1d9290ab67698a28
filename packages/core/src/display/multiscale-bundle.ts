/**
 * display() of an OME-Zarr multiscale image already on disk beside the notebook (e.g. one
 * `tiled.writeTiledPyramid` wrote): an "array" bundle whose zarr data lists the levels, so
 * the JupyterLab renderer reads tiles of the level matching its zoom through the server.
 * Nothing is read here but the metadata; the store is referenced where it is, not copied.
 */
import { type MultiscaleImage, openMultiscale } from "../io/zarr-multiscale.js";
import type { Rendered } from "./array-bundle.js";
import { escapeHtml } from "./escape.js";
import { describeArray } from "./html.js";
import { type ArrayBundle, type ArrayDescription, SCHEMA_VERSION } from "./schema.js";

/** A multiscale image to display: its path relative to the notebook, and its levels. */
export class MultiscaleView {
  constructor(
    readonly path: string,
    readonly image: MultiscaleImage,
  ) {}
}

/**
 * Opens the OME-Zarr image at `path` (relative to the kernel's working directory, which is
 * the notebook's folder) for `display`: `await display(await multiscaleView("big.zarr"))`.
 */
export async function multiscaleView(path: string): Promise<MultiscaleView> {
  if (typeof path !== "string" || path === "" || /^([a-z]+:|\/|\\)/i.test(path)) {
    throw new RangeError(
      `multiscaleView: path must be relative to the notebook's folder (the viewer reads it through the Jupyter server), got ${JSON.stringify(path)}`,
    );
  }
  const relative = path.replace(/\\/g, "/").replace(/\/+$/, "");
  return new MultiscaleView(relative, await openMultiscale(relative));
}

export function multiscaleBundle(
  view: MultiscaleView,
  id: string,
  title?: string,
): Rendered<ArrayBundle> {
  const { image, path } = view;
  const lead = image.dims.map((d) => image.sizes[d]);
  const ones = image.dims.map(() => 1);
  const array: ArrayDescription = {
    dims: [...image.dims, "Y", "X"],
    shape: [...lead, image.ny, image.nx],
    dtype: image.dtype,
    coords: image.coords,
    attrs: {},
    // Unknown without reading every value; viewers take contrast from the coarsest level.
    range: [null, null],
    data: {
      storage: "zarr",
      path,
      array: image.levels[0].path,
      layout: "ome-zarr",
      chunks: [...ones, image.levels[0].tileY, image.levels[0].tileX],
      levels: image.levels.map((level) => ({
        array: level.path,
        shape: [...lead, level.ny, level.nx],
        chunks: [...ones, level.tileY, level.tileX],
      })),
    },
  };
  const levels = image.levels.map((l) => `${l.ny}×${l.nx}`).join(", ");
  const summary = `${describeArray(array)}, ${image.levels.length} levels (${levels}) in ${path}`;
  return {
    bundle: { version: SCHEMA_VERSION, kind: "array", id, title, array, lazy: false, pipeline: [] },
    html: `<div><b>${escapeHtml(title ?? "multiscale image")}</b>: ${escapeHtml(summary)}</div>`,
    text: `<nima-ts array${title ? ` '${title}'` : ""}: ${summary}>`,
  };
}
