/**
 * An OME-Zarr multiscale image opened level by level, for viewers of planes larger than
 * memory (after viv's multiscale loaders): every level's Y/X shape and chunk shape, and one
 * chunk (a tile) of one level for one T/C/Z position on request. Nothing reads a whole plane.
 */
import * as zarr from "zarrita";
import { allocate, type DType, type TypedArray } from "../array/dtype.js";
import type { PlaneIndex } from "../array/plane-source.js";
import { ImageFormatError, UnsupportedImageError } from "./errors.js";
import { readDtype, zarrStoredType } from "./stored-dtype.js";
import { mapAxes, omeImageMeta, omePhysicalSize } from "./zarr-axes.js";
import { checkChunks, checkStoreKey } from "./zarr-guard.js";
import { resolveStore, type ZarrLocation, type ZarrStore } from "./zarr-store.js";

/** One pyramid level: its dataset path in the group, Y/X size and Y/X chunk (tile) size. */
export interface MultiscaleLevel {
  path: string;
  ny: number;
  nx: number;
  tileY: number;
  tileX: number;
}

/** One tile of one level: `ny` × `nx` values (smaller at the level's bottom and right edges). */
export interface Tile {
  data: TypedArray;
  ny: number;
  nx: number;
}

export interface MultiscaleImage {
  /** The dims to step through (all but Y, X), in array order. */
  dims: string[];
  sizes: Record<string, number>;
  coords: Record<string, (string | number)[]>;
  dtype: DType;
  /** Full-resolution Y/X size (level 0). */
  ny: number;
  nx: number;
  /** Finest first; level k is about 2^k times coarser (its own shape says exactly). */
  levels: MultiscaleLevel[];
  pixelSize?: { size: number; unit: string };
  /** Where it was opened from, for error messages. */
  where: string;
  /** Tile (ty, tx) of `level` at `index`. */
  readTile(
    index: PlaneIndex,
    level: number,
    ty: number,
    tx: number,
    options?: { signal?: AbortSignal },
  ): Promise<Tile>;
}

type AnyArray = zarr.Array<zarr.DataType, ZarrStore>;

export interface OpenMultiscaleOptions {
  /** Path of the image group inside the store (default the root). */
  path?: string;
  signal?: AbortSignal;
}

/** Opens the OME-Zarr image group at `location` (a directory, a URL or any zarrita store). */
export async function openMultiscale(
  location: ZarrLocation,
  options: OpenMultiscaleOptions = {},
): Promise<MultiscaleImage> {
  const { store, name } = await resolveStore(location);
  const where = options.path ? `${name}/${options.path.replace(/^\/+/, "")}` : name;
  const groupLocation = zarr.root(store).resolve(options.path ?? "/");
  checkStoreKey(where, groupLocation.path);
  const group = await zarr.open(groupLocation, { kind: "group", signal: options.signal });
  const ome = omeImageMeta(group.attrs, where);
  if (!ome) throw new ImageFormatError(where, "not an OME-Zarr image (no multiscales metadata)");
  const multiscales = ((group.attrs.ome as Record<string, unknown>) ?? group.attrs).multiscales as {
    datasets: { path: string }[];
  }[];
  const paths = multiscales[0].datasets.map((d) => d.path);
  const arrays: AnyArray[] = [];
  for (const path of paths) {
    const location = group.resolve(path);
    checkStoreKey(`${where}/${path}`, location.path);
    const array = await zarr.open(location, { kind: "array", signal: options.signal });
    checkChunks(array, `${where}/${path}`);
    arrays.push(array);
  }
  const axes = mapAxes(ome.axes, arrays[0].shape, where);
  const yAxis = axes.indexOf("Y");
  const xAxis = axes.indexOf("X");
  const stored = zarrStoredType(arrays[0].dtype);
  if (!stored) {
    throw new UnsupportedImageError(where, `zarr data type ${arrays[0].dtype} is not supported`);
  }
  const dtype = readDtype(stored);
  const levels = arrays.map((array, k) => {
    if (array.shape.length !== axes.length) {
      throw new ImageFormatError(
        `${where}/${paths[k]}`,
        `level ${k} has ${array.shape.length} dims, level 0 has ${axes.length}`,
      );
    }
    return {
      path: paths[k],
      ny: array.shape[yAxis],
      nx: array.shape[xAxis],
      tileY: array.chunks[yAxis],
      tileX: array.chunks[xAxis],
    };
  });
  // Non-YX axes (undefined: a size-1 axis of another name, always read at 0).
  const stepAxes = axes
    .map((dim, i) => ({ dim, i }))
    .filter(({ dim }) => dim !== "Y" && dim !== "X");
  const dims = stepAxes.filter((a) => a.dim !== undefined).map((a) => a.dim as string);
  const sizes = Object.fromEntries(
    stepAxes.filter((a) => a.dim).map(({ dim, i }) => [dim, arrays[0].shape[i]]),
  );
  const coords: Record<string, (string | number)[]> = {};
  if (ome.channelLabels && sizes.C === ome.channelLabels.length) coords.C = ome.channelLabels;
  const physical = omePhysicalSize(ome);
  return {
    dims,
    sizes,
    coords,
    dtype,
    ny: levels[0].ny,
    nx: levels[0].nx,
    levels,
    pixelSize:
      physical?.X && physical.X > 0 ? { size: physical.X, unit: physical.unit ?? "µm" } : undefined,
    where,
    async readTile(index, level, ty, tx, { signal } = {}) {
      const info = levels[level];
      if (!info) {
        throw new RangeError(`readTile: level ${level} is outside 0..${levels.length - 1}`);
      }
      const tilesY = Math.ceil(info.ny / info.tileY);
      const tilesX = Math.ceil(info.nx / info.tileX);
      if (!(ty >= 0 && ty < tilesY && tx >= 0 && tx < tilesX)) {
        throw new RangeError(
          `readTile: tile (${ty}, ${tx}) is outside level ${level}'s ${tilesY}×${tilesX} tiles`,
        );
      }
      const array = arrays[level];
      // Chunk coordinates and the offset inside the chunk along every axis.
      const chunkCoords: number[] = [];
      const inChunk: number[] = [];
      axes.forEach((dim, i) => {
        let at = 0;
        if (dim === "Y") at = ty * info.tileY;
        else if (dim === "X") at = tx * info.tileX;
        else if (dim !== undefined) {
          at = index[dim] ?? 0;
          if (!Number.isInteger(at) || at < 0 || at >= sizes[dim]) {
            throw new RangeError(`readTile: index ${dim}=${at} is outside 0..${sizes[dim] - 1}`);
          }
        }
        chunkCoords.push(Math.floor(at / array.chunks[i]));
        inChunk.push(dim === "Y" || dim === "X" ? 0 : at % array.chunks[i]);
      });
      const chunk = await array.getChunk(chunkCoords, { signal });
      const h = Math.min(info.tileY, info.ny - ty * info.tileY);
      const w = Math.min(info.tileX, info.nx - tx * info.tileX);
      let source = chunk.data as unknown as ArrayLike<number>;
      if (source instanceof zarr.BoolArray) {
        source = new Uint8Array(source.buffer, source.byteOffset, source.length);
      }
      const base = inChunk.reduce((acc, v, i) => acc + v * chunk.stride[i], 0);
      const sy = chunk.stride[yAxis];
      const sx = chunk.stride[xAxis];
      // A copy of the valid part only: edge chunks are padded to the full chunk shape.
      const data = allocate(dtype, h * w, false);
      for (let y = 0; y < h; y++) {
        const row = base + y * sy;
        for (let x = 0; x < w; x++) data[y * w + x] = source[row + x * sx];
      }
      return { data, ny: h, nx: w };
    },
  };
}
