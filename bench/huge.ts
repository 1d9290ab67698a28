/**
 * Section "huge" (issue 11): a synthetic stitched plane of size² × 2 channels uint16
 * (nima.generat.stitchedPlane) written tile by tile as a Y/X-chunked zarr, then the lazy
 * nima pipeline median → background → segment → measure on it read in its Y/X chunks
 * (huge-pipeline.ts) with memoryBudget 2 GiB: seconds, Mpx/s and the process's peak RSS
 * (worker threads included). Then the same code on a compare² plane read in whole planes
 * against its Y/X chunks in the same run: their ratio, and whether the tables are identical.
 *
 * Options: --size N (default 50000 for this section), --tile N (2048), --compare N (16384;
 * 0 skips the comparison), --min-size N (nima.segment's minSize, default 100), --threshold
 * yen|li (nima.segment's thresholdMethod, default li: on the 50000² plane yen's float32
 * criterion degenerates, whole or tiled, and its run measures no cells).
 */
import { statfsSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { nima, type tiled } from "@nima-ts/core";
import type { BenchContext, Row } from "./harness.js";
import { CHANNELS, nimaPipeline, type PipelineOptions } from "./huge-pipeline.js";
import { Scratch, writeTiles } from "./zarr-tiles.js";

const GiB = 2 ** 30;
export const HUGE_DEFAULT_SIZE = 50000;

/** Samples this process's RSS (worker threads share it) every 50 ms; `take` resets the peak. */
class PeakRss {
  private peak = 0;
  private readonly timer = setInterval(() => this.sample(), 50);
  private readonly start = performance.now();
  /** The highest RSS since the last progress line. */
  private recent = 0;
  private readonly progress: ReturnType<typeof setInterval>;

  /** Every `every` ms, `report` gets a progress line: elapsed time, recent and peak RSS. */
  constructor(report: (line: string) => void, every = 60_000) {
    this.progress = setInterval(() => {
      const elapsed = ((performance.now() - this.start) / 1000).toFixed(0);
      report(
        `  … ${elapsed} s: RSS up to ${gib(this.recent)} in the last ${every / 1000} s; load ${load()}`,
      );
      this.recent = 0;
    }, every);
  }

  sample(): void {
    const rss = process.memoryUsage().rss;
    this.peak = Math.max(this.peak, rss);
    this.recent = Math.max(this.recent, rss);
  }

  take(): number {
    this.sample();
    const peak = this.peak;
    this.peak = process.memoryUsage().rss;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
    clearInterval(this.progress);
  }
}

const load = () => loadavg()[0].toFixed(1);
const gib = (bytes: number) => `${(bytes / GiB).toFixed(2)} GiB`;

function row(name: string, seconds: number, note: string, baseline?: [string, number]): Row {
  return {
    name,
    seconds,
    baseline: baseline?.[0] ?? null,
    baseline_seconds: baseline?.[1] ?? null,
    ratio: baseline ? seconds / baseline[1] : null,
    note,
  };
}

/** Generates the plane tile by tile into `<dir>/raw-<size>.zarr`; returns its path. */
async function generate(size: number, tileShape: tiled.TileShape, dir: string, seed: number) {
  const gen = nima.generat.stitchedPlane({ ny: size, nx: size, seed, channels: CHANNELS });
  const path = join(dir, `raw-${size}.zarr`);
  const spec = { ny: size, nx: size, ...tileShape, channels: CHANNELS, dtype: "uint16" as const };
  await writeTiles(path, spec, (b) => gen.readChannels(b.y0, b.y1, b.x0, b.x1));
  return { path, cells: gen.countCells(0, size, 0, size) };
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function integerOption(name: string, fallback: number, min: number): number {
  const raw = option(name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`bench huge: ${name} must be an integer ≥ ${min}, got ${raw}`);
  }
  return v;
}

export async function hugeSection(ctx: BenchContext): Promise<Row[]> {
  const size = ctx.sizeGiven ? ctx.size : HUGE_DEFAULT_SIZE;
  // 2048² tiles: each worker's windows of the median → background → geometric-mean chain
  // (float64, a tile plus halo) are a quarter of 4096²'s; on 8192 × 50000 the peak RSS was
  // 1.71 GiB with 2048² tiles and 2.80 GiB with 4096², in about the same time.
  const tile = integerOption("--tile", 2048, 16);
  const compare = integerOption("--compare", 16384, 0);
  const minSize = integerOption("--min-size", 100, 1);
  const thresholdMethod = (option("--threshold") ?? "li") as nima.ThresholdMethod;
  if (!nima.THRESHOLD_METHODS.includes(thresholdMethod)) {
    throw new RangeError(
      `bench huge: --threshold must be one of ${nima.THRESHOLD_METHODS.join(", ")}, got ${thresholdMethod}`,
    );
  }
  const segment = { minSize, thresholdMethod };
  const tiles = { tileY: tile, tileX: tile };
  const memoryBudget = 2 * GiB;
  // Disk per pixel at the peak: the raw zarr (2 B a channel), then while measuring the
  // labels (4 B) and each channel's float64 corrected plane (8 B) in stage stores; the
  // segmentation's stages (float64 geometric mean, masks, labels) come and go before.
  const perPixel = CHANNELS.length * 2 + Math.max(4 + CHANNELS.length * 8, 8 + 4 + 3);
  const needed = Math.max(size, compare) ** 2 * perPixel + (compare ? compare ** 2 * 4 : 0);
  const free = (() => {
    const s = statfsSync(ctx.dir);
    return s.bavail * s.bsize;
  })();
  if (needed > free) {
    throw new RangeError(
      `bench huge: ${size}² needs about ${gib(needed)} of scratch disk in ${ctx.dir}, ${gib(free)} free`,
    );
  }
  // The bench folder itself: Ctrl-C removes it all (run.ts removes it after a normal end).
  const scratch = new Scratch(ctx.dir);
  // Stage stores of planes larger than 256 MiB go to temporary directories: here, in scratch.
  const tmpBefore = process.env.NIMA_TMPDIR;
  process.env.NIMA_TMPDIR = scratch.dir;
  const rows: Row[] = [];
  const log = (line: string) => {
    if (!ctx.json) console.error(line);
  };
  const rss = new PeakRss(log);
  try {
    const mpx = (size * size) / 1e6;
    log(`(huge: ${size}² × ${CHANNELS.length} channels, ${tile}² tiles, load ${load()})`);
    let t0 = performance.now();
    const huge = await generate(size, tiles, scratch.dir, 1);
    const genSeconds = (performance.now() - t0) / 1000;
    rows.push(
      row(
        `huge ${size}²×${CHANNELS.length}: generate ${huge.cells} cells → Y/X-chunked zarr`,
        genSeconds,
        `${((mpx * CHANNELS.length) / genSeconds).toFixed(1)} Mpx/s; peak RSS ${gib(rss.take())}; load ${load()}`,
      ),
    );
    t0 = performance.now();
    const result = await nimaPipeline(huge.path, { tiled: true, ...segment, memoryBudget });
    const total = (performance.now() - t0) / 1000;
    rows.push(
      row(
        `huge ${size}²×${CHANNELS.length}: nima median → bg → segment (${thresholdMethod}) → measure, ${tile}² tiles, memoryBudget 2 GiB`,
        total,
        `${(mpx / total).toFixed(1)} Mpx/s per channel plane; ${result.count} labels measured; peak RSS ${gib(rss.take())} (goal ≤ 3); load ${load()}`,
      ),
    );
    if (compare > 0) rows.push(...(await wholeVsTiled(compare, tiles, segment, scratch.dir, rss)));
  } finally {
    rss.stop();
    scratch.clear();
    if (tmpBefore === undefined) delete process.env.NIMA_TMPDIR;
    else process.env.NIMA_TMPDIR = tmpBefore;
  }
  return rows;
}

/** The pipeline on a compare² zarr in whole planes and in its tiles: their ratio and equality. */
async function wholeVsTiled(
  size: number,
  tiles: tiled.TileShape,
  segment: Pick<PipelineOptions, "minSize" | "thresholdMethod">,
  dir: string,
  rss: PeakRss,
): Promise<Row[]> {
  const { path } = await generate(size, tiles, dir, 2);
  rss.take();
  let t0 = performance.now();
  const tiledResult = await nimaPipeline(path, { tiled: true, ...segment, memoryBudget: 2 * GiB });
  const tiledSeconds = (performance.now() - t0) / 1000;
  const tiledRss = rss.take();
  t0 = performance.now();
  // Whole planes with the engine's default budget: whole float64 planes exceed 2 GiB.
  const whole = await nimaPipeline(path, { tiled: false, ...segment });
  const wholeSeconds = (performance.now() - t0) / 1000;
  const wholeRss = rss.take();
  const same = whole.digest === tiledResult.digest;
  return [
    row(
      `${size}²×${CHANNELS.length}: nima median → segment (${segment.thresholdMethod}) → measure, ${tiles.tileY}² tiles vs whole planes`,
      tiledSeconds,
      `${tiledResult.count} labels, tables ${same ? "identical" : "DIFFER"} (whole: ${whole.count} labels); peak RSS tiled ${gib(tiledRss)}, whole ${gib(wholeRss)}; load ${load()}`,
      ["whole planes (same lazy nima code)", wholeSeconds],
    ),
  ];
}
