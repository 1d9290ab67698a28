/**
 * What a command prints: messages by verbosity (0 with --silent, 1 by default, 2+ with -v) on
 * stdout, and a progress bar per step on stderr when it is a TTY (never with --silent).
 */
import type { Progress } from "@nima-ts/core";
import { progressBar } from "../progress.js";

export type OnProgress = (progress: Pick<Progress, "done" | "total">) => void;

export class Reporter {
  constructor(
    readonly level: number,
    private readonly out: NodeJS.WriteStream = process.stdout,
    private readonly err: NodeJS.WriteStream = process.stderr,
  ) {}

  /** Printed unless --silent. */
  info(line: string): void {
    if (this.level >= 1) this.out.write(`${line}\n`);
  }

  /** Printed on stderr, even with --silent: something the user must know about the results. */
  warn(line: string): void {
    this.err.write(`${line}\n`);
  }

  /** Printed with -v. */
  detail(line: string): void {
    if (this.level >= 2) this.out.write(`${line}\n`);
  }

  /** Runs one step with a progress bar labelled `label` (padded so the bars line up). */
  async step<T>(label: string, run: (onProgress: OnProgress) => Promise<T>): Promise<T> {
    const bar = progressBar(label.padEnd(12), this.err, { enabled: this.level >= 1 });
    try {
      return await run((p) => bar.update(p));
    } finally {
      bar.end();
    }
  }
}
