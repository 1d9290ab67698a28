/**
 * OME-Zarr 0.5 image metadata (the `ome` key of the image group's zarr.json attributes) for an
 * array whose dims are a subset of TCZYX in that order, as the spec requires (time, channel,
 * then space).
 */
import type { DType } from "../array/dtype.js";
import type { PhysicalSize } from "./source.js";
import { canonicalDim } from "./zarr-axes.js";

const AXIS_TYPE = { T: "time", C: "channel", Z: "space", Y: "space", X: "space" } as const;
const ORDER = ["T", "C", "Z", "Y", "X"];

/** UDUNITS-2 names the spec allows, for the spellings files commonly use. */
const SPACE_UNITS: Record<string, string> = {
  µm: "micrometer",
  μm: "micrometer",
  um: "micrometer",
  micron: "micrometer",
  microns: "micrometer",
  micrometer: "micrometer",
  nm: "nanometer",
  nanometer: "nanometer",
  mm: "millimeter",
  millimeter: "millimeter",
};

export interface ChannelWindow {
  min: number;
  max: number;
}

/** Whether dims can be OME-Zarr axes: 2 to 5 distinct TCZYX dims in TCZYX order, with Y and X. */
export function omeCompatible(dims: readonly string[]): boolean {
  const canonical = dims.map((d) => canonicalDim(d));
  if (canonical.some((d) => d === undefined) || dims.length < 2) return false;
  const positions = canonical.map((d) => ORDER.indexOf(d!));
  const increasing = positions.every((p, i) => i === 0 || p > positions[i - 1]);
  return increasing && canonical.includes("Y") && canonical.includes("X");
}

export function omeAttributes(opts: {
  dims: readonly string[];
  name?: string;
  physicalSize?: PhysicalSize;
  channels: string[];
  windows: ChannelWindow[];
  /** Multiscale levels, each halving Y and X (default 1: full resolution only). */
  levels?: number;
  /** How the levels were downsampled (the multiscale's `type`, e.g. "mean"). */
  downsampling?: string;
}): Record<string, unknown> {
  const dims = opts.dims.map((d) => canonicalDim(d)!);
  const unit = opts.physicalSize?.unit ? SPACE_UNITS[opts.physicalSize.unit] : undefined;
  const axes = dims.map((d) => {
    const axis: Record<string, string> = { name: d.toLowerCase(), type: AXIS_TYPE[d] };
    if (AXIS_TYPE[d] === "space" && unit) axis.unit = unit;
    return axis;
  });
  const scale = dims.map((d) => {
    const size = d === "X" || d === "Y" || d === "Z" ? opts.physicalSize?.[d] : undefined;
    return typeof size === "number" && size > 0 ? size : 1;
  });
  const ome: Record<string, unknown> = {
    version: "0.5",
    multiscales: [
      {
        name: opts.name ?? "image",
        axes,
        datasets: Array.from({ length: opts.levels ?? 1 }, (_, k) => ({
          path: String(k),
          coordinateTransformations: [
            {
              type: "scale",
              scale: scale.map((s, i) => (dims[i] === "Y" || dims[i] === "X" ? s * 2 ** k : s)),
            },
          ],
        })),
        ...(opts.downsampling ? { type: opts.downsampling } : {}),
      },
    ],
  };
  ome.omero = {
    channels: opts.channels.map((label, i) => ({
      label,
      color: channelColor(label, i),
      active: true,
      window: {
        min: opts.windows[i].min,
        max: opts.windows[i].max,
        start: opts.windows[i].min,
        end: opts.windows[i].max,
      },
    })),
  };
  return ome;
}

/** The display range to announce before any data is seen: the dtype's range (0–1 for floats). */
export function defaultWindow(dtype: DType): ChannelWindow {
  switch (dtype) {
    case "uint8":
      return { min: 0, max: 255 };
    case "uint16":
      return { min: 0, max: 65535 };
    case "int32":
      return { min: -2147483648, max: 2147483647 };
    case "bool":
      return { min: 0, max: 1 };
    default:
      return { min: 0, max: 1 };
  }
}

const NAMED_COLORS: Record<string, string> = {
  g: "00FF00",
  green: "00FF00",
  r: "FF0000",
  red: "FF0000",
  b: "0000FF",
  blue: "0000FF",
  c: "00FFFF",
  cyan: "00FFFF",
  m: "FF00FF",
  magenta: "FF00FF",
  y: "FFFF00",
  yellow: "FFFF00",
};
const PALETTE = ["00FF00", "FF00FF", "00FFFF", "FF0000", "0000FF", "FFFF00"];

/** A channel named after a colour (nima's G, R, C) gets it; others cycle a palette. */
function channelColor(label: string, index: number): string {
  return NAMED_COLORS[label.toLowerCase()] ?? PALETTE[index % PALETTE.length];
}
