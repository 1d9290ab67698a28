/**
 * Tiled planes computed on demand: each `read` computes just its window from the planes it
 * depends on (with a halo where a neighbourhood kernel needs one), so a pipeline of stages
 * holds no whole intermediate plane. A stage read by several passes is recomputed each
 * time unless the caller's `persist` hook stores it (a zarr store, a temporary file) and
 * gives back a plane that reads the stored values.
 */
import { allocate, type DType, dtypeOf, promote, type TypedArray } from "../array/dtype.js";
import { retype } from "../array/elementwise.js";
import { dtypeWithScalar } from "../graph/expr.js";
import { type BinaryOp, COMPARISONS, type Expr } from "../kernels/array/expr-ast.js";
import { compileExpr } from "../kernels/array/expr-compile.js";
import { type BorderMode, parseBorderMode } from "../kernels/border.js";
import type { Halo } from "./halo.js";
import { haloWindow } from "./map-overlap.js";
import { type Box, cropPlane, readBox, type TiledPlane, type TileShape } from "./tiles.js";

/**
 * Stores a stage and returns a plane reading it back (e.g. writes `plane`'s tiles to a zarr
 * array and returns its reader). `stage` names it ("ga", "mask", …) for the caller's paths.
 */
export type Persist = (stage: string, plane: TiledPlane) => Promise<TiledPlane>;

/** The plane itself when there is no hook, else the stored copy. */
export function persisted(
  persist: Persist | undefined,
  stage: string,
  plane: TiledPlane,
): Promise<TiledPlane> {
  return persist ? persist(stage, plane) : Promise.resolve(plane);
}

/**
 * `fn` on the window plus its halo, cropped back to the window (mapOverlap for any window:
 * haloWindow keeps enough rows at the plane's edges for the kernel's own border mode). `fn`
 * may run elsewhere (a worker: TileWork.closing) and resolve later.
 */
export function overlapPlane<O extends TypedArray>(
  plane: TiledPlane,
  fn: (src: TypedArray, ny: number, nx: number) => O | Promise<O>,
  halo: Halo,
  mode?: BorderMode,
): TiledPlane<O> {
  if (parseBorderMode(mode, "overlapPlane") === "wrap") {
    throw new RangeError(
      "overlapPlane: mode wrap reads the far side of the plane at its edges; it cannot be tiled",
    );
  }
  const { ny, nx } = plane;
  return {
    ny,
    nx,
    async read(y0, y1, x0, x1) {
      const w = haloWindow({ y0, y1, x0, x1 }, halo, ny, nx);
      const wx = w.x1 - w.x0;
      const out = await fn(await readBox(plane, w), w.y1 - w.y0, wx);
      return cropPlane(out, wx, { y0: y0 - w.y0, y1: y1 - w.y0, x0: x0 - w.x0, x1: x1 - w.x0 });
    },
  };
}

/** A pixel-wise function of the same window of several planes. */
export function zipPlanes<O extends TypedArray>(
  planes: readonly TiledPlane[],
  fn: (windows: TypedArray[], n: number) => O,
): TiledPlane<O> {
  const [first] = planes;
  for (const p of planes) {
    if (p.ny !== first.ny || p.nx !== first.nx) {
      throw new RangeError(
        `tiled planes differ in size: ${p.ny} × ${p.nx} and ${first.ny} × ${first.nx}`,
      );
    }
  }
  return {
    ny: first.ny,
    nx: first.nx,
    async read(y0, y1, x0, x1) {
      const b: Box = { y0, y1, x0, x1 };
      const windows = await Promise.all(planes.map((p) => readBox(p, b)));
      return fn(windows, (y1 - y0) * (x1 - x0));
    },
  };
}

// ---- numpy elementwise expressions, built as DataArray builds them (array/elementwise.ts) --

/** A leaf of an expression: input `index`, stored as `dtype` (bool for masks). */
export const leaf = (index: number, dtype: DType): Expr => ({ op: "leaf", index, dtype });

/**
 * `a <fn> b` with numpy's promotion, as DataArray's binary operations do (`force`: the
 * dtype DataArray forces, e.g. clip's own dtype).
 */
export function binary(fn: BinaryOp, a: Expr, b: Expr | number, force?: DType): Expr {
  const other: Expr =
    typeof b === "number" ? { op: "const", value: b, dtype: dtypeWithScalar(a.dtype, b) } : b;
  let compute = force ?? promote(a.dtype, other.dtype);
  if (fn === "div" && compute !== "float32" && compute !== "float64") compute = "float64";
  if (fn === "pow" && compute === "bool") compute = "int32";
  const dtype: DType = COMPARISONS.has(fn) || fn === "and" || fn === "or" ? "bool" : compute;
  return { op: "binary", fn, a: retype(a, compute), b: retype(other, compute), dtype };
}

/** `astype(dtype)`. */
export function cast(x: Expr, dtype: DType): Expr {
  return x.dtype === dtype ? x : { op: "cast", x, dtype };
}

/** `np.abs`. */
export function abs(x: Expr): Expr {
  const dtype = x.dtype === "bool" ? "int32" : x.dtype;
  return { op: "unary", fn: "abs", x: retype(x, dtype), dtype };
}

/** `np.where(cond, a, b)` with a number b. */
export function where(cond: Expr, a: Expr, b: number): Expr {
  const dtype = promote(a.dtype, dtypeWithScalar(a.dtype, b));
  return {
    op: "where",
    cond,
    a: retype(a, dtype),
    b: retype({ op: "const", value: b, dtype: "float64" }, dtype),
    dtype,
  };
}

/**
 * The expression built by `build` from the planes' leaves (typed by each window's array,
 * or by `dtypes[i]` when given, e.g. "bool" for a 0/1 mask), computed per window by the
 * engine's own compiled loop.
 */
export function exprPlane(
  planes: readonly TiledPlane[],
  build: (leaves: Expr[]) => Expr,
  dtypes: readonly (DType | undefined)[] = [],
): TiledPlane {
  const scalar = planes.map(() => false);
  return zipPlanes(planes, (windows, n) => {
    const expr = build(windows.map((w, i) => leaf(i, dtypes[i] ?? dtypeOf(w))));
    const out = allocate(expr.dtype, n, false);
    compileExpr(expr, scalar)(windows, out, n);
    return out;
  });
}

/**
 * `plane` with its last `capacity` tiles kept (least recently used dropped): a window read
 * is pasted from the tiles under it, each computed once while it stays cached. Halo'd reads
 * of a stage in raster order touch the tile-rows above and below, so about two tile-rows of
 * capacity spare most recomputation at a bounded cost (capacity × tile values).
 */
export function cachedPlane<T extends TypedArray>(
  plane: TiledPlane<T>,
  tiles: TileShape,
  capacity: number,
): TiledPlane<T> {
  const { ny, nx } = plane;
  const cache = new Map<number, Promise<T>>();
  const tileAt = (ty: number, tx: number): Promise<T> => {
    const key = ty * nx + tx;
    let t = cache.get(key);
    if (t) cache.delete(key);
    else {
      const box = {
        y0: ty * tiles.tileY,
        y1: Math.min(ny, (ty + 1) * tiles.tileY),
        x0: tx * tiles.tileX,
        x1: Math.min(nx, (tx + 1) * tiles.tileX),
      };
      t = readBox(plane, box);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value as number);
    }
    cache.set(key, t);
    return t;
  };
  return {
    ny,
    nx,
    async read(y0, y1, x0, x1) {
      let out: T | undefined;
      const w = x1 - x0;
      for (let ty = Math.floor(y0 / tiles.tileY); ty * tiles.tileY < y1; ty++) {
        for (let tx = Math.floor(x0 / tiles.tileX); tx * tiles.tileX < x1; tx++) {
          const data = await tileAt(ty, tx);
          out ??= new (data.constructor as new (n: number) => T)((y1 - y0) * w);
          const by0 = ty * tiles.tileY;
          const bx0 = tx * tiles.tileX;
          const tw = Math.min(nx, bx0 + tiles.tileX) - bx0;
          const ya = Math.max(y0, by0);
          const yb = Math.min(y1, by0 + tiles.tileY);
          const xa = Math.max(x0, bx0);
          const xb = Math.min(x1, bx0 + tw);
          for (let y = ya; y < yb; y++) {
            const from = (y - by0) * tw;
            out.set(data.subarray(from + xa - bx0, from + xb - bx0), (y - y0) * w + xa - x0);
          }
        }
      }
      return out ?? ((await plane.read(y0, y1, x0, x1)) as T);
    },
  };
}
