/** The `nima` command: a batch subcommand, or one stack. */
import { batchMain } from "../batch/command.js";
import { taskMain } from "../batch/task.js";
import { nimaStack } from "./command.js";

/** Runs `nima` with user arguments `argv`; resolves to the exit code. */
export async function nimaMain(argv: readonly string[]): Promise<number> {
  // Subcommands of a batch; a stack named "batch" or "task" is still `nima ./batch`.
  if (argv[0] === "batch") return batchMain(argv.slice(1));
  if (argv[0] === "task") return taskMain(argv.slice(1));
  return nimaStack(argv);
}
