/**
 * The byte source geotiff reads a local file or an in-memory TIFF through. geotiff's own file
 * source zero-pads reads past the end of the file, so a strip pointing beyond the end decoded
 * as plausible zeros. Here a read that starts beyond the end throws, naming the file, and one
 * that runs over it returns only the bytes that exist (geotiff reads IFDs speculatively in
 * 1 KiB slices, which may run over the end of a small file); decoders then see a short block,
 * which `checkedDecoders` refuses.
 */
import { ImageFormatError } from "./errors.js";

interface Slice {
  offset: number;
  length: number;
}

type ReadAt = (offset: number, length: number) => Promise<ArrayBuffer>;

/** A geotiff `BaseSource`-compatible source over `size` bytes read by `readAt`. */
export class BoundedSource {
  constructor(
    private readonly name: string,
    readonly size: number,
    private readonly readAt: ReadAt,
    private readonly onClose: () => Promise<void> = async () => {},
  ) {}

  async fetch(slices: Slice[], signal?: AbortSignal): Promise<ArrayBuffer[]> {
    const out: ArrayBuffer[] = [];
    for (const { offset, length } of slices) {
      signal?.throwIfAborted();
      if (!Number.isSafeInteger(offset) || offset < 0 || offset >= this.size) {
        throw new ImageFormatError(
          this.name,
          `offset ${offset} points beyond the end of the file (${this.size} bytes)`,
        );
      }
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new ImageFormatError(this.name, `invalid byte count ${length} at offset ${offset}`);
      }
      out.push(await this.readAt(offset, Math.min(length, this.size - offset)));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.onClose();
  }
}

/** A bounded source over bytes in memory. */
export function bufferSource(name: string, buffer: ArrayBuffer): BoundedSource {
  return new BoundedSource(name, buffer.byteLength, async (offset, length) =>
    buffer.slice(offset, offset + length),
  );
}

/** A bounded source over a local file (Node); `size` is its length from stat. */
export async function fileSource(path: string, size: number): Promise<BoundedSource> {
  const { open } = await import("node:fs/promises");
  const handle = await open(path, "r");
  return new BoundedSource(
    path,
    size,
    async (offset, length) => {
      const bytes = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const { bytesRead } = await handle.read(bytes, done, length - done, offset + done);
        if (bytesRead === 0) break;
        done += bytesRead;
      }
      if (done < length) {
        throw new ImageFormatError(
          path,
          `file shrank while reading (${done} of ${length} bytes at offset ${offset})`,
        );
      }
      return bytes.buffer;
    },
    () => handle.close(),
  );
}
