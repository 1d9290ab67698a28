/** Runs one (possibly fused) task's steps on this thread: shared by workers and inline runs. */
import type { Block } from "../array/block.js";
import { sizeOf } from "../array/block.js";
import { scratch } from "../array/memory.js";
import type { Step } from "../graph/build.js";
import { getKernel } from "../kernels/registry.js";

/** What crosses to a worker: the steps and the input blocks (SharedArrayBuffer-backed). */
export interface TaskMessage {
  steps: Step[];
  inputs: Block[];
  /** Where the result goes (a shared view into the final array), when the caller has one. */
  out?: Block;
}

export class KernelError extends Error {
  override name = "KernelError";
  constructor(
    message: string,
    readonly kernel: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export async function executeSteps({ steps, inputs, out }: TaskMessage): Promise<Block> {
  const results: Block[] = [];
  // Intermediates of a fused chain live in this thread's scratch memory, reused task after
  // task, so a chain does not page-fault fresh memory for every plane.
  const borrowed: Block[] = [];
  const last = steps.length - 1;
  try {
    for (const [i, step] of steps.entries()) {
      const args = step.args.map((arg) => ("step" in arg ? results[arg.step] : inputs[arg.input]));
      let kernel: Awaited<ReturnType<typeof getKernel>>;
      try {
        kernel = await getKernel(step.kernel);
      } catch (error) {
        throw new KernelError((error as Error).message, step.kernel, { cause: error });
      }
      let destination = i === last ? out : undefined;
      if (i < last && step.output) {
        const { shape, dtype } = step.output;
        destination = { data: scratch.take(dtype, sizeOf(shape)), shape: [...shape], dtype };
        borrowed.push(destination);
      }
      try {
        results.push(await kernel(args, step.params, destination));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new KernelError(`kernel "${step.kernel}" failed: ${message}`, step.kernel, {
          cause: error,
        });
      }
    }
    return placeResult(results[last], out, steps[last].kernel);
  } finally {
    // A kernel may return a view of its input: never give back memory the result still uses.
    const kept = results[last]?.data.buffer;
    for (const block of borrowed) if (block.data.buffer !== kept) scratch.give(block.data);
  }
}

/** The task's result, copied into `out` when the last kernel made its own block. */
function placeResult(result: Block, out: Block | undefined, kernel: string): Block {
  if (!out || result.data === out.data) return result;
  // The kernel made its own block: copy it into place here, off the main thread.
  if (result.data.length !== out.data.length) {
    throw new KernelError(
      `kernel "${kernel}" returned ${result.data.length} values for a chunk of ${out.data.length}`,
      kernel,
    );
  }
  out.data.set(result.data);
  return { ...out, shape: result.shape };
}
