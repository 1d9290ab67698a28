/**
 * BgParams: the parameters of nima's background estimation (`segmentation.BgParams` of nima
 * 0.11.9), same fields (camelCase), defaults and meaning. Validation is stricter than the
 * Python dataclass (which only checks `perc` and, later, `kind`): every field is checked
 * here, with an error naming it, so a bad value fails before any pixel is touched.
 */

/** The background methods, in nima's order. */
export const BG_KINDS = [
  "arcsinh",
  "entropy",
  "adaptive",
  "li_adaptive",
  "li_li",
  "inverse_yen",
] as const;

export type BgKind = (typeof BG_KINDS)[number];

export interface BgParamsInit {
  /** The method (default "arcsinh"). */
  kind?: BgKind;
  /** Percentage (0–100) of max − min of the `lim` image for arcsinh and entropy (default 10). */
  perc?: number;
  /** percentile_filter size (arcsinh) and disk radius (entropy); default 10. */
  radius?: number;
  /**
   * threshold_local block size for adaptive and li_adaptive: a positive odd integer, or null
   * (default) for int(X / 2) made odd, set on the first frame and then kept (nima mutates
   * its BgParams the same way).
   */
  adaptiveRadius?: number | null;
  /** Percentile of the arcsinh percentile_filter (default 80). */
  arcsinhPerc?: number;
  /** Radius of the disk eroding the Li mask in li_adaptive and li_li (default 0: none). */
  erosionDisk?: number;
  /** li_adaptive: clip the masked image at the image minimum before threshold_local. */
  clip?: boolean;
}

/** The JSON form kernels receive (adaptiveRadius resolved). */
export interface BgParamsJson {
  kind: BgKind;
  perc: number;
  radius: number;
  adaptiveRadius: number | null;
  arcsinhPerc: number;
  erosionDisk: number;
  clip: boolean;
}

export class BgParams implements BgParamsJson {
  kind: BgKind;
  perc: number;
  radius: number;
  adaptiveRadius: number | null;
  arcsinhPerc: number;
  erosionDisk: number;
  clip: boolean;

  constructor(init: BgParamsInit = {}) {
    this.kind = init.kind ?? "arcsinh";
    this.perc = init.perc ?? 10;
    this.radius = init.radius ?? 10;
    this.adaptiveRadius = init.adaptiveRadius ?? null;
    this.arcsinhPerc = init.arcsinhPerc ?? 80;
    this.erosionDisk = init.erosionDisk ?? 0;
    this.clip = init.clip ?? false;
    checkBgParams(this);
  }

  /** `perc` as a fraction of 1 (nima 0.11.9 stores this in `perc` itself). */
  get percFraction(): number {
    return this.perc / 100;
  }

  /**
   * The adaptive radius for a plane `nx` pixels wide: the set value, else int(nx / 2) made
   * odd, which is then stored (as nima does on the first frame).
   */
  resolveAdaptiveRadius(nx: number): number {
    if (this.adaptiveRadius === null) this.adaptiveRadius = defaultAdaptiveRadius(nx);
    return this.adaptiveRadius;
  }

  toJSON(): BgParamsJson {
    return {
      kind: this.kind,
      perc: this.perc,
      radius: this.radius,
      adaptiveRadius: this.adaptiveRadius,
      arcsinhPerc: this.arcsinhPerc,
      erosionDisk: this.erosionDisk,
      clip: this.clip,
    };
  }

  /** A BgParams from an instance (returned as is), init fields or JSON. */
  static from(params: BgParams | BgParamsInit | undefined): BgParams {
    return params instanceof BgParams ? params : new BgParams(params);
  }
}

/** int(nx / 2), plus one when even (scikit-image ≥ 0.12 needs an odd block size). */
export function defaultAdaptiveRadius(nx: number): number {
  const radius = Math.trunc(nx / 2);
  return radius % 2 === 0 ? radius + 1 : radius;
}

/**
 * A bad BgParams field: a RangeError naming the field (`field`), so a caller can say which
 * of its own inputs (a CLI flag, a form field) was wrong.
 */
export class BgParamsError extends RangeError {
  override name = "BgParamsError";
  constructor(
    readonly field: keyof BgParamsJson,
    message: string,
  ) {
    super(message);
  }
}

/** Throws a BgParamsError naming the field unless `p` holds valid parameters. */
export function checkBgParams(p: BgParamsJson): void {
  if (!(BG_KINDS as readonly string[]).includes(p.kind)) {
    throw new BgParamsError(
      "kind",
      `BgParams: kind must be one of ${BG_KINDS.join(", ")}; got ${JSON.stringify(p.kind)}`,
    );
  }
  // nima: ValueError("perc must be in [0, 100] range")
  if (typeof p.perc !== "number" || !(p.perc >= 0 && p.perc <= 100)) {
    throw new BgParamsError("perc", `BgParams: perc must be in [0, 100] range, got ${p.perc}`);
  }
  if (!Number.isInteger(p.radius) || p.radius < 1) {
    throw new BgParamsError(
      "radius",
      `BgParams: radius must be a positive integer, got ${p.radius}`,
    );
  }
  const ar = p.adaptiveRadius;
  if (ar !== null && (!Number.isInteger(ar) || ar < 1 || ar % 2 === 0)) {
    throw new BgParamsError(
      "adaptiveRadius",
      `BgParams: adaptiveRadius must be a positive odd integer (threshold_local block size) or null, got ${ar}`,
    );
  }
  if (typeof p.arcsinhPerc !== "number" || !(p.arcsinhPerc >= 0 && p.arcsinhPerc <= 100)) {
    throw new BgParamsError(
      "arcsinhPerc",
      `BgParams: arcsinhPerc must be in [0, 100] range, got ${p.arcsinhPerc}`,
    );
  }
  if (!Number.isInteger(p.erosionDisk) || p.erosionDisk < 0) {
    throw new BgParamsError(
      "erosionDisk",
      `BgParams: erosionDisk must be a non-negative integer (disk radius), got ${p.erosionDisk}`,
    );
  }
  if (typeof p.clip !== "boolean") {
    throw new BgParamsError(
      "clip",
      `BgParams: clip must be a boolean, got ${JSON.stringify(p.clip)}`,
    );
  }
}
