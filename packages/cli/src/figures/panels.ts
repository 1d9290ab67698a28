/**
 * Building blocks of the figures as Vega-Lite unit/layer specs: an image panel (a plane in
 * pixel coordinates, with an optional colour bar and overlays drawn in the same
 * coordinates) and a histogram with matplotlib's `log=True` look.
 */
import type { Colormap, PlaneImage } from "./planes.js";
import { type PixelSize, scaleBar } from "./scale-bar.js";

// Vega-Lite specs are plain JSON; this loose type keeps the builders readable.
// biome-ignore lint/suspicious/noExplicitAny: spec fragments are JSON checked by vega-lite
export type Spec = Record<string, any>;

export interface ImagePanelOptions {
  /**
   * Drawn width in px; the height follows the plane's aspect up to `maxHeight` (default the
   * 1.5 × width), and a plane taller than that is drawn narrower instead.
   */
  width: number;
  maxHeight?: number;
  title?: string | string[];
  /**
   * The colour map the plane was drawn with: adds a colour bar from vmin to vmax, titled
   * with what the values are (e.g. "counts").
   */
  colorbar?: { colormap: Colormap; orient?: "right" | "bottom"; title?: string };
  /** Adds a scale bar in the file's unit, or in pixels when `pixelSize` is undefined. */
  scaleBar?: { pixelSize?: PixelSize; color?: string };
  /** Show X and Y axes in pixels (default no axes, as imshow with ticks off). */
  axes?: boolean;
  /** Layers drawn over the image, in pixel coordinates (fields x, y). */
  overlays?: Spec[];
}

/** The x/y encodings of pixel coordinates: x right, y down, as imshow. */
export function pixelScales(image: PlaneImage, axes: boolean) {
  return {
    x: {
      type: "quantitative",
      scale: { domain: [0, image.width], nice: false, zero: false },
      axis: axes ? { title: "X (px)", grid: false } : null,
    },
    y: {
      type: "quantitative",
      scale: { domain: [0, image.height], nice: false, zero: false, reverse: true },
      axis: axes ? { title: "Y (px)", grid: false } : null,
    },
  };
}

/** The smallest side of a drawn panel: a 1-pixel-thin plane is stretched to this. */
export const MIN_PANEL_SIDE = 24;

/**
 * The drawn size of an nx × ny plane: its aspect within width × maxHeight, each side at least
 * MIN_PANEL_SIDE; bounded whatever the aspect (a 384×1 plane must not make a 10⁵-pixel panel).
 */
export function panelSize(
  nx: number,
  ny: number,
  width: number,
  maxHeight = Math.round(width * 1.5),
): { width: number; height: number } {
  const scale = Math.min(width / nx, maxHeight / ny);
  return {
    width: Math.max(MIN_PANEL_SIDE, Math.min(width, Math.round(nx * scale))),
    height: Math.max(MIN_PANEL_SIDE, Math.min(maxHeight, Math.round(ny * scale))),
  };
}

export function imagePanel(image: PlaneImage, options: ImagePanelOptions): Spec {
  const { title, colorbar, axes = false } = options;
  const { width, height } = panelSize(image.width, image.height, options.width, options.maxHeight);
  const overlays = [...(options.overlays ?? [])];
  // A plane too thin to keep its aspect is stretched: a bar would measure nothing there.
  const stretch = (width / image.width) * (image.height / height);
  if (options.scaleBar && Math.abs(stretch - 1) < 0.05) {
    const { pixelSize, color } = options.scaleBar;
    overlays.push(...scaleBar(image.width, image.height, pixelSize, color));
  }
  const scales = pixelScales(image, axes);
  const layers: Spec[] = [
    {
      data: { values: [{ x: 0, y: 0, url: image.url }] },
      mark: { type: "image", width, height, align: "left", baseline: "top", aspect: false },
      encoding: {
        x: { field: "x", ...scales.x },
        y: { field: "y", ...scales.y },
        url: { field: "url", type: "nominal" },
      },
    },
  ];
  if (colorbar) {
    const vertical = (colorbar.orient ?? "right") === "right";
    layers.push({
      data: { values: [{ v: image.vmin }, { v: image.vmax }] },
      mark: { type: "point", opacity: 0 },
      encoding: {
        color: {
          field: "v",
          type: "quantitative",
          scale: {
            scheme: colorbar.colormap.scheme,
            reverse: colorbar.colormap.reverse,
            domain: [image.vmin, image.vmax],
            nice: false,
            zero: false,
          },
          legend: {
            title: colorbar.title ?? null,
            orient: vertical ? "right" : "bottom",
            direction: vertical ? "vertical" : "horizontal",
            gradientLength: Math.round((vertical ? height : width) * 0.85),
            gradientThickness: 12,
            tickCount: 5,
          },
        },
      },
    });
  }
  for (const overlay of overlays) {
    layers.push({
      ...overlay,
      encoding: {
        ...overlay.encoding,
        x: { field: "x", ...scales.x, ...(overlay.encoding?.x ?? {}) },
        y: { field: "y", ...scales.y, ...(overlay.encoding?.y ?? {}) },
      },
    });
  }
  return { width, height, ...(title ? { title } : {}), layer: layers };
}

export interface HistogramData {
  counts: ArrayLike<number>;
  edges: ArrayLike<number>;
}

export interface HistogramOptions {
  width: number;
  height: number;
  title?: string;
  fill?: string;
  stroke?: string;
  xTitle?: string;
  yTitle?: string;
}

/** Bars from edges[i] to edges[i+1]; counts on a log axis (empty bins drawn as none). */
export function histogramChart(hist: HistogramData, options: HistogramOptions): Spec {
  const { width, height, title, fill = "#1f77b4", stroke, xTitle, yTitle } = options;
  const values: { x0: number; x1: number; count: number }[] = [];
  let maxCount = 1;
  for (let i = 0; i < hist.counts.length; i++) {
    const count = hist.counts[i];
    if (count > 0) values.push({ x0: hist.edges[i], x1: hist.edges[i + 1], count });
    if (count > maxCount) maxCount = count;
  }
  const first = hist.edges[0];
  const last = hist.edges[hist.edges.length - 1];
  return {
    width,
    height,
    ...(title ? { title } : {}),
    data: { values },
    mark: { type: "rect", fill, ...(stroke ? { stroke, strokeWidth: 0.5 } : {}) },
    encoding: {
      x: {
        field: "x0",
        type: "quantitative",
        title: xTitle ?? null,
        scale: { domain: [first, last > first ? last : first + 1], nice: false, zero: false },
      },
      x2: { field: "x1" },
      y: {
        field: "count",
        type: "quantitative",
        title: yTitle ?? null,
        scale: { type: "log", domain: [0.5, maxCount * 1.5], nice: false },
        axis: { format: "~s", tickCount: 4 },
      },
      y2: { datum: 0.5 },
    },
  };
}

/** Every `step`-th time point so that at most `maxRows` are shown (nima's d_show rule). */
export function sampledTimes(nt: number, maxRows = 9): number[] {
  const step = nt <= maxRows ? 1 : Math.ceil(nt / maxRows);
  const times: number[] = [];
  for (let t = 0; t < nt; t += step) times.push(t);
  return times;
}
