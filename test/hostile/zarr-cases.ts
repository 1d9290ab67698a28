/**
 * Bad zarr v2/v3 and OME-Zarr inputs: impossible shapes and chunk shapes, truncated or
 * garbage chunks, missing chunks with and without a fill value, and keys that try to leave
 * the store through every path component (chunk-key separator, array path, OME dataset path).
 * Each store sits beside a `secret` array the store must never reach.
 */
import { join } from "node:path";
import { randomBytes, writeTree, type ZarrSpec, zarrV2, zarrV3 } from "./build.js";
import type { Case } from "./cases.js";

const err = (error: string, message: RegExp) => ({ error, message });

/** A case reading the store written by `files` (relative to the store folder). */
function store(
  name: string,
  files: Record<string, Uint8Array | object>,
  expect: Case["expect"],
  options: Record<string, unknown> = {},
): Case {
  return {
    name,
    build: (dir) => {
      const root = join(dir, name.replace(/[^\w.-]+/g, "_"));
      // What a traversal would reach: <dir>/<case>/secret, outside the store <case>/in.zarr.
      writeTree(
        join(root, "secret"),
        zarrV3({
          shape: [1, 2, 2],
          chunks: [1, 2, 2],
          chunkFiles: { "c/0/0/0": Uint8Array.of(66, 66, 66, 66) },
        }),
      );
      writeTree(join(root, "secret", "0"), { "0": Uint8Array.of(66, 66, 66, 66) });
      const path = join(root, "in.zarr");
      writeTree(path, files);
      return path;
    },
    options,
    expect,
  };
}

const ramp = (n: number, start = 0) => Uint8Array.from({ length: n }, (_, i) => (start + i) % 256);
const v3 = (spec: Partial<ZarrSpec>) => zarrV3({ shape: [2, 3, 4], chunks: [1, 3, 4], ...spec });

export function zarrCases(): Case[] {
  const good = { "c/0/0/0": ramp(12), "c/1/0/0": ramp(12, 12) };
  return [
    store("zarr v3 valid", v3({ chunkFiles: good }), {
      shape: [2, 1, 1, 3, 4],
      values: Array.from(ramp(24)),
    }),
    store(
      "zarr shape -1",
      v3({ shape: [-1, 3, 4] }),
      err("ImageFormatError", /shape\[0\]=-1 is not a positive integer|invalid zarr metadata/),
    ),
    store(
      "zarr shape 0",
      v3({ shape: [0, 3, 4] }),
      err("ImageFormatError", /shape\[0\]=0 is not a positive integer/),
    ),
    store(
      "zarr shape 2^31 plane",
      v3({ shape: [1, 2 ** 31, 2], chunks: [1, 1, 2] }),
      err("ImageLimitError", /one YX plane needs .* more than the .* limit/),
    ),
    store(
      "zarr shape 2^63",
      v3({ shape: [1, 2 ** 63, 4], chunks: [1, 1, 4] }),
      err("ImageFormatError", /shape\[1\]=9223372036854776000 is not a positive integer/),
    ),
    store(
      "zarr chunk shape 0",
      v3({ chunks: [1, 0, 4] }),
      err("ImageFormatError", /chunk shape\[1\]=0 is not a positive integer/),
    ),
    store(
      "zarr chunk shape -1",
      v3({ chunks: [1, -1, 4] }),
      err(
        "ImageFormatError",
        /chunk shape\[1\]=-1 is not a positive integer|invalid zarr metadata/,
      ),
    ),
    store(
      "zarr chunk 2^20 x 2^20",
      v3({ shape: [1, 2 ** 20, 2 ** 20], chunks: [1, 2 ** 20, 2 ** 20] }),
      err("ImageLimitError", /chunk needs .* more than the .* limit/),
    ),
    store(
      "zarr truncated chunk",
      v3({ chunkFiles: { "c/0/0/0": ramp(12), "c/1/0/0": ramp(7) } }),
      err("ImageFormatError", /chunk ".*c\/1\/0\/0" decodes to 7 elements, 12 expected/),
    ),
    store(
      "zarr chunk too long",
      v3({ chunkFiles: { "c/0/0/0": ramp(12), "c/1/0/0": ramp(20) } }),
      err("ImageFormatError", /chunk ".*c\/1\/0\/0" decodes to 20 elements, 12 expected/),
    ),
    store(
      "zarr zstd chunk garbage",
      v3({
        codecs: [
          { name: "bytes", configuration: { endian: "little" } },
          { name: "zstd", configuration: { level: 3, checksum: false } },
        ],
        chunkFiles: { "c/0/0/0": randomBytes(7, 40), "c/1/0/0": randomBytes(8, 40) },
      }),
      err("ImageFormatError", /chunk ".*c\/0\/0\/0" (cannot be decoded|decodes to)/),
    ),
    store(
      "zarr v2 zlib chunk garbage",
      zarrV2({
        shape: [2, 3, 4],
        chunks: [1, 3, 4],
        compressor: { id: "zlib", level: 1 },
        chunkFiles: { "0.0.0": randomBytes(9, 30), "1.0.0": randomBytes(10, 30) },
      }),
      err("ImageFormatError", /chunk ".*0\.0\.0" (cannot be decoded|decodes to)/),
    ),
    store(
      "zarr missing chunk uses fill_value",
      v3({ fill: 7, chunkFiles: { "c/0/0/0": ramp(12) } }),
      { shape: [2, 1, 1, 3, 4], values: [...Array.from(ramp(12)), ...new Array(12).fill(7)] },
    ),
    store(
      "zarr v2 missing chunk without fill_value",
      zarrV2({
        shape: [2, 3, 4],
        chunks: [1, 3, 4],
        fill: null,
        chunkFiles: { "0.0.0": ramp(12) },
      }),
      err("ImageFormatError", /chunk ".*1\.0\.0" is missing and the array has no fill_value/),
    ),
    store(
      "zarr separator escapes with %2F..",
      v3({ shape: [1, 2, 2], chunks: [1, 2, 2], separator: "%2F..%2F..%2Fsecret%2F" }),
      err("ImageFormatError", /chunk key separator|would leave the store/),
    ),
    store(
      "zarr separator /../",
      zarrV2({ shape: [1, 2, 2], chunks: [1, 2, 2], separator: "/../" }),
      err("ImageFormatError", /chunk key separator|would leave the store|invalid zarr metadata/),
    ),
    store(
      "zarr path option escapes",
      v3({ chunkFiles: good }),
      err("ImageFormatError", /would leave the store/),
      { path: "..%2F..%2Fsecret" },
    ),
    store(
      "OME-Zarr dataset path escapes",
      {
        "zarr.json": {
          zarr_format: 3,
          node_type: "group",
          attributes: {
            ome: {
              version: "0.5",
              multiscales: [
                {
                  axes: [
                    { name: "y", type: "space" },
                    { name: "x", type: "space" },
                  ],
                  datasets: [
                    {
                      path: "..%2F..%2Fsecret",
                      coordinateTransformations: [{ type: "scale", scale: [1, 1] }],
                    },
                  ],
                },
              ],
            },
          },
        },
      },
      err("ImageFormatError", /would leave the store/),
    ),
    store(
      "zarr metadata not JSON",
      { "zarr.json": new TextEncoder().encode("{ not json") },
      err("ImageFormatError", /invalid zarr metadata|no zarr array/),
    ),
    store(
      "zarr complex data type",
      v3({ dtype: "complex128" }),
      err("ImageFormatError|UnsupportedImageError", /complex128/),
    ),
    store(
      "zarr empty channel name in omero",
      v3({ chunkFiles: good }),
      err("CoordinateError", /channel name 1 of \(\) is empty|is empty/),
      { channels: [""] },
    ),
  ];
}
