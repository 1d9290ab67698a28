/**
 * The plane-source contract (after viv's PixelSource `getRaster({selection, signal})`): the
 * dims a view steps through (all but Y, X), their sizes and coords, and one YX plane on
 * request. Display bundles (`openBundleArray`), the widgets' `planeSource(dataArray)` and the
 * JupyterLab extension all speak it, so a viewer takes any of them as it is.
 */
import type { DType } from "./dtype.js";

/** A position along the non-YX dims, e.g. `{ T: 3, C: 0 }` (missing dims: 0). */
export type PlaneIndex = Record<string, number>;

/** Numbers of one YX plane, C order (`ny` rows of `nx`). */
export interface PlanePixels {
  data: ArrayLike<number> & { readonly length: number };
  ny: number;
  nx: number;
}

export interface PlaneSource {
  /** The dims to step through, in array order (e.g. ["T", "C", "Z"]). */
  readonly dims: readonly string[];
  readonly sizes: Readonly<Record<string, number>>;
  readonly coords: Readonly<Record<string, readonly (string | number)[]>>;
  readonly ny: number;
  readonly nx: number;
  readonly dtype: DType;
  /** Pixel size along X in `unit`, when the image states it (scale bar). */
  readonly pixelSize?: { size: number; unit: string };
  getPlane(index: PlaneIndex, options?: { signal?: AbortSignal }): Promise<PlanePixels>;
  /** Whether the plane is already in memory (a switch to it is instant). */
  isCached?(index: PlaneIndex): boolean;
}
