// Runs bad-input cases one at a time for corpus.test.ts, in its own process so a case that
// crashes or exhausts memory cannot take the test runner with it. Messages: the parent sends
// { id, path, options, workers }; we answer { id, ok, name, message, shape, values }.
import { closeSharedPools, readImage } from "@nima-ts/core";

process.on("message", async (job) => {
  const answer = { id: job.id };
  try {
    const image = await readImage(job.path, job.options ?? {});
    const computed = await image.compute({ workers: job.workers ?? 0 });
    answer.ok = true;
    answer.shape = computed.shape;
    answer.coords = computed.coords;
    const values = computed.values;
    answer.values = values.length <= 4096 ? Array.from(values) : undefined;
  } catch (error) {
    answer.ok = false;
    // The engine wraps a kernel's error in a TaskError naming the chunk: report the class of
    // the error the reader threw, and the message the user sees.
    let inner = error;
    while (/^(TaskError|KernelError)$/.test(inner?.name) && inner.cause instanceof Error) {
      inner = inner.cause;
    }
    answer.name = inner?.name ?? typeof error;
    answer.message = error instanceof Error ? error.message : String(error);
  }
  process.send(answer);
});

process.on("disconnect", () => {
  void closeSharedPools().finally(() => process.exit(0));
});
process.send({ ready: true });
