/**
 * Typed handles of the per-plane segmentation kernels (code in ./kernels.ts and
 * ./randomWalkerKernel.ts). A footprint is given as rows of 0/1, e.g. [[0,1,0],[1,1,1],[0,1,0]]
 * (default: that cross). Labels are int32 whatever the input's dtype.
 */

import { checkTileableMode, type MorphologyOp, morphologyHalo } from "../../tiled/halo.js";
import type { BaseBorderMode } from "../border.js";
import { defineKernel } from "../define.js";
import { required } from "../filters/specs.js";
import { footprintFromRows } from "../footprint.js";
import { type Connectivity, checkConnectivity } from "./label.js";
import type { LabelRule } from "./label-tile.js";
import type { RandomWalkerOptions } from "./randomWalker.js";

const load = () => import("./kernels.js");

export interface FootprintRowsParams {
  /** Rows of 0/1 (row-major), as written in numpy; default the 3×3 cross. */
  footprint?: ReadonlyArray<ReadonlyArray<number>>;
}
export interface GreyMorphologyParams extends FootprintRowsParams {
  mode?: BaseBorderMode;
  cval?: number;
}
export interface BinaryMorphologyParams extends FootprintRowsParams {
  borderValue?: 0 | 1;
}

function checkFootprintRows(kernel: string) {
  return (p: FootprintRowsParams) => {
    if (p.footprint === undefined) return;
    try {
      footprintFromRows(p.footprint);
    } catch (error) {
      throw new RangeError(`${kernel}: ${(error as Error).message}`);
    }
  };
}

function connectivity(kernel: string) {
  return (p: { connectivity?: Connectivity }) => {
    if (p.connectivity !== undefined) checkConnectivity(kernel, p.connectivity);
  };
}

/** scipy.ndimage.label: connectivity 1 (default) or 2; int32 labels. */
export const labelKernel = defineKernel<{ connectivity?: Connectivity }>("label", {
  outDtype: "int32",
  check: connectivity("label"),
  load,
});

/** skimage.measure.label: connectivity 2 by default, background 0; int32 labels. */
export const labelImageKernel = defineKernel<{ connectivity?: Connectivity; background?: number }>(
  "label_image",
  { outDtype: "int32", check: connectivity("label_image"), load },
);

const loadTile = () => import("./label-tile.js");

/** One tile of a plane labelled in tiles (tiled/label.ts): its components, packed (label-tile.ts). */
export const labelTileComponentsKernel = defineKernel<LabelRule>("label_tile_components", {
  outDtype: "float64",
  load: loadTile,
});

/** One tile's labels in the plane's numbering: inputs [tile, finalOf (int32, local → final)]. */
export const labelTileMappedKernel = defineKernel<LabelRule>("label_tile_mapped", {
  outDtype: "int32",
  load: loadTile,
});

export const removeSmallObjectsKernel = defineKernel<{
  maxSize: number;
  connectivity?: Connectivity;
}>("remove_small_objects", {
  outDtype: "bool",
  check: (p) => {
    required(p, "maxSize", "remove_small_objects");
    connectivity("remove_small_objects")(p);
  },
  load,
});

/** A morphology op's reach (two passes for opening and closing), for Y/X tiles. */
function morphHalo(name: MorphologyOp) {
  return (p: FootprintRowsParams & { mode?: unknown }) => {
    checkTileableMode(name, p.mode);
    return morphologyHalo(name, p.footprint && footprintFromRows(p.footprint));
  };
}

const grey = (name: MorphologyOp) =>
  defineKernel<GreyMorphologyParams>(name, {
    check: checkFootprintRows(name),
    halo: morphHalo(name),
    load,
  });
const binary = (name: MorphologyOp) =>
  defineKernel<BinaryMorphologyParams>(name, {
    outDtype: "bool",
    check: checkFootprintRows(name),
    halo: morphHalo(name),
    load,
  });

export const erosionKernel = grey("erosion");
export const dilationKernel = grey("dilation");
export const openingKernel = grey("opening");
export const closingKernel = grey("closing");
export const binaryErosionKernel = binary("binary_erosion");
export const binaryDilationKernel = binary("binary_dilation");
export const binaryOpeningKernel = binary("binary_opening");
export const binaryClosingKernel = binary("binary_closing");

export const clearBorderKernel = defineKernel<{ bufferSize?: number; bgval?: number }>(
  "clear_border",
  { load },
);

export const distanceTransformEdtKernel = defineKernel<Record<string, never>>(
  "distance_transform_edt",
  { outDtype: "float64", load },
);

/** nima's split of touching cells (EDT, peaks, watershed; see splitCells.ts). */
export const nimaWatershedKernel = defineKernel<Record<string, never>>("nima.watershed", {
  outDtype: "int32",
  load,
});

/** Inputs [data, labels]; int32 labels out. */
export const randomWalkerKernel = defineKernel<Pick<RandomWalkerOptions, "beta" | "mode">>(
  "random_walker",
  { outDtype: "int32", load: () => import("./randomWalkerKernel.js") },
);
