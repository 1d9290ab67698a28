/**
 * dask's `map_overlap` for one plane: a whole-plane kernel runs on each tile plus its halo
 * and the halo is cropped off the result. A window is clipped at the plane's true edges, so
 * there the kernel applies its own border mode (scipy's reflect, nearest, mirror, constant)
 * exactly as on the whole plane; at interior edges the halo holds the real neighbours and
 * the pixels that would see the window's own edge are the cropped ones. "wrap" is refused:
 * a border pixel there reads the far side of the plane.
 */
import type { TypedArray } from "../array/dtype.js";
import { type BorderMode, parseBorderMode } from "../kernels/border.js";
import type { Halo } from "./halo.js";
import {
  type Box,
  checkTiling,
  cropPlane,
  readBox,
  type Tile,
  type TiledPlane,
  type TileShape,
  tileBoxes,
} from "./tiles.js";

/** A kernel on a whole (row-major, ny × nx) plane. */
export type PlaneKernelFn<O extends TypedArray = TypedArray> = (
  src: TypedArray,
  ny: number,
  nx: number,
) => O;

export interface MapOverlapOptions extends TileShape {
  /** How far the kernel reads beyond an output pixel (see halo.ts). */
  halo: Halo;
  /** The kernel's border mode, checked to be tileable (default reflect). */
  mode?: BorderMode;
}

/**
 * The window read for tile `b`: the tile plus its halo, clipped to the plane. A window
 * clipped at an edge also keeps at least `reach + 1` rows (columns) from that edge, so the
 * kernel's reflection there reads the plane's rows, not the window's far side.
 */
export function haloWindow(b: Box, halo: Halo, ny: number, nx: number): Box {
  let y0 = Math.max(0, b.y0 - halo.top);
  let y1 = Math.min(ny, b.y1 + halo.bottom);
  let x0 = Math.max(0, b.x0 - halo.left);
  let x1 = Math.min(nx, b.x1 + halo.right);
  if (y0 === 0) y1 = Math.max(y1, Math.min(ny, halo.top + 1));
  if (y1 === ny) y0 = Math.min(y0, Math.max(0, ny - 1 - halo.bottom));
  if (x0 === 0) x1 = Math.max(x1, Math.min(nx, halo.left + 1));
  if (x1 === nx) x0 = Math.min(x0, Math.max(0, nx - 1 - halo.right));
  return { y0, y1, x0, x1 };
}

function checkHalo(halo: Halo): void {
  for (const side of ["top", "bottom", "left", "right"] as const) {
    const v = halo[side];
    if (!Number.isInteger(v) || v < 0) {
      throw new RangeError(`mapOverlap: halo.${side} must be a non-negative integer, got ${v}`);
    }
  }
}

/**
 * Runs `fn` tile by tile (raster order) and yields each output tile; at most one window and
 * its result are held at a time.
 */
export async function* mapOverlap<O extends TypedArray>(
  plane: TiledPlane,
  fn: PlaneKernelFn<O>,
  options: MapOverlapOptions,
): AsyncGenerator<Tile<O>> {
  checkTiling("mapOverlap", plane, options);
  checkHalo(options.halo);
  if (parseBorderMode(options.mode, "mapOverlap") === "wrap") {
    throw new RangeError(
      "mapOverlap: mode wrap reads the far side of the plane at its edges; it cannot be tiled",
    );
  }
  const { ny, nx } = plane;
  for (const b of tileBoxes(ny, nx, options)) {
    const w = haloWindow(b, options.halo, ny, nx);
    const wx = w.x1 - w.x0;
    const out = fn(await readBox(plane, w), w.y1 - w.y0, wx);
    if (out.length !== (w.y1 - w.y0) * wx) {
      throw new RangeError(
        `mapOverlap: the kernel gave ${out.length} values for a ${w.y1 - w.y0} × ${wx} window`,
      );
    }
    const inner = { y0: b.y0 - w.y0, y1: b.y1 - w.y0, x0: b.x0 - w.x0, x1: b.x1 - w.x0 };
    yield { ...b, data: cropPlane(out, wx, inner) };
  }
}
