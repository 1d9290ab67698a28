/** Kernels that move values without computing: reshape (a view), transpose, take. */
import type { Block } from "../../array/block.js";
import { emptyBlock, sizeOf, stridesOf } from "../../array/block.js";

/** Same data, new shape (C order unchanged): no copy. */
export function reshapeKernel([input]: Block[], params: Record<string, unknown>): Block {
  const shape = params.shape as number[];
  if (sizeOf(shape) !== input.data.length) {
    throw new RangeError(`cannot reshape ${input.data.length} values to [${shape}]`);
  }
  return { data: input.data, shape, dtype: input.dtype };
}

/** Permutes axes: output axis i is input axis perm[i]. */
export function transposeKernel([input]: Block[], params: Record<string, unknown>): Block {
  const perm = params.perm as number[];
  const outShape = perm.map((p) => input.shape[p]);
  const out = emptyBlock(input.dtype, outShape);
  const inStrides = stridesOf(input.shape);
  const strides = perm.map((p) => inStrides[p]);
  const rank = outShape.length;
  const index = new Array<number>(rank).fill(0);
  const n = out.data.length;
  for (let o = 0; o < n; o++) {
    let src = 0;
    for (let d = 0; d < rank; d++) src += index[d] * strides[d];
    out.data[o] = input.data[src];
    for (let d = rank - 1; d >= 0; d--) {
      if (++index[d] < outShape[d]) break;
      index[d] = 0;
    }
  }
  return out;
}

export interface TakeParams {
  /** For every output dim, the source coordinates (global indices) it takes, in order. */
  select: number[][];
  /** The source array's chunk sizes. */
  sourceChunks: number[];
  /** Grid index of each input block, in input order. */
  inputGrid: number[][];
  /** Output block shape (dims dropped by integer selection are absent). */
  shape: number[];
}

/**
 * Gathers an output block from the source chunks it touches (isel/sel/rechunk). `select`
 * has one list per source dim; the output shape drops dims selected by an integer.
 */
export function takeKernel(inputs: Block[], params: Record<string, unknown>): Block {
  const { select, sourceChunks, inputGrid, shape } = params as unknown as TakeParams;
  const out = emptyBlock(inputs[0].dtype, shape);
  const rank = select.length;
  if (rank === 0 || out.data.length === 0) {
    if (rank === 0) out.data[0] = inputs[0].data[0];
    return out;
  }
  const lookup = new Map(inputGrid.map((g, i) => [g.join(","), i]));
  const strides = inputs.map((b) => stridesOf(b.shape));
  // Per dim and output position: the source chunk and the coordinate inside it.
  const chunkOf = select.map((s, d) => s.map((v) => Math.floor(v / sourceChunks[d])));
  const within = select.map((s, d) => s.map((v, i) => v - chunkOf[d][i] * sourceChunks[d]));
  // The last dim in runs of consecutive coordinates inside one chunk: each run of a row is
  // one copy (a tile row from a plane, a window of a chunk), not a lookup per element.
  const last = rank - 1;
  const runs: { start: number; length: number; chunk: number; from: number }[] = [];
  for (let i = 0; i < select[last].length; i++) {
    const run = runs[runs.length - 1];
    const chunk = chunkOf[last][i];
    const from = within[last][i];
    if (
      run &&
      run.chunk === chunk &&
      run.from + run.length === from &&
      run.start + run.length === i
    ) {
      run.length++;
    } else {
      runs.push({ start: i, length: 1, chunk, from });
    }
  }
  const sizes = select.map((s) => s.length);
  const index = new Array<number>(rank).fill(0);
  const grid = new Array<number>(rank);
  const rowLength = sizes[last];
  const rows = out.data.length / rowLength;
  for (let r = 0; r < rows; r++) {
    let base = 0;
    const blockOf = new Map<number, { which: number; base: number }>();
    for (let d = 0; d < last; d++) grid[d] = chunkOf[d][index[d]];
    for (const run of runs) {
      let at = blockOf.get(run.chunk);
      if (!at) {
        grid[last] = run.chunk;
        const which = lookup.get(grid.join(","))!;
        const st = strides[which];
        base = 0;
        for (let d = 0; d < last; d++) base += within[d][index[d]] * st[d];
        at = { which, base };
        blockOf.set(run.chunk, at);
      }
      const src = at.base + run.from * strides[at.which][last];
      const o = r * rowLength + run.start;
      const data = inputs[at.which].data;
      if (strides[at.which][last] === 1) {
        out.data.set(data.subarray(src, src + run.length), o);
      } else {
        const step = strides[at.which][last];
        for (let k = 0; k < run.length; k++) out.data[o + k] = data[src + k * step];
      }
    }
    for (let d = last - 1; d >= 0; d--) {
      if (++index[d] < sizes[d]) break;
      index[d] = 0;
    }
  }
  return out;
}
