/**
 * `<name>_meas.png`, nima's `plot_meas(bgs, meas, channels)`: two columns of panels — pH and
 * Cl ratios per cell (mean-intensity ratios as lines with points, the ratio-image medians
 * dashed), then each channel's mean intensity per cell, then the background of each
 * channel over time. Cells are coloured Set2[(k − 1) % 8] (as the labels of the _dim figure)
 * with a legend on every panel; the background lines by channel letter (g green, r red,
 * c cyan, … as matplotlib's base colours, else black). Every axis is titled, with units.
 */
import type { DataArray, Table } from "@nima-ts/core";
import type { Spec } from "./panels.js";
import { labelColor } from "./planes.js";
import { renderPng } from "./render.js";

/** matplotlib.colors.BASE_COLORS. */
const BASE_COLORS: Record<string, string> = {
  b: "#0000ff",
  g: "#008000",
  r: "#ff0000",
  c: "#00bfbf",
  m: "#bf00bf",
  y: "#bfbf00",
  k: "#000000",
  w: "#ffffff",
};

export function channelColor(name: string): string {
  return BASE_COLORS[name.toLowerCase()] ?? "#000000";
}

export interface MeasFigureInput {
  /** Background medians (T, C), computed. */
  bgs: DataArray;
  tables: Map<number, Table>;
  /** The channels in command-line order. */
  channels: readonly string[];
  /** Ratio channels (numerator, denominator), for the axis titles. */
  channelsCl?: readonly [string, string];
  channelsPh?: readonly [string, string];
  /** Time of each frame and its unit; else frame numbers. */
  times?: { values: readonly number[]; unit: string };
}

interface Point {
  label: string;
  t: number;
  value: number;
  kind: string;
}

const WIDTH = 360;
const HEIGHT = 170;

export async function measFigure(input: MeasFigureInput): Promise<Uint8Array> {
  return renderPng(measSpec(input));
}

export function measSpec(input: MeasFigureInput): Spec {
  const { bgs, tables, channels, times } = input;
  const ids = [...tables.keys()];
  const cellColor = {
    field: "label",
    type: "nominal",
    title: "cell",
    scale: { domain: ids.map(String), range: ids.map(labelColor) },
    legend: { title: "cell", orient: "right" },
  };
  const time = (t: number) => (times ? times.values[t] : t);
  const series = (column: string, kind = column) =>
    ids.flatMap((id) => {
      const table = tables.get(id) as Table;
      if (!table.has(column)) return [];
      const values = table.column(column) as ArrayLike<number>;
      return table.index.map((t, i) => ({ label: String(id), t: time(t), value: values[i], kind }));
    });
  const xTitle = times ? `time (${times.unit})` : "frame";
  const ratioTitle = (pair: readonly [string, string] | undefined, fallback: string) =>
    pair ? `${pair[0]}/${pair[1]} ratio` : fallback;

  const ratioPanel = (name: string, title: string, yTitle: string): Spec => ({
    width: WIDTH,
    height: HEIGHT,
    title: [title, "lines: mean-intensity ratio; dashed: median of the ratio image"],
    layer: [
      lines(series(name), { color: cellColor, xTitle, yTitle, points: true }),
      lines(series(`${name}_median`), {
        color: { ...cellColor, legend: null },
        xTitle,
        yTitle,
        dashed: true,
      }),
    ],
  });

  const panels: Spec[] = [
    ratioPanel("r_pH", "pH", ratioTitle(input.channelsPh, "r_pH")),
    ratioPanel("r_cl", "Cl", ratioTitle(input.channelsCl, "r_Cl")),
  ];
  for (const name of channels) {
    panels.push({
      width: WIDTH,
      height: HEIGHT,
      title: `${name}: mean intensity per cell`,
      ...lines(series(name), {
        color: cellColor,
        xTitle,
        yTitle: `${name} (counts − bg)`,
        points: true,
      }),
    });
  }
  panels.push({ width: WIDTH, height: HEIGHT, ...bgLines(bgs, time, xTitle) });
  return { concat: panels, columns: 2, resolve: { scale: { color: "independent" } } };
}

interface LineOptions {
  color: Spec;
  xTitle: string;
  yTitle: string;
  points?: boolean;
  dashed?: boolean;
}

function lines(values: Point[], o: LineOptions): Spec {
  return {
    data: { values },
    mark: {
      type: "line",
      strokeWidth: o.dashed ? 2 : 1.5,
      ...(o.dashed ? { strokeDash: [6, 4] } : {}),
      ...(o.points ? { point: { filled: true, size: 36 } } : {}),
    },
    encoding: {
      x: { field: "t", type: "quantitative", title: o.xTitle, axis: { tickMinStep: 1 } },
      y: { field: "value", type: "quantitative", title: o.yTitle, scale: { zero: false } },
      color: o.color,
    },
  };
}

/** pandas `bgs.plot(grid=True, color=ch_colors)`: one line per channel, with a legend. */
function bgLines(bgs: DataArray, time: (t: number) => number, xTitle: string): Spec {
  const names = (bgs.coords.C ?? []).map(String);
  const nc = bgs.sizes.C;
  const values: Point[] = [];
  for (let t = 0; t < bgs.sizes.T; t++) {
    names.forEach((name, c) => {
      values.push({ label: name, t: time(t), value: bgs.values[t * nc + c], kind: "bg" });
    });
  }
  return {
    title: "background (median of the background pixels)",
    ...lines(values, {
      color: {
        field: "label",
        type: "nominal",
        scale: { domain: names, range: names.map(channelColor) },
        legend: { title: "channel", orient: "right" },
      },
      xTitle,
      yTitle: "background (counts)",
    }),
  };
}
