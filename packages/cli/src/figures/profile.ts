/**
 * bima's summary figure of a bias, dark or flat frame (nima `plt_img_profile`): the image in
 * the turbo colour map from its 18.4th percentile up, framed by the column-mean profile
 * above and the row-mean profile at the right (thick, pale) with the same means over the
 * central third band (black; the band is marked on the image), the log histogram of the
 * pixel values top-right, hot pixels marked "+", and the title top-left.
 */
import { histogram, percentile, pyRound } from "../bima/stats.js";
import { imagePanel, pixelScales, type Spec } from "./panels.js";
import { finiteRange, planeImage, TURBO } from "./planes.js";
import { renderPng } from "./render.js";

export interface ProfileInput {
  data: ArrayLike<number>;
  ny: number;
  nx: number;
  title: string;
  /** Hot pixels to mark. */
  hotpixels?: readonly { y: number; x: number }[];
  /**
   * "above" (plt_img_profile): column profile above the image, histogram top-right, colour
   * bar; "below" (plt_img_profile_2): column profile and histogram below, no colour bar.
   */
  layout?: "above" | "below";
}

const IMAGE_WIDTH = 520;
const MARGINAL = 150;
/** nima: max(int(max − min), 25) bins; at most one per pixel of the panel to stay visible. */
const MAX_BINS = 150;
const PROFILE_COLOR = "#1f77b4";

export async function profileFigure(input: ProfileInput): Promise<Uint8Array> {
  const { data, ny, nx, title, hotpixels = [], layout = "above" } = input;
  // The 18.4th–81.6th percentiles (66.6 %, "1/e"), as nima's comment and plt_img_profile_2
  // say. (Its plt_img_profile sets vmax in an `elif` that never runs, so there the hot
  // pixels of a bias stretch the scale and the frame shows as one dark colour.)
  const vmin = percentile(data, 18.4);
  const vmax = percentile(data, 81.6);
  const image = planeImage(data, ny, nx, TURBO, { vmin, vmax });
  // Python's round(): ties to even.
  const band = {
    y: [pyRound((ny / 2) * 0.67), pyRound((ny / 2) * 1.33)] as const,
    x: [pyRound((nx / 2) * 0.67), pyRound((nx / 2) * 1.33)] as const,
  };
  const overlays: Spec[] = [
    {
      data: { values: band.x.map((x) => ({ x })) },
      mark: { type: "rule", color: "black" },
    },
    {
      data: { values: band.y.map((y) => ({ y })) },
      mark: { type: "rule", color: "black" },
    },
  ];
  if (hotpixels.length) {
    overlays.push({
      data: { values: hotpixels.map(({ y, x }) => ({ x: x + 0.5, y: y + 0.5 })) },
      mark: { type: "point", shape: "cross", size: 200, color: PROFILE_COLOR, filled: true },
    });
  }
  const panel = imagePanel(image, {
    width: IMAGE_WIDTH,
    axes: true,
    ...(layout === "above"
      ? { colorbar: { colormap: TURBO, orient: "bottom" as const, title: "counts" } }
      : {}),
    overlays,
  });
  const scales = pixelScales(image, false);
  const columnMeans = means(data, ny, nx, "columns", [0, ny]);
  const columnBand = means(data, ny, nx, "columns", band.y);
  const rowMeans = means(data, ny, nx, "rows", [0, nx]);
  const rowBand = means(data, ny, nx, "rows", band.x);

  const profileX: Spec = {
    width: IMAGE_WIDTH,
    height: MARGINAL,
    layer: [
      profile(columnMeans, "x", scales.x, { strokeWidth: 4, opacity: 0.5, color: PROFILE_COLOR }),
      profile(columnBand, "x", scales.x, { strokeWidth: 1.5, opacity: 0.7, color: "black" }),
    ],
  };
  const profileY: Spec = {
    width: MARGINAL,
    height: panel.height,
    layer: [
      profile(rowMeans, "y", scales.y, { strokeWidth: 4, opacity: 0.5, color: PROFILE_COLOR }),
      profile(rowBand, "y", scales.y, { strokeWidth: 1.5, opacity: 0.7, color: "black" }),
    ],
  };
  const [lo, hi] = finiteRange(data);
  const bins = Math.min(MAX_BINS, Math.max(Math.trunc(hi - lo), 25));
  const hist = {
    ...histogramOf(data, bins),
    width: MARGINAL,
    height: MARGINAL,
  };
  return renderPng({
    title: { text: title, fontSize: 14, fontWeight: "bold", anchor: "start" },
    concat:
      layout === "above" ? [profileX, hist, panel, profileY] : [panel, profileY, profileX, hist],
    columns: 2,
    bounds: "flush",
    spacing: 40,
    resolve: { scale: { color: "independent" } },
  });
}

function histogramOf(data: ArrayLike<number>, bins: number): Spec {
  const { counts, edges } = histogram(data, bins);
  const values: { x0: number; x1: number; count: number }[] = [];
  let max = 1;
  counts.forEach((count, i) => {
    if (count > 0) values.push({ x0: edges[i], x1: edges[i + 1], count });
    if (count > max) max = count;
  });
  return {
    data: { values },
    mark: { type: "rect", fill: PROFILE_COLOR, opacity: 0.6 },
    encoding: {
      x: {
        field: "x0",
        type: "quantitative",
        title: "counts",
        scale: { domain: [edges[0], edges[edges.length - 1]], nice: false, zero: false },
        axis: { tickCount: 3 },
      },
      x2: { field: "x1" },
      y: {
        field: "count",
        type: "quantitative",
        title: "pixels",
        scale: { type: "log", domain: [0.5, max * 1.5], nice: false },
        axis: { format: "~s", tickCount: 4, orient: "right" },
      },
      y2: { datum: 0.5 },
    },
  };
}

/** Mean over rows (one value per column) or over columns (one per row), in [from, to). */
function means(
  data: ArrayLike<number>,
  ny: number,
  nx: number,
  along: "columns" | "rows",
  [from, to]: readonly [number, number],
): Float64Array {
  const out = new Float64Array(along === "columns" ? nx : ny);
  for (let y = 0; y < ny; y++) {
    for (let x = 0; x < nx; x++) {
      const inside = along === "columns" ? y >= from && y < to : x >= from && x < to;
      if (inside) out[along === "columns" ? x : y] += data[y * nx + x];
    }
  }
  const count = Math.max(1, to - from);
  for (let i = 0; i < out.length; i++) out[i] /= count;
  return out;
}

/** A profile drawn along the image's x (values up) or y (values to the right). */
function profile(
  values: Float64Array,
  axis: "x" | "y",
  scale: Spec,
  style: { strokeWidth: number; opacity: number; color: string },
): Spec {
  const points = Array.from(values, (v, i) => ({ i: i + 0.5, v }));
  const position = { field: "i", ...scale, axis: null };
  const value = {
    field: "v",
    type: "quantitative",
    title: axis === "x" ? "column mean (counts)" : "row mean (counts)",
    scale: { zero: false },
  };
  return {
    data: { values: points },
    mark: { type: "line", ...style },
    encoding:
      axis === "x"
        ? { x: position, y: value }
        : { y: position, x: { ...value, axis: { tickCount: 3 } }, order: { field: "i" } },
  };
}
