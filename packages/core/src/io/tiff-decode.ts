/**
 * Decoding a TIFF page's strips or tiles with a check geotiff does not make: every decoded
 * block must hold the bytes its geometry needs. A truncated strip, or garbage in a zstd,
 * deflate, LZW or PackBits stream, decoded to a short block that geotiff read as zeros;
 * here it is an error naming the page.
 */
import type { GeoTIFFImage } from "geotiff";
import { getDecoder } from "geotiff";
import { ImageFormatError } from "./errors.js";

interface DecoderParameters {
  tileWidth: number;
  tileHeight: number;
  [key: string]: unknown;
}

/** A stand-in for geotiff's worker Pool (`readRasters({ pool })`) that decodes in this thread. */
export function checkedDecoding(image: GeoTIFFImage, name: string, page: number) {
  const width = image.getWidth();
  const height = image.getHeight();
  const planar = image.planarConfiguration === 2;
  const bytesPerPixel = planar ? image.getSampleByteSize(0) : image.getBytesPerPixel();
  return {
    bindParameters(compression: number, parameters: DecoderParameters) {
      const blockWidth = image.isTiled ? parameters.tileWidth : width;
      const rows = image.isTiled ? parameters.tileHeight : Math.min(parameters.tileHeight, height);
      // The last strip of a page may hold fewer rows than RowsPerStrip.
      const lastRows = image.isTiled ? rows : height - rows * (Math.ceil(height / rows) - 1);
      const least = blockWidth * Math.min(rows, lastRows) * bytesPerPixel;
      // Some writers pad blocks; far more than a block is a decoder reading garbage (zstd
      // on random bytes returned its whole WebAssembly heap).
      const most = 2 * blockWidth * rows * bytesPerPixel + 4096;
      return {
        async decode(buffer: ArrayBuffer): Promise<ArrayBuffer> {
          let decoded: ArrayBufferLike;
          try {
            const decoder = await getDecoder(compression, parameters as never);
            decoded = await decoder.decode(buffer);
          } catch (cause) {
            const message = cause instanceof Error ? cause.message : String(cause);
            throw new ImageFormatError(
              name,
              `page ${page}: ${compressionName(compression)} data cannot be decoded (${message})`,
              { cause },
            );
          }
          const length = decoded?.byteLength ?? 0;
          if (length < least || length > most) {
            throw new ImageFormatError(
              name,
              `page ${page}: a ${compressionName(compression)} block decodes to ${length} bytes, ${least === most ? least : `${least} to ${blockWidth * rows * bytesPerPixel}`} expected (truncated or corrupt data)`,
            );
          }
          return decoded as ArrayBuffer;
        },
      };
    },
  };
}

const COMPRESSIONS: Record<number, string> = {
  1: "uncompressed",
  5: "LZW",
  6: "old-style JPEG",
  7: "JPEG",
  8: "deflate",
  32773: "PackBits",
  32946: "deflate",
  34887: "LERC",
  50000: "zstd",
  50001: "WebP",
};

function compressionName(code: number): string {
  return COMPRESSIONS[code] ?? `compression ${code}`;
}
