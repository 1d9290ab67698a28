/**
 * `<name>_dim.png`, after nima's `plot_img(im, labels=labels, channels=...)`: one row per time
 * point (at most 9, every k-th beyond that, as its d_show), one column per channel in the
 * order given on the command line plus the labels; each plane with its own colour bar in
 * counts above background and a scale bar. Unlike nima (sorted channels, inferno_r) bright
 * signal is drawn bright (inferno). Labels are drawn in the Set2 colours of the measurement
 * plot, with their ids.
 */
import type { DataArray } from "@nima-ts/core";
import { imagePanel, type Spec, sampledTimes } from "./panels.js";
import { planeAt } from "./plane-at.js";
import { INFERNO, labelsImage, planeImage } from "./planes.js";
import { renderPng } from "./render.js";
import { type PixelSize, pixelSizeOf } from "./scale-bar.js";

export interface DimFigureInput {
  /** The background-subtracted image (T, C, [Z,] Y, X), computed. */
  image: DataArray;
  /** Labels (T, Y, X), computed. */
  labels: DataArray;
  /** Channel names to show, in this order. */
  channels: readonly string[];
  /** Pixel size for the scale bar (default: from image.attrs, else pixels). */
  pixelSize?: PixelSize;
  /** Time of each frame (default image.coords.T) and its unit; else frame numbers. */
  times?: { values: readonly number[]; unit: string };
}

/** Panel width so that the figure stays near matplotlib's 16-inch width. */
function panelWidth(columns: number): number {
  return Math.max(160, Math.min(320, Math.floor(1200 / columns)));
}

export async function dimFigure(input: DimFigureInput): Promise<Uint8Array> {
  return renderPng(dimSpec(input));
}

/** "t = 2" (frame) or "t = 4 s" (with times). */
export function timeText(t: number, times?: DimFigureInput["times"]): string {
  if (!times) return `frame ${t}`;
  return `t = ${Number(times.values[t].toPrecision(4))} ${times.unit}`;
}

export function dimSpec({ image, labels, channels, pixelSize, times }: DimFigureInput): Spec {
  const names = [...channels];
  const coords = (image.coords.C ?? []).map(String);
  const width = panelWidth(names.length + 1);
  const pixel = pixelSize ?? pixelSizeOf(image.attrs);
  const rows: Spec[] = sampledTimes(image.sizes.T).map((t) => {
    const when = timeText(t, times);
    const panels: Spec[] = names.map((name) => {
      const { data, ny, nx } = planeAt(image, { T: t, C: coords.indexOf(name) });
      return imagePanel(planeImage(data, ny, nx, INFERNO), {
        width,
        title: `${name}, ${when}`,
        colorbar: { colormap: INFERNO, title: "counts − bg" },
        scaleBar: { pixelSize: pixel },
      });
    });
    const { data, ny, nx } = planeAt(labels, { T: t });
    panels.push(
      imagePanel(labelsImage(data, ny, nx), {
        width,
        title: `cells, ${when}`,
        overlays: [labelIds(data, ny, nx)],
        scaleBar: { pixelSize: pixel, color: "#222" },
      }),
    );
    return { hconcat: panels, resolve: { scale: { color: "independent" } } };
  });
  return { vconcat: rows, resolve: { scale: { color: "independent" } } };
}

/** A text layer with each label's id at its centroid. */
function labelIds(labels: ArrayLike<number>, ny: number, nx: number): Spec {
  const sums = new Map<number, { x: number; y: number; n: number }>();
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const k = labels[y * nx + x];
      if (k <= 0) continue;
      const s = sums.get(k) ?? { x: 0, y: 0, n: 0 };
      s.x += x + 0.5;
      s.y += y + 0.5;
      s.n++;
      sums.set(k, s);
    }
  }
  const values = [...sums].map(([k, s]) => ({ x: s.x / s.n, y: s.y / s.n, id: String(k) }));
  return {
    data: { values },
    mark: { type: "text", fontSize: 13, fontWeight: "bold", color: "#222" },
    encoding: { text: { field: "id", type: "nominal" } },
  };
}
