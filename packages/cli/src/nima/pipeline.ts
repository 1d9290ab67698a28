/**
 * The steps of nima's `main()` (0.11.9), in its order and with its arguments: read the
 * stack; [--hotpixels] median; [-d/-f] shading; nima.bg; nima.segment; nima.measure; and the
 * ratio images. Each step is computed once (with a progress bar) and handed on in memory,
 * so nothing is recomputed by the steps after it.
 */
import { existsSync } from "node:fs";
import { type DataArray, nima, readImage, ShapeError, type Table } from "@nima-ts/core";
import { CliError, UsageError } from "../cli/errors.js";
import type { Reporter } from "../cli/reporter.js";
import { checkCorrection, checkFinite } from "./checks.js";
import { bgParamsOf, type NimaOptions } from "./options.js";

export interface PipelineResult {
  /** The image nima.bg received (after --hotpixels and shading), computed. */
  image: DataArray;
  bgParams: nima.BgParams;
  /** Background medians, dims (T, C), computed. */
  bgs: DataArray;
  /** clip(image − bgs, 0) in float64, computed. */
  imBg: DataArray;
  /** Labels (T, Y, X) int32, computed. */
  labels: DataArray;
  /** labelN.csv tables by label id. */
  tables: Map<number, Table>;
  /** Ratio images (T, Y, X), masked by labels > 0; absent with --no-image-ratios. */
  rCl?: DataArray;
  rPh?: DataArray;
  /** Background figure data, computed per plane on demand. */
  figures: nima.BgFigures;
  /** What the input file says of itself: attrs (pixel size) and frame times (s), if any. */
  source: { attrs: Record<string, unknown>; times?: number[] };
}

export async function runPipeline(
  o: NimaOptions,
  report: Reporter,
  signal: AbortSignal,
): Promise<PipelineResult> {
  const channels = o.channels;
  // click's Path(exists=True): a missing input is a usage error, before anything runs.
  for (const [what, path] of [
    ["TIFFSTK", o.tiffstk],
    ["-d/--dark", o.dark],
    ["-f/--flat", o.flat],
  ]) {
    if (path !== undefined && !existsSync(path)) {
      throw new UsageError(`${what}: ${path}: no such file or folder`);
    }
  }
  report.info(o.tiffstk);
  report.info(`(${channels.map((c) => `'${c}'`).join(", ")}${channels.length === 1 ? "," : ""})`);
  const raw = await readImage(o.tiffstk, { channels });
  report.info(`  Times: ${raw.sizes.T}`);

  let lazy = raw;
  if (o.hotpixels) lazy = nima.median(lazy);
  if (o.flat !== undefined && o.dark !== undefined) {
    const dark = await readCorrection(o.dark, "dark", channels, signal);
    const flat = await readCorrection(o.flat, "flat", channels, signal);
    checkCorrection(dark, o.dark, "dark", false, report);
    checkCorrection(flat, o.flat, "flat", o.acceptBadFlat ?? false, report);
    lazy = shade(lazy, dark, flat, o);
  }
  const image = await report.step("read", (onProgress) => lazy.compute({ signal, onProgress }));
  // After shading (a bad flat accepted with --accept-bad-flat may leave Inf/NaN): say where.
  checkFinite(image, o.tiffstk);

  const bgParams = bgParamsOf(o);
  const { bgs: lazyBgs, figures } = nima.bg(image, bgParams, { downscale: o.bgDownscale ?? null });
  report.detail(`BgParams: ${JSON.stringify(bgParams.toJSON())}`);
  const bgs = await report.step("background", (onProgress) =>
    lazyBgs.compute({ signal, onProgress }),
  );
  // nima.bg's image is clip(im − bgs, 0): rebuilt from the computed medians, not recomputed.
  const imBg = await image.sub(bgs).clip(0).compute({ signal });

  const segmentOptions: nima.SegmentOptions = {
    channels,
    thresholdMethod: o.fgMethod,
    minSize: o.minSize ?? 640,
    clearBorder: o.clearBorder,
    wiener: o.wiener,
    watershed: o.watershed,
    // nima uses random_walker only inside its watershed step; alone the flag does nothing.
    randomwalk: o.watershed && o.randomwalk,
  };
  report.detail(`segment: ${JSON.stringify(segmentOptions)}`);
  const labels = await report.step("labels", (onProgress) =>
    nima.segment(imBg, segmentOptions).compute({ signal, onProgress }),
  );

  const radii = o.ratioMedianRadii ?? [7, 3];
  const measureOptions: nima.MeasureOptions = {
    channels,
    channelsCl: o.channelsCl,
    channelsPh: o.channelsPh,
    radii,
    ratiosFromImage: o.imageRatios,
  };
  report.detail(`measure: ${JSON.stringify(measureOptions)}`);
  const tables = await report.step("measure", (onProgress) =>
    nima.measure(imBg, labels, measureOptions, { signal, onProgress }),
  );

  // ImageJ finterval and OME TimeIncrement are in seconds unless the file says otherwise.
  const times = raw.coords.T?.map(Number);
  const source = { attrs: raw.attrs, ...(times ? { times } : {}) };
  const result: PipelineResult = { image, bgParams, bgs, imBg, labels, tables, figures, source };
  if (o.imageRatios) {
    const mask = labels.gt(0);
    result.rCl = await report.step("ratio Cl", (onProgress) =>
      nima.ratio(imBg, { channels: o.channelsCl, radii, mask }).compute({ signal, onProgress }),
    );
    result.rPh = await report.step("ratio pH", (onProgress) =>
      nima.ratio(imBg, { channels: o.channelsPh, radii, mask }).compute({ signal, onProgress }),
    );
  }
  return result;
}

/**
 * A dark or flat frame: with one channel per image channel (named like them), or a single
 * channel applied to every channel. nima reads them with the image's channel names.
 */
async function readCorrection(
  path: string,
  what: string,
  channels: readonly string[],
  signal: AbortSignal,
): Promise<DataArray> {
  const frame = await readImage(path);
  const nc = frame.sizes.C;
  if (nc === channels.length) return (await readImage(path, { channels })).compute({ signal });
  if (nc === 1) return frame.squeeze("C").compute({ signal });
  throw new CliError(
    `${what} ${path} has ${nc} channels, the image has ${channels.length} (${channels.join(", ")})`,
  );
}

function shade(im: DataArray, dark: DataArray, flat: DataArray, o: NimaOptions): DataArray {
  try {
    return nima.shading(im, dark, flat, { clip: true });
  } catch (error) {
    if (error instanceof ShapeError) {
      throw new CliError(
        `shading: ${error.message} (dark ${o.dark} ${sizes(dark)}, flat ${o.flat} ${sizes(flat)}, image ${sizes(im)})`,
      );
    }
    throw error;
  }
}

function sizes(a: DataArray): string {
  return `[${a.dims.map((d) => `${d}: ${a.sizes[d]}`).join(", ")}]`;
}
