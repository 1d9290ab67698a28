/**
 * `io.read_chunk`: one chunk of a lazy image, i.e. the planes (t, c, z) in a T/C/Z box, read
 * with `io.read_plane` and laid out as a TCZYX block. With the default chunking a chunk is one
 * plane and no copy is made.
 */
import type { Block } from "../array/block.js";
import { emptyBlock } from "../array/block.js";
import type { DType } from "../array/dtype.js";
import { getKernel, type Kernel } from "../kernels/registry.js";
import { READ_PLANE } from "./kernels.js";
import type { ReopenParams } from "./open.js";
import type { PlaneWindow } from "./source.js";

export const READ_CHUNK = "io.read_chunk";

export interface ReadChunkParams {
  image: ReopenParams;
  /** First (t, c, z) of the chunk. */
  start: [number, number, number];
  /** Chunk shape (nt, nc, nz, Y, X). */
  shape: [number, number, number, number, number];
  /** The chunk's window of each plane, when Y/X are chunked. */
  window?: PlaneWindow;
  dtype: DType;
}

const readChunk: Kernel = async (_inputs, params, destination) => {
  const { image, start, shape, dtype, window } = params as unknown as ReadChunkParams;
  const readPlane = await getKernel(READ_PLANE);
  const [nt, nc, nz, ny, nx] = shape;
  const planeSize = ny * nx;
  const out =
    destination?.dtype === dtype && destination.data.length === nt * nc * nz * planeSize
      ? { ...destination, shape: [...shape] }
      : undefined;
  // Each plane is decoded straight into its place in the destination when there is one.
  const read = (t: number, c: number, z: number, into?: Block) =>
    readPlane(
      [],
      { ...image, t: start[0] + t, c: start[1] + c, z: start[2] + z, window },
      into,
    ) as Promise<Block>;
  if (nt * nc * nz === 1) {
    const plane = await read(0, 0, 0, out);
    return { data: plane.data, shape: [...shape], dtype: plane.dtype };
  }
  const block = out ?? emptyBlock(dtype, [...shape]);
  let offset = 0;
  for (let t = 0; t < nt; t++) {
    for (let c = 0; c < nc; c++) {
      for (let z = 0; z < nz; z++) {
        const into = block.data.subarray(offset, offset + planeSize);
        const plane = await read(t, c, z, { data: into, shape: [ny, nx], dtype });
        if (plane.data !== into) into.set(plane.data);
        offset += planeSize;
      }
    }
  }
  return block;
};

export const kernels: Record<string, Kernel> = { [READ_CHUNK]: readChunk };
