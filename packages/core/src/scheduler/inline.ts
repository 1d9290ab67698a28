/** Runs tasks on the calling thread, one at a time (`workers: 0`, or no workers available). */
import type { Block } from "../array/block.js";
import "../builtin-kernels.js";
import { executeSteps, type TaskMessage } from "./execute.js";
import type { Executor } from "./run.js";

export class InlineExecutor implements Executor {
  readonly slots = 1;

  async run(message: TaskMessage, signal: AbortSignal): Promise<Block> {
    signal.throwIfAborted();
    return executeSteps(message);
  }
}
