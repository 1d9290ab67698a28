/** A bad-input case: how to build it, how to read it, and what must happen. */
export interface Case {
  name: string;
  /** Writes the input under `dir`; returns the path readImage gets. */
  build(dir: string): string;
  options?: Record<string, unknown>;
  /** Workers for compute (default 0: inline, in the case's process). */
  workers?: number;
  expect:
    | { error: string; message: RegExp }
    | { shape: number[]; values?: number[]; coords?: Record<string, unknown> };
}
