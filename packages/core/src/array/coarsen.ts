/** Windowed reductions over dims, as xarray's `coarsen(...).mean()`. */
import { type LazyArray, TaskArray } from "../graph/lazy.js";
import type { ReduceOp } from "../kernels/array/reduce.js";
import type { DataArray, Labels } from "./data-array.js";
import { checkDim, ShapeError } from "./errors.js";

/** Windowed reductions (see DataArray.coarsen). */
export class Coarsen {
  constructor(
    private readonly array: DataArray,
    private readonly windows: Record<string, number>,
    boundary: "trim" | "exact",
    /** Wraps a result as a DataArray (passed in, so this module needs only its type). */
    private readonly wrap: (lazy: LazyArray, labels: Partial<Labels>) => DataArray,
  ) {
    for (const [dim, w] of Object.entries(windows)) {
      const i = checkDim(array.dims, dim);
      if (!Number.isInteger(w) || w < 1)
        throw new ShapeError(
          `coarsen window for dim "${dim}" must be a positive integer, got ${w}`,
        );
      if (boundary === "exact" && array.shape[i] % w !== 0) {
        throw new ShapeError(
          `coarsen: dim "${dim}" of size ${array.shape[i]} is not a multiple of window ${w}; use boundary "trim"`,
        );
      }
    }
  }

  mean(): DataArray {
    return this.reduce("mean");
  }
  sum(): DataArray {
    return this.reduce("sum");
  }
  min(): DataArray {
    return this.reduce("min");
  }
  max(): DataArray {
    return this.reduce("max");
  }
  median(): DataArray {
    return this.reduce("median");
  }

  private reduce(op: ReduceOp): DataArray {
    const { array, windows } = this;
    const trimmed = array.isel(
      Object.fromEntries(
        Object.entries(windows).map(([d, w]) => [d, { stop: Math.floor(array.sizes[d] / w) * w }]),
      ),
    );
    // Every chunk holds whole windows, so each chunk coarsens alone: one window per chunk
    // along T/C/Z; Y/X tiles rounded down to a multiple of the window (whole planes stay).
    const source = trimmed.rechunk(
      Object.fromEntries(
        Object.entries(windows).map(([d, w]) => {
          if (d !== "Y" && d !== "X") return [d, w];
          const c = trimmed.chunks[d];
          return [d, c >= trimmed.sizes[d] ? -1 : Math.max(w, Math.floor(c / w) * w)];
        }),
      ),
    ).lazy;
    const factors = source.dims.map((d) => windows[d] ?? 1);
    const shape = source.shape.map((s, i) => s / factors[i]);
    const chunks = source.chunks.map((c, i) => c / factors[i]);
    const dtype = op === "min" || op === "max" ? array.dtype : "float64";
    const lazy = new TaskArray(source.dims, shape, dtype, chunks, "coarsen", (index) => ({
      kernel: "coarsen",
      params: { op, windows: factors, dtype },
      inputs: [{ array: source, index: [...index] }],
    }));
    const coords = Object.fromEntries(
      Object.entries(trimmed.coords).filter(([d]) => !(d in windows)),
    );
    return this.wrap(lazy, { ...trimmed.labels(), coords });
  }
}
