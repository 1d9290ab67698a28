/**
 * Limits checked before allocating what a header asks for: a hostile or damaged file can
 * claim 2³¹ × 2 pixels or 715 827 882 time points in a few bytes, and Node dies (heap out of
 * memory, or a fatal "invalid size") instead of throwing. `maxBytes` caps one plane or chunk
 * (what a reader allocates at once) and any image read whole into memory.
 */
import { ImageLimitError } from "./errors.js";
import { isNode } from "./source.js";

/** Default cap: a quarter of the machine's memory, at most 2 GiB (V8's typed-array sweet spot). */
export function defaultMaxBytes(): number {
  const env = isNode ? process.env.NIMA_MAX_BYTES : undefined;
  if (env !== undefined && env !== "") {
    const value = Number(env);
    if (Number.isSafeInteger(value) && value > 0) return value;
    throw new RangeError(`NIMA_MAX_BYTES="${env}" is not a positive integer number of bytes`);
  }
  const os = isNode
    ? (process.getBuiltinModule?.("node:os") as { totalmem?: () => number } | undefined)
    : undefined;
  const total = os?.totalmem?.() ?? 8 * 2 ** 30;
  return Math.min(2 * 2 ** 30, Math.floor(total / 4));
}

/** `maxBytes` as given (checked), else the default. */
export function resolveMaxBytes(maxBytes: number | undefined): number {
  if (maxBytes === undefined) return defaultMaxBytes();
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new RangeError(`maxBytes must be a positive integer, got ${maxBytes}`);
  }
  return maxBytes;
}

/** Human size: "2.0 GiB". */
export function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Throws an ImageLimitError naming `source` and `field` when `bytes` (e.g. one plane:
 * width × height × bytes per sample) exceeds `maxBytes` or is not a safe integer.
 */
export function checkBytes(source: string, field: string, bytes: number, maxBytes: number): void {
  if (!Number.isSafeInteger(bytes) || bytes > maxBytes) {
    throw new ImageLimitError(
      source,
      `${field} needs ${Number.isFinite(bytes) ? formatBytes(bytes) : "an unbounded size"}, more than the ${formatBytes(maxBytes)} limit (raise it with the maxBytes option or NIMA_MAX_BYTES)`,
    );
  }
}

/** Throws an ImageLimitError unless `value` is a safe integer in [min, max]. */
export function checkCount(
  source: string,
  field: string,
  value: number,
  min: number,
  max: number,
  why: string,
): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new ImageLimitError(source, `${field}=${value} is out of range (${min}..${max}: ${why})`);
  }
}
