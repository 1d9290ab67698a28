/** Loads the Python nima reference cases in ../shared/reference (see its README). */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { type Block, parseNpy } from "@nima-ts/core";

const here = dirname(fileURLToPath(import.meta.url));
/** The reference folder: NIMA_REFERENCE, else ../shared/reference beside the checkout. */
export const REFERENCE_DIR = resolve(
  process.env.NIMA_REFERENCE ?? join(here, "..", "..", "..", "shared", "reference"),
);

export function referenceCases(): string[] {
  if (!existsSync(REFERENCE_DIR)) {
    throw new Error(
      `reference data not found at ${REFERENCE_DIR}: put shared/ beside the checkout or set NIMA_REFERENCE`,
    );
  }
  return readdirSync(REFERENCE_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(REFERENCE_DIR, e.name, "manifest.json")))
    .map((e) => e.name)
    .sort();
}

export function refPath(caseName: string, file: string): string {
  return join(REFERENCE_DIR, caseName, file);
}

export function hasRef(caseName: string, file: string): boolean {
  return existsSync(refPath(caseName, file));
}

const cache = new Map<string, Block>();
/** A `.npy.gz` array of a case, e.g. `loadNpy("a_separated_512", "plane/median.npy.gz")`. */
export function loadNpy(caseName: string, file: string): Block {
  const path = refPath(caseName, file);
  let block = cache.get(path);
  if (!block) {
    block = parseNpy(gunzipSync(readFileSync(path)), path);
    cache.set(path, block);
  }
  return block;
}

export function loadJson<T = unknown>(caseName: string, file: string): T {
  return JSON.parse(readFileSync(refPath(caseName, file), "utf8")) as T;
}

/** Plane `index` (over leading dims) of a block with trailing Y, X. */
export function planeOf(block: Block, ...index: number[]): Block {
  const ny = block.shape[block.shape.length - 2];
  const nx = block.shape[block.shape.length - 1];
  const lead = block.shape.slice(0, block.shape.length - 2);
  let offset = 0;
  for (let i = 0; i < lead.length; i++) offset = offset * lead[i] + (index[i] ?? 0);
  const start = offset * ny * nx;
  return { data: block.data.subarray(start, start + ny * nx), shape: [ny, nx], dtype: block.dtype };
}
