/**
 * Tiles back in raster (row-major) order: numpy's sums depend on the order values come in,
 * so a streamed sum must see the plane row by row. The tiles of one tile-row are held until
 * the row is complete (memory: one band of tileY × nx values), then their rows are emitted.
 */
import type { TypedArray } from "../array/dtype.js";
import { NUMPY_BUFSIZE, pairwiseSum } from "../kernels/stats/pairwise.js";
import type { Tile } from "./tiles.js";

/**
 * Calls `onRun(data, start, n, tile, y)` for each tile's part of every plane row (values
 * data[start, start + n) of `tile`, plane row y), left to right, rows top to bottom.
 */
export async function forEachRasterRun<T extends TypedArray, U extends Tile<T> = Tile<T>>(
  tiles: AsyncIterable<U>,
  nx: number,
  onRun: (data: T, start: number, n: number, tile: U, y: number) => void,
): Promise<void> {
  let band: U[] = [];
  for await (const t of tiles) {
    band.push(t);
    if (t.x1 < nx) continue;
    for (let y = t.y0; y < t.y1; y++) {
      for (const b of band) {
        const w = b.x1 - b.x0;
        onRun(b.data, (y - b.y0) * w, w, b, y);
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
  private buffer: Float64Array;
  private filled = 0;
  private total = 0;
  count = 0;

  /**
   * `expected`: about how many values will come. The buffer starts that small (many sums
   * at once, one per region, stay light) and grows to numpy's 8192 if more arrive.
   */
  constructor(expected = 256) {
    this.buffer = new Float64Array(Math.max(8, Math.min(NUMPY_BUFSIZE, expected)));
  }

  push(values: ArrayLike<number>, start = 0, n = values.length - start): void {
    for (let i = 0; i < n; i++) this.pushOne(values[start + i]);
  }

  pushOne(v: number): void {
    if (this.filled === this.buffer.length) this.makeRoom();
    this.buffer[this.filled++] = v;
    this.count++;
  }

  /** A full buffer grows up to numpy's size; at that size it is summed and emptied. */
  private makeRoom(): void {
    if (this.buffer.length < NUMPY_BUFSIZE) {
      const grown = new Float64Array(Math.min(NUMPY_BUFSIZE, 2 * this.buffer.length));
      grown.set(this.buffer);
      this.buffer = grown;
      return;
    }
    this.total += pairwiseSum(this.buffer, 0, this.filled);
    this.filled = 0;
  }

  /** The sum so far (what np.sum of the values pushed gives). */
  value(): number {
    return this.filled ? this.total + pairwiseSum(this.buffer, 0, this.filled) : this.total;
  }
}
