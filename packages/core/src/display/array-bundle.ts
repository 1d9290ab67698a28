/** Bundles of images ("array") and label images ("labels"), with their static previews. */
import type { ComputeOptions } from "../array/compute.js";
import type { DataArray } from "../array/data-array.js";
import type { TypedArray } from "../array/dtype.js";
import { ShapeError } from "../array/errors.js";
import { describeArray, type FigureImage, figureHtml } from "./html.js";
import { type PixelSize, pixelSizeOf } from "./legend-svg.js";
import { type Described, describe, type PayloadOptions, pipelineOf, yxLast } from "./payload.js";
import { contrastLimits, greyRaster, labelsRaster, type PlaneView, pngDataUrl } from "./preview.js";
import type { ArrayBundle, ArrayDescription, LabelsBundle } from "./schema.js";
import { SCHEMA_VERSION } from "./schema.js";

/** A bundle and its fallbacks. */
export interface Rendered<B> {
  bundle: B;
  html: string;
  text: string;
}

/** Channels shown side by side in a preview. */
const PREVIEW_CHANNELS = 4;

interface PreviewPlane extends PlaneView {
  caption: string;
}

/**
 * The first plane of every channel (up to 4) at index 0 of the other leading dims, from the
 * values when in memory, else computed (one time point of a lazy array).
 */
async function firstPlanes(
  x: DataArray,
  values: TypedArray | undefined,
  compute: ComputeOptions,
): Promise<PreviewPlane[]> {
  const lead = x.dims.slice(0, -2);
  const [ny, nx] = x.shape.slice(-2);
  const cAxis = lead.indexOf("C");
  const nc = cAxis >= 0 ? Math.min(PREVIEW_CHANNELS, x.shape[cAxis]) : 1;
  const caption = (c: number) =>
    lead
      .map((d, i) => `${d}=${i === cAxis ? (x.coords.C?.[c] ?? c) : (x.coords[d]?.[0] ?? 0)}`)
      .join(" · ") || "plane";
  let data = values;
  if (!data) {
    const selection = Object.fromEntries(
      lead.map((d, i) => [d, i === cAxis ? { start: 0, stop: nc } : 0]),
    );
    data = (await x.isel(selection).compute(compute)).values;
  }
  const planes: PreviewPlane[] = [];
  for (let c = 0; c < nc; c++) {
    // With the values of the whole array, plane c sits at C-order offset c · (sizes after C).
    const after = values ? x.shape.slice(cAxis + 1, -2).reduce((a, b) => a * b, 1) : 1;
    const k = cAxis >= 0 ? c * after : 0;
    planes.push({
      data: data.subarray(k * ny * nx, (k + 1) * ny * nx),
      ny,
      nx,
      caption: caption(c),
    });
  }
  return planes;
}

function plainText(kind: string, description: ArrayDescription, title?: string): string {
  return `<nima-ts ${kind}${title ? ` '${title}'` : ""}: ${describeArray(description)}>`;
}

function storageNote(description: ArrayDescription): string {
  return description.data.storage === "zarr"
    ? `values written to ${description.data.path}`
    : "values inline";
}

/** A grey preview with its colour bar (the contrast limits) and a scale bar. */
export function greyFigure(
  plane: PlaneView & { caption: string },
  pixelSize?: PixelSize,
  label = "value (0.5–99.5th pct. stretch)",
): FigureImage {
  const [lo, hi] = contrastLimits(plane.data);
  const raster = greyRaster(plane, [lo, hi]);
  return {
    src: pngDataUrl(raster),
    caption: plane.caption,
    width: raster.width,
    colorbar: { lo, hi, label },
    scalebar: { stride: plane.nx / raster.width, ...(pixelSize ? { pixelSize } : {}) },
  };
}

export interface ArrayBundleOptions extends PayloadOptions {
  title?: string;
}

export async function arrayBundle(
  x: DataArray,
  id: string,
  options: ArrayBundleOptions = {},
): Promise<Rendered<ArrayBundle>> {
  const { title = x.name, ...payload } = options;
  const image = yxLast(x, "display");
  const { description, values } = await describe(image, id, payload);
  const bundle: ArrayBundle = {
    version: SCHEMA_VERSION,
    kind: "array",
    id,
    array: description,
    lazy: !x.isComputed,
    pipeline: pipelineOf(x),
  };
  if (title) bundle.title = title;
  const { signal, executor, workers } = payload;
  const planes = await firstPlanes(image, values, { signal, executor, workers });
  const html = figureHtml({
    title: title ?? "DataArray",
    notes: [describeArray(description), storageNote(description)],
    images: planes.map((p) => greyFigure(p, pixelSizeOf(x.attrs))),
  });
  return { bundle, html, text: plainText("array", description, title) };
}

export interface LabelsBundleOptions extends PayloadOptions {
  title?: string;
  /** The image under the labels (same Y, X; its first channel is the preview's background). */
  image?: DataArray;
}

/** Largest label of each YX plane. */
function planeMaxima(values: TypedArray, ny: number, nx: number): number[] {
  const n = ny * nx;
  const counts: number[] = [];
  for (let start = 0; start < values.length; start += n) {
    let max = 0;
    for (let i = start; i < start + n; i++) if (values[i] > max) max = values[i];
    counts.push(max);
  }
  return counts;
}

export async function labelsBundle(
  labels: DataArray,
  id: string,
  options: LabelsBundleOptions = {},
): Promise<Rendered<LabelsBundle>> {
  const { title = labels.name ?? "labels", image, ...payload } = options;
  const ordered = yxLast(labels, "display labels");
  const under = image ? yxLast(image, "display labels: image") : undefined;
  if (under && under.shape.slice(-2).join() !== ordered.shape.slice(-2).join()) {
    throw new ShapeError(
      `display labels: the image is ${under.shape.slice(-2).join("×")} (Y×X) but the labels are ${ordered.shape.slice(-2).join("×")}`,
    );
  }
  // Labels are held in memory (as nima.measure does), so the counts come with them.
  const computed = await ordered.compute(payload);
  const described: Described = await describe(computed, id, payload);
  const [ny, nx] = ordered.shape.slice(-2);
  const counts = planeMaxima(computed.values, ny, nx);
  const bundle: LabelsBundle = {
    version: SCHEMA_VERSION,
    kind: "labels",
    id,
    title,
    labels: described.description,
    counts,
    lazy: !labels.isComputed,
    pipeline: pipelineOf(labels),
  };
  let background: PlaneView | undefined;
  if (under) {
    const imageDescribed = await describe(under, `${id}-image`, payload);
    bundle.image = imageDescribed.description;
    const { signal, executor, workers } = payload;
    [background] = await firstPlanes(under, imageDescribed.values, { signal, executor, workers });
  }
  const first = computed.values.subarray(0, ny * nx);
  const images: FigureImage[] = [
    {
      src: pngDataUrl(labelsRaster({ data: first, ny, nx }, background)),
      caption: `first plane: ${counts[0] ?? 0} labels`,
    },
  ];
  const html = figureHtml({
    title,
    notes: [
      describeArray(described.description),
      `labels per plane: ${counts.join(", ")}`,
      storageNote(described.description),
    ],
    images,
  });
  return { bundle, html, text: plainText("labels", described.description, title) };
}
