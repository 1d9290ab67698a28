/**
 * The background figure of one plane (nima's calculate_bg plots) as a bundle: the mask,
 * the histogram of background pixels (log axis), and for arcsinh / entropy the lim image and
 * the "bg vs. perc" sweep. The fallback draws the same panels as PNG and SVG.
 */
import { DataArray } from "../array/data-array.js";
import { ShapeError } from "../array/errors.js";
import type { BgFigure, HistogramData } from "../nima/calculate-bg-figures.js";
import { greyFigure, type Rendered } from "./array-bundle.js";
import { bgTitleLines } from "./bg-title.js";
import { type FigureImage, figureHtml } from "./html.js";
import { jsonNumbers, toBase64 } from "./json.js";
import { pixelSizeOf } from "./legend-svg.js";
import { inlineDescription, yxLast } from "./payload.js";
import { greyRaster, pngDataUrl } from "./preview.js";
import type { BgBundle, HistogramJson } from "./schema.js";
import { SCHEMA_VERSION } from "./schema.js";
import { histogramChart, lineChart } from "./svg.js";

/** Whether `value` looks like nima.bg's `figures.frame()` / calculateBg's `figures`. */
export function isBgFigure(value: unknown): value is BgFigure {
  const v = value as BgFigure;
  return (
    typeof v === "object" &&
    v !== null &&
    typeof v.title === "string" &&
    Array.isArray(v.shape) &&
    v.mask instanceof Uint8Array &&
    typeof v.histogram === "object"
  );
}

function histogramJson(h: HistogramData): HistogramJson {
  return { counts: Array.from(h.counts), edges: jsonNumbers(h.edges) };
}

export async function bgBundle(
  figure: BgFigure,
  id: string,
  plane?: DataArray,
): Promise<Rendered<BgBundle>> {
  const [ny, nx] = figure.shape;
  const bundle: BgBundle = {
    version: SCHEMA_VERSION,
    kind: "bg",
    id,
    title: figure.title,
    shape: [ny, nx],
    mask: {
      storage: "inline",
      encoding: "base64",
      byteOrder: "little",
      data: toBase64(figure.mask),
    },
    histogram: histogramJson(figure.histogram),
  };
  const images: FigureImage[] = [];
  if (plane) {
    const computed = await yxLast(plane, "display bg figure: plane").squeeze().compute();
    if (computed.shape.join() !== `${ny},${nx}`) {
      throw new ShapeError(
        `display bg figure: the plane has shape [${computed.shape.join(", ")}] but the figure is ${ny}×${nx}`,
      );
    }
    bundle.plane = inlineDescription(computed, computed.values);
    // nima shows plane × mask with the colour scale of what is left: stretch over the
    // background pixels only (the rest, NaN here, draws black).
    const values = computed.values;
    const masked = Float64Array.from(figure.mask, (m, i) => (m ? values[i] : Number.NaN));
    images.push(
      greyFigure(
        { data: masked, ny, nx, caption: "plane × background mask" },
        pixelSizeOf(plane.attrs),
        "counts, background pixels (0.5–99.5th pct.)",
      ),
    );
  } else {
    images.push({
      src: pngDataUrl(greyRaster({ data: figure.mask, ny, nx }, [0, 1])),
      caption: "background mask (white)",
    });
  }
  const charts = [
    histogramChart(figure.histogram.counts, figure.histogram.edges, {
      title: "background pixels",
      logY: true,
    }),
  ];
  const { lim } = figure;
  if (lim) {
    const image = DataArray.from(lim.image, { shape: [ny, nx], dims: ["Y", "X"] });
    bundle.lim = {
      image: inlineDescription(image, lim.image),
      histogram: histogramJson(lim.histogram),
      thresholds: jsonNumbers(lim.thresholds),
      perc: jsonNumbers(lim.perc),
      median: jsonNumbers(lim.median),
      mean: jsonNumbers(lim.mean),
      sdOver10: jsonNumbers(lim.sdOver10),
    };
    images.push(greyFigure({ data: lim.image, ny, nx, caption: "lim" }, undefined, "lim"));
    charts.push(
      histogramChart(lim.histogram.counts, lim.histogram.edges, { title: "lim", logY: true }),
      lineChart(
        [
          { name: "median", color: "#4c72b0", x: lim.perc, y: lim.median },
          { name: "mean", color: "#dd8452", x: lim.perc, y: lim.mean },
          { name: "sd/10", color: "#55a868", x: lim.perc, y: lim.sdOver10 },
        ],
        { title: "bg vs. perc", xLabel: "perc" },
      ),
    );
  }
  const [method, percentiles] = bgTitleLines(figure.title);
  const html = figureHtml({ title: method, notes: [percentiles], images, charts });
  return { bundle, html, text: `<nima-ts bg figure: ${figure.title.replace(/\n/g, " ")}>` };
}
