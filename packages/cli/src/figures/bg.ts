/**
 * `bg-<channel>-<method>.png`: nima's background figures (`segmentation._bg_plot`, saved by
 * the Python CLI as one PDF page per frame) as one PNG per channel, a row per time point
 * (at most 9, as plot_img): the plane × background mask (inferno, colour bar in counts, scale
 * bar) titled with the method and the 25th/50th/75th percentiles of the background pixels
 * (rounded, the median being the background), and the log histogram of the background
 * pixels. arcsinh
 * and entropy add a second row: the lim image, its histogram and "bg vs. perc".
 */
import { bgTitleLines, type DataArray, type nima, type TypedArray } from "@nima-ts/core";
import { histogramChart, imagePanel, type Spec, sampledTimes } from "./panels.js";
import { planeAt } from "./plane-at.js";
import { INFERNO, planeImage, VIRIDIS } from "./planes.js";
import { renderPng } from "./render.js";
import { type PixelSize, pixelSizeOf } from "./scale-bar.js";

export interface BgFigureInput {
  /** The image nima.bg received (T, C, [Z,] Y, X), computed. */
  image: DataArray;
  figures: nima.BgFigures;
  channel: string;
  downscale?: readonly [number, number];
  signal?: AbortSignal;
  /** Pixel size of the image (default from image.attrs); the bar allows for the downscale. */
  pixelSize?: PixelSize;
}

const IMAGE_WIDTH = 300;

export async function bgFigure(input: BgFigureInput): Promise<Uint8Array> {
  return renderPng(await bgSpec(input));
}

export async function bgSpec(input: BgFigureInput): Promise<Spec> {
  const { image, figures, channel, downscale, signal } = input;
  const pixel = input.pixelSize ?? pixelSizeOf(image.attrs);
  // A downscaled plane's pixel covers downscale[1] original pixels along X.
  const binned = pixel && downscale ? { ...pixel, size: pixel.size * downscale[1] } : pixel;
  const c = (image.coords.C ?? []).map(String).indexOf(channel);
  const rows: Spec[] = [];
  for (const t of sampledTimes(image.sizes.T)) {
    signal?.throwIfAborted();
    const figure = await figures.frame({ T: t, C: channel }, { signal });
    const plane = planeAt(image, { T: t, C: c });
    const [ny, nx] = figure.shape;
    const data = downscale
      ? downscaleLocalMean(plane.data, plane.ny, plane.nx, downscale)
      : plane.data;
    rows.push(maskRow(data, ny, nx, figure, t, binned));
    if (figure.lim) rows.push(limRow(figure.lim, ny, nx));
  }
  return { vconcat: rows, resolve: { scale: { color: "independent" } } };
}

function maskRow(
  data: ArrayLike<number>,
  ny: number,
  nx: number,
  f: nima.BgFigure,
  t: number,
  pixelSize: PixelSize | undefined,
): Spec {
  const masked = new Float64Array(ny * nx);
  for (let i = 0; i < masked.length; i++) masked[i] = data[i] * f.mask[i];
  const [method, iqr] = bgTitleLines(f.title);
  const panel = imagePanel(planeImage(masked, ny, nx, INFERNO), {
    width: IMAGE_WIDTH,
    title: "plane × background mask",
    colorbar: { colormap: INFERNO, orient: "bottom", title: "counts" },
    scaleBar: { pixelSize },
  });
  const histogram = histogramChart(f.histogram, {
    width: 300,
    height: panel.height,
    title: "Histogram of pixels considered to be background",
    fill: "skyblue",
    stroke: "black",
    xTitle: "counts",
    yTitle: "pixels",
  });
  // nima's title (method line, then the percentiles) heads the row: as a panel title it
  // would widen the panel and push the histogram away.
  return {
    title: { text: [`frame ${t}: ${method}`, iqr], fontSize: 13 },
    hconcat: [panel, histogram],
    resolve: { scale: { color: "independent" } },
  };
}

function limRow(lim: nima.BgLimFigure, ny: number, nx: number): Spec {
  const image = imagePanel(planeImage(lim.image, ny, nx, VIRIDIS), {
    width: 220,
    title: "Lim",
    colorbar: { colormap: VIRIDIS, orient: "bottom", title: "lim" },
  });
  const histogram = histogramChart(lim.histogram, {
    width: 220,
    height: image.height,
    title: "Histogram of Lim",
    fill: "lightgray",
    stroke: "black",
    xTitle: "lim",
    yTitle: "pixels",
  });
  return {
    hconcat: [image, histogram, bgVsPerc(lim, image.height)],
    resolve: { scale: { color: "independent" } },
  };
}

/** Medians against lim thresholds (bottom axis) and mean ± sd/10 against perc (top axis). */
function bgVsPerc(lim: nima.BgLimFigure, height: number): Spec {
  const byThreshold = Array.from(lim.thresholds, (x, i) => ({ x, median: lim.median[i] }));
  const byPerc = Array.from(lim.perc, (p, i) => ({
    p,
    mean: lim.mean[i],
    lo: lim.mean[i] - lim.sdOver10[i],
    hi: lim.mean[i] + lim.sdOver10[i],
  }));
  const y = { type: "quantitative", title: "background (counts)", scale: { zero: false } };
  const perc = {
    field: "p",
    type: "quantitative",
    title: "perc",
    scale: { domain: [0, 0.5] },
    axis: { orient: "top" },
  };
  return {
    width: 240,
    height,
    title: "bg vs. perc",
    layer: [
      {
        data: { values: byThreshold },
        mark: { type: "point", filled: true, color: "#1f77b4" },
        encoding: {
          x: {
            field: "x",
            type: "quantitative",
            title: "lim threshold",
            scale: { zero: false, nice: false },
          },
          y: { field: "median", ...y },
        },
      },
      {
        data: { values: byPerc },
        layer: [
          {
            mark: { type: "line", color: "#ff7f0e" },
            encoding: { x: perc, y: { field: "mean", ...y } },
          },
          {
            mark: { type: "rule", color: "#ff7f0e" },
            encoding: { x: perc, y: { field: "lo", ...y }, y2: { field: "hi" } },
          },
        ],
      },
    ],
    resolve: { scale: { x: "independent" }, axis: { x: "independent" } },
  };
}

/**
 * skimage `downscale_local_mean(plane, factors)`: the plane padded with zeros to a multiple
 * of the factors, then the mean of each block (padding included), as nima.bg does.
 */
export function downscaleLocalMean(
  data: TypedArray,
  ny: number,
  nx: number,
  [fy, fx]: readonly [number, number],
): Float64Array {
  const oy = Math.ceil(ny / fy);
  const ox = Math.ceil(nx / fx);
  const out = new Float64Array(oy * ox);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++)
      out[Math.floor(y / fy) * ox + Math.floor(x / fx)] += data[y * nx + x];
  }
  for (let i = 0; i < out.length; i++) out[i] /= fy * fx;
  return out;
}
