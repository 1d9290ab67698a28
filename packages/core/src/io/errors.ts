/**
 * Typed I/O errors (as zarrita has `NotFoundError`, `CodecPipelineError`): callers branch on the
 * class, and every message starts with the file or URL it is about.
 */

/** Base class of every error raised while reading or writing images. */
export class ImageIOError extends Error {
  override name = "ImageIOError";
  /** The path, URL or description of the source the error is about. */
  readonly source: string;
  constructor(source: string, message: string, options?: { cause?: unknown }) {
    super(`${source}: ${message}`, options);
    this.source = source;
  }
}

/** The file, URL or zarr node does not exist. */
export class ImageNotFoundError extends ImageIOError {
  override name = "ImageNotFoundError";
}

/** The bytes or metadata are not a valid image of the expected format. */
export class ImageFormatError extends ImageIOError {
  override name = "ImageFormatError";
}

/** A valid file that uses a feature nima-ts does not read (sample format, RGB pages, ...). */
export class UnsupportedImageError extends ImageIOError {
  override name = "UnsupportedImageError";
}

/**
 * A size the file states (pages, plane or chunk bytes, a zarr shape) is beyond what it can
 * hold or beyond the `maxBytes` limit: refused before anything that big is allocated.
 */
export class ImageLimitError extends ImageIOError {
  override name = "ImageLimitError";
}

/** The message of `cause` without its "source: " prefix (to nest it in another message). */
export function reasonOf(cause: unknown): string {
  if (cause instanceof ImageIOError) return cause.message.slice(cause.source.length + 2);
  return cause instanceof Error ? cause.message : String(cause);
}
