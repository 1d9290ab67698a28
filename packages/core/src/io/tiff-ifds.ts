/**
 * The IFD chain of a TIFF, walked forward in a loop with cycle detection and a page cap.
 * geotiff follows `nextIFDByteOffset` blindly: a self-pointing or cyclic chain made
 * `getImageCount` loop forever while memory climbed. Each IFD parsed here is put in geotiff's
 * own cache (`ifdRequests`), so `tiff.getImage(i)` afterwards is O(1) and never recurses.
 */
import type GeoTIFF from "geotiff";
import { ImageFormatError, ImageLimitError, reasonOf } from "./errors.js";

/** Default cap on pages (IFDs) in one file; `maxPages` raises it. */
export const DEFAULT_MAX_PAGES = 1_000_000;

export class IfdChain {
  /** IFDs known so far (IFD 0 is parsed when the file is opened). */
  #known = 1;
  #ended = false;
  readonly #seen: Set<number>;

  constructor(
    private readonly tiff: GeoTIFF,
    private readonly name: string,
    private readonly maxPages = DEFAULT_MAX_PAGES,
  ) {
    this.#seen = new Set([Number(tiff.firstIFDOffset)]);
  }

  /** Walks until IFD `page` is parsed; false when the chain ends before it. */
  async reach(page: number): Promise<boolean> {
    while (this.#known <= page && !this.#ended) await this.#step();
    return page < this.#known;
  }

  /** Walks the whole chain and returns the number of IFDs. */
  async count(): Promise<number> {
    while (!this.#ended) await this.#step();
    return this.#known;
  }

  async #step(): Promise<void> {
    const previous = await this.tiff.ifdRequests[this.#known - 1];
    const next = Number(previous?.nextIFDByteOffset ?? 0);
    if (next === 0) {
      this.#ended = true;
      return;
    }
    if (this.#seen.has(next)) {
      throw new ImageFormatError(
        this.name,
        `IFD ${this.#known - 1} points back to an earlier IFD at offset ${next} (a cycle in the IFD chain)`,
      );
    }
    if (this.#known >= this.maxPages) {
      throw new ImageLimitError(
        this.name,
        `more than ${this.maxPages} pages (IFDs); raise the maxPages option if this is real`,
      );
    }
    this.#seen.add(next);
    const parsed = this.tiff.parser.parseFileDirectoryAt(next);
    this.tiff.ifdRequests[this.#known] = parsed;
    try {
      await parsed;
    } catch (cause) {
      this.tiff.ifdRequests[this.#known] = undefined;
      throw new ImageFormatError(
        this.name,
        `cannot read IFD ${this.#known} at offset ${next} (${reasonOf(cause)})`,
        { cause },
      );
    }
    this.#known++;
  }
}
