/**
 * Tiles back in raster (row-major) order: numpy's sums depend on the order values come in,
 * so a streamed sum must see the plane row by row. The tiles of one tile-row are held until
 * the row is complete (memory: one band of tileY × nx values), then their rows are emitted.
 */
import type { TypedArray } from "../array/dtype.js";
import { NUMPY_BUFSIZE, pairwiseSum } from "../kernels/stats/pairwise.js";
import type { Tile } from "./tiles.js";

/** Calls `onRow(data, start, n)` for every plane row, pieced from its tiles, top to bottom. */
export async function forEachRasterRun<T extends TypedArray>(
  tiles: AsyncIterable<Tile<T>>,
  nx: number,
  onRun: (data: T, start: number, n: number) => void,
): Promise<void> {
  let band: Tile<T>[] = [];
  for await (const t of tiles) {
    band.push(t);
    if (t.x1 < nx) continue;
    for (let y = t.y0; y < t.y1; y++) {
      for (const b of band) {
        const w = b.x1 - b.x0;
        onRun(b.data, (y - b.y0) * w, w);
      }
    }
    band = [];
  }
  if (band.length) throw new RangeError("forEachRasterRun: the last tile-row never reached x = nx");
}

/**
 * `np.sum` of float64 values pushed in order: numpy adds buffers of 8192 values, each by
 * pairwise summation, from left to right (stats/pairwise.ts), so this gives its bits.
 */
export class StreamedSum {
  private buffer = new Float64Array(NUMPY_BUFSIZE);
  private filled = 0;
  private total = 0;
  count = 0;

  push(values: ArrayLike<number>, start = 0, n = values.length - start): void {
    for (let i = 0; i < n; i++) {
      this.buffer[this.filled++] = values[start + i];
      if (this.filled === NUMPY_BUFSIZE) this.flush();
    }
    this.count += n;
  }

  pushOne(v: number): void {
    this.buffer[this.filled++] = v;
    if (this.filled === NUMPY_BUFSIZE) this.flush();
    this.count++;
  }

  private flush(): void {
    this.total += pairwiseSum(this.buffer, 0, this.filled);
    this.filled = 0;
  }

  /** The sum so far (what np.sum of the values pushed gives). */
  value(): number {
    return this.filled ? this.total + pairwiseSum(this.buffer, 0, this.filled) : this.total;
  }
}
