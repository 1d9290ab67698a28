/**
 * The huge-plane pipeline as a user writes it with the lazy nima API, on a (C, Y, X) zarr:
 *
 *   im     = readImage(path, { chunks: "stored" })   // its Y/X tiles; whole planes without
 *   image  = nima.bg(nima.median(im), { kind: "li_li" }).image
 *   labels = nima.segment(image, { channels: G, R, minSize })
 *   tables = nima.measure(image, labels, { channels: G, R }, { memoryBudget })
 *
 * The same code runs tiled (planes larger than memory: streamed passes, stages in tile
 * stores) and whole (one task per plane), so their tables must be the same text.
 * li_li is nima's background method with streamed thresholds; arcsinh's percentile filter
 * (the default) is tile-exact too but runs in this thread when tiled (see README).
 */
import { createHash } from "node:crypto";
import { nima, readImage } from "@nima-ts/core";

export const CHANNELS = ["G", "R"] as const;

export interface PipelineOptions {
  /** Read the image in its stored Y/X chunks (tiled) or in whole planes. */
  tiled: boolean;
  /** nima.segment's minSize. */
  minSize: number;
  /** nima.segment's thresholdMethod (default "yen"). */
  thresholdMethod?: nima.ThresholdMethod;
  /** The engine's memoryBudget for the compute (bytes); the engine's default if absent. */
  memoryBudget?: number;
}

export interface PipelineResult {
  /** Number of labels measured. */
  count: number;
  /**
   * SHA-256 of every label's table as nima's labelN.csv text, ascending ids: equal digests,
   * equal tables (a digest, not the text: 689k cells' CSV would weigh on the peak RSS measured).
   */
  digest: string;
}

export async function nimaPipeline(
  path: string,
  options: PipelineOptions,
): Promise<PipelineResult> {
  const { tiled, minSize, memoryBudget, thresholdMethod = "yen" } = options;
  const im = await readImage(path, tiled ? { chunks: "stored" } : {});
  const { image } = nima.bg(nima.median(im), { kind: "li_li" });
  const channels = [...CHANNELS];
  const labels = nima.segment(image, { channels, minSize, thresholdMethod });
  const tables = await nima.measure(
    image,
    labels,
    { channels, channelsCl: ["G", "R"], channelsPh: ["R", "G"], ratiosFromImage: false },
    { memoryBudget },
  );
  const hash = createHash("sha256");
  for (const [id, table] of tables) hash.update(`label ${id}\n${table.toCSV()}`);
  return { count: tables.size, digest: hash.digest("hex") };
}
