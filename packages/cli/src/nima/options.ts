/**
 * The `nima` command line: the options, defaults and checks of the Python nima 0.11.9 CLI
 * (click), parsed with commander into one typed object.
 */
import { checkChannelNames, nima } from "@nima-ts/core";
import { Option } from "commander";
import {
  choice,
  floatIn,
  increase,
  intAtLeast,
  joinTupleOptions,
  radiiList,
  tuple,
} from "../cli/arg-parsers.js";
import { UsageError } from "../cli/errors.js";
import { newProgram, parseCommandLine } from "../cli/program.js";
import { checkFileNamePart } from "../cli/safe-names.js";
import { VERSION } from "../version.js";

/** The methods `--bg-method` offers, as click.Choice in nima's CLI (no inverse_yen there). */
export const BG_METHODS = ["li_adaptive", "entropy", "arcsinh", "adaptive", "li_li"] as const;
export const FG_METHODS = ["yen", "li"] as const;
export const DEFAULT_CHANNELS = ["G", "R", "C"];
/** nima writes to `nima-<version>/` by default; ours names itself. */
export const DEFAULT_OUTPUT = `nima-ts-${VERSION}`;

export interface NimaOptions {
  tiffstk: string;
  channels: string[];
  output: string;
  hotpixels: boolean;
  flat?: string;
  dark?: string;
  /** Proceed (with a warning) when the flat has zero, negative or non-finite pixels. */
  acceptBadFlat?: boolean;
  bgMethod: nima.BgKind;
  bgDownscale?: [number, number];
  bgRadius?: number;
  bgAdaptiveRadius?: number;
  bgPercentile?: number;
  bgPercentileFilter?: number;
  fgMethod: nima.ThresholdMethod;
  minSize?: number;
  clearBorder: boolean;
  wiener: boolean;
  watershed: boolean;
  randomwalk: boolean;
  imageRatios: boolean;
  ratioMedianRadii?: number[];
  channelsCl: [string, string];
  channelsPh: [string, string];
  /** 0 with --silent, else 1 + the number of -v. */
  verbosity: number;
}

const TUPLES = { "--bg-downscale": 2, "--channels-cl": 2, "--channels-ph": 2 };

function buildProgram(onParsed: (options: NimaOptions) => void) {
  const program = newProgram("nima", VERSION)
    .description(
      'Analyze a multichannel TIFF time-lapse stack (channels default "G R C"). Writes ' +
        "<output>/<name>/ bg.csv, label<k>.csv, label<k>_rcl.tif, label<k>_rpH.tif and " +
        "bg-<channel>-<method>.png, and <output>/<name>_dim.png, <output>/<name>_meas.png. " +
        "Many stacks, here or as a Slurm job array: nima batch --help.",
    )
    .argument("<TIFFSTK>", "image file (TIFF, OME-TIFF or zarr)")
    .argument("[CHANNELS...]", "channel names", DEFAULT_CHANNELS)
    .option("-v, --verbose", "Verbosity of messages (repeat for more).", increase, 0)
    .option("-s, --silent", "Suppress output; verbose=0.")
    .option("-o, --output <dir>", "Output directory path.", DEFAULT_OUTPUT)
    .option("--hotpixels", "Apply median filter (rad=0.5) to remove hot pixels.")
    .option("-f, --flat <file>", "Path to flat image for shading correction.")
    .option("-d, --dark <file>", "Path to dark image for shading correction.")
    .option(
      "--accept-bad-flat",
      "Proceed when the flat has zero, negative or NaN pixels (they are clipped; a warning says how many).",
    )
    .addOption(
      new Option(
        "--bg-method <method>",
        `Background estimation algorithm: ${BG_METHODS.join(", ")}.`,
      )
        .argParser(choice(BG_METHODS))
        .default("li_adaptive"),
    )
    .option("--bg-downscale <Y X>", "Binning Y X.", tuple(intAtLeast(1)))
    .option(
      "--bg-radius <n>",
      "Radius for entropy or arcsinh methods [default: 10].",
      intAtLeast(1),
    )
    .option(
      "--bg-adaptive-radius <n>",
      "Radius for adaptive methods [default: X/2 made odd].",
      intAtLeast(1),
    )
    .option(
      "--bg-percentile <p>",
      "Percentile for entropy or arcsinh methods [default: 10].",
      floatIn(0, 100),
    )
    .option(
      "--bg-percentile-filter <p>",
      "Percentile filter for arcsinh method [default: 80].",
      floatIn(0, 100),
    )
    .addOption(
      new Option("--fg-method <method>", "Segmentation algorithm: yen, li.")
        .argParser(choice(FG_METHODS))
        .default("yen"),
    )
    .option("--min-size <n>", "Minimum size of labeled objects [default: 640].", intAtLeast(1))
    .option("--clear-border", "Remove labels touching image borders.")
    .option("--wiener", "Apply Wiener filter before segmentation.")
    .option("--watershed", "Apply watershed binary mask (labeling).")
    .option("--randomwalk", "Apply randomwalk binary mask (labeling; with --watershed).")
    .option("--image-ratios", "Compute ratio images.", true)
    .option("--no-image-ratios", "Do not compute ratio images.")
    .option(
      "--ratio-median-radii <list>",
      "Median filter ratio images with radii [default: 7,3].",
      radiiList,
    )
    .option("--channels-cl <NUM DEN>", "Channels for Cl ratio [default: C R].", tuple(String))
    .option("--channels-ph <NUM DEN>", "Channels for pH ratio [default: G C].", tuple(String))
    .action((tiffstk: string, channels: string[], o: Record<string, unknown>) => {
      onParsed(toOptions(tiffstk, channels, o));
    });
  return program;
}

/** The flag behind each BgParams field, to name it when core's check refuses a value. */
const BG_FLAGS: Partial<Record<keyof nima.BgParamsJson, string>> = {
  kind: "--bg-method",
  perc: "--bg-percentile",
  radius: "--bg-radius",
  adaptiveRadius: "--bg-adaptive-radius",
  arcsinhPerc: "--bg-percentile-filter",
};

/** The BgParams of the options, checked by core now (before any file is read): exit 2. */
export function bgParamsOf(o: NimaOptions): nima.BgParams {
  try {
    return new nima.BgParams({
      kind: o.bgMethod,
      radius: o.bgRadius,
      adaptiveRadius: o.bgAdaptiveRadius,
      perc: o.bgPercentile,
      arcsinhPerc: o.bgPercentileFilter,
    });
  } catch (error) {
    if (error instanceof nima.BgParamsError) {
      throw new UsageError(`${BG_FLAGS[error.field] ?? error.field}: ${error.message}`);
    }
    throw error;
  }
}

function toOptions(tiffstk: string, channels: string[], o: Record<string, unknown>): NimaOptions {
  if ((o.flat === undefined) !== (o.dark === undefined)) {
    throw new UsageError("shading correction needs both -f/--flat and -d/--dark");
  }
  const names = channels.length ? channels : DEFAULT_CHANNELS;
  checkChannels(names);
  const pair = (value: unknown, fallback: [string, string]) =>
    (value as [string, string] | undefined) ?? fallback;
  const options = checkedOptions(o, {
    tiffstk,
    channels: names,
    output: o.output as string,
    hotpixels: Boolean(o.hotpixels),
    flat: o.flat as string | undefined,
    acceptBadFlat: Boolean(o.acceptBadFlat),
    dark: o.dark as string | undefined,
    bgMethod: o.bgMethod as nima.BgKind,
    bgDownscale: o.bgDownscale as [number, number] | undefined,
    bgRadius: o.bgRadius as number | undefined,
    bgAdaptiveRadius: o.bgAdaptiveRadius as number | undefined,
    bgPercentile: o.bgPercentile as number | undefined,
    bgPercentileFilter: o.bgPercentileFilter as number | undefined,
    fgMethod: o.fgMethod as nima.ThresholdMethod,
    minSize: o.minSize as number | undefined,
    clearBorder: Boolean(o.clearBorder),
    wiener: Boolean(o.wiener),
    watershed: Boolean(o.watershed),
    randomwalk: Boolean(o.randomwalk),
    imageRatios: o.imageRatios as boolean,
    ratioMedianRadii: o.ratioMedianRadii as number[] | undefined,
    channelsCl: pair(o.channelsCl, ["C", "R"]),
    channelsPh: pair(o.channelsPh, ["G", "C"]),
    verbosity: o.silent ? 0 : 1 + (o.verbose as number),
  });
  return options;
}

/**
 * Checks what can be checked before reading anything; a bad value is a usage error. Ratio
 * channels are checked when given (the defaults meet a channel mismatch at the file).
 */
function checkedOptions(given: Record<string, unknown>, o: NimaOptions): NimaOptions {
  bgParamsOf(o);
  for (const [flag, key] of [
    ["--channels-cl", "channelsCl"],
    ["--channels-ph", "channelsPh"],
  ] as const) {
    if (given[key] === undefined) continue;
    const missing = o[key].filter((name) => !o.channels.includes(name));
    if (missing.length > 0) {
      throw new UsageError(
        `${flag}: ${missing.join(", ")} not among the channels (${o.channels.join(", ")})`,
      );
    }
  }
  return o;
}

/** Channel names become columns and file names: distinct, non-empty and file-name safe. */
function checkChannels(names: readonly string[]): void {
  for (const name of names) checkFileNamePart("channel name", name);
  try {
    checkChannelNames("CHANNELS", names);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * The options of `argv` (user arguments), or the exit code when there is nothing to run:
 * 0 after --help/--version, 2 after a usage error (already printed).
 */
export function parseNimaArgs(argv: readonly string[]): NimaOptions | number {
  let parsed: NimaOptions | undefined;
  const program = buildProgram((options) => {
    parsed = options;
  });
  const code = parseCommandLine(program, () => joinTupleOptions(argv, TUPLES));
  return code ?? (parsed as NimaOptions);
}
