/**
 * The example notebooks, executed headlessly on the tslab kernel (Debian's Jupyter, kernel
 * registered in test/notebooks/.jupyter): every cell runs clean and the outputs carry the
 * nima-ts bundles each notebook is about. Then one kernel driven cell by cell: a kernel
 * interrupt stops a running compute and its workers, and the threshold viewer's "Apply" code
 * lands in the kernel. Skipped, saying why, where Jupyter or tslab is missing.
 *
 * Run alone: npx vitest run test/notebooks
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import {
  type ArrayDescription,
  mimeTypeOf,
  type NimaBundle,
  type ProgressBundle,
  parseBundle,
  type ThresholdBundle,
  thresholdApplyCode,
} from "@nima-ts/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bundlesOf,
  EXAMPLES,
  type ExecutionResult,
  executeNotebooks,
  KernelSession,
  missingPrerequisite,
  type NotebookOutput,
  outputsOf,
} from "./jupyter.js";

const notebooks = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith(".ipynb"))
  .sort();

/** Bundle kinds each notebook must show (at least this many of each). */
const EXPECTED: Record<string, Partial<Record<NimaBundle["kind"], number>>> = {
  "01-quickstart.ipynb": { array: 3, table: 1 },
  "02-nima-workflow.ipynb": {
    progress: 1,
    array: 3,
    table: 1,
    bg: 1,
    labels: 1,
    measurements: 1,
  },
  "03-threshold-tuning.ipynb": { threshold: 1, labels: 1 },
  "04-larger-than-memory.ipynb": { progress: 2, array: 1, table: 1 },
  "05-huge-plane.ipynb": { array: 2, table: 1, labels: 1 },
};

// 05 makes a 50k × 50k plane unless told otherwise; the kernel inherits this environment.
process.env.NIMA_TS_HUGE_SIZE ??= "2048";

describe("example notebooks as committed", () => {
  it("are all covered by this test", () => {
    expect(notebooks).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(notebooks)("%s has no outputs and runs on the tslab kernel", (name) => {
    const nb = JSON.parse(readFileSync(join(EXAMPLES, name), "utf8"));
    expect(nb.metadata.kernelspec.name).toBe("tslab");
    for (const cell of nb.cells.filter((c: { cell_type: string }) => c.cell_type === "code")) {
      expect(cell.outputs).toEqual([]);
      expect(cell.execution_count).toBeNull();
    }
  });
});

/** The arrays a bundle carries (whose values may be in zarr stores beside the notebook). */
function arraysOf(bundle: NimaBundle): ArrayDescription[] {
  switch (bundle.kind) {
    case "array":
      return [bundle.array];
    case "labels":
      return bundle.image ? [bundle.labels, bundle.image] : [bundle.labels];
    case "threshold":
      return [bundle.image];
    default:
      return [];
  }
}

const missing = missingPrerequisite();
if (missing) console.warn(`test/notebooks: notebook execution skipped: ${missing}`);

describe.skipIf(Boolean(missing))("example notebooks executed with tslab", () => {
  const results = new Map<string, ExecutionResult>();
  const outputs = new Map<string, NotebookOutput[]>();
  const stores: string[] = [];

  beforeAll(async () => {
    for (const result of await executeNotebooks(notebooks.map((n) => join(EXAMPLES, n)))) {
      const name = result.notebook.split("/").at(-1)!;
      results.set(name, result);
      outputs.set(name, outputsOf(result.output));
    }
  }, 200_000);

  afterAll(() => {
    // The zarr stores the runs wrote beside the notebooks (and only those).
    for (const store of stores) rmSync(store, { recursive: true, force: true });
    const storeDir = join(EXAMPLES, "nima-ts-data");
    if (existsSync(storeDir) && readdirSync(storeDir).length === 0)
      rmSync(storeDir, { recursive: true });
  });

  it.each(notebooks)("%s runs top to bottom without an error", (name) => {
    const result = results.get(name)!;
    expect(result.error, `cell ${result.failed_cell} failed`).toBeNull();
    expect(result.replies.every((status) => status === "ok")).toBe(true);
    const problems = outputs
      .get(name)!
      .filter(
        (o) => o.output_type === "error" || (o.output_type === "stream" && o.name === "stderr"),
      );
    expect(problems).toEqual([]);
  });

  it.each(notebooks)("%s shows the nima-ts bundles it is about", (name) => {
    const bundles = bundlesOf(outputs.get(name)!).map(parseBundle);
    const counts: Record<string, number> = {};
    for (const bundle of bundles) counts[bundle.kind] = (counts[bundle.kind] ?? 0) + 1;
    for (const [kind, least] of Object.entries(EXPECTED[name])) {
      expect(counts[kind] ?? 0, `${kind} bundles`).toBeGreaterThanOrEqual(least);
    }
    for (const bundle of bundles) {
      if (bundle.kind === "progress") expect(bundle.state).toBe("done");
      for (const array of arraysOf(bundle)) {
        if (array.data.storage !== "zarr") continue;
        const store = join(EXAMPLES, array.data.path);
        stores.push(store);
        expect(existsSync(join(store, "zarr.json")), store).toBe(true);
      }
    }
    // Every output also carries its static fallback.
    for (const o of outputs.get(name)!.filter((o) => o.output_type === "display_data")) {
      expect(Object.keys(o.data ?? {})).toEqual(
        expect.arrayContaining(["text/html", "text/plain"]),
      );
    }
  });

  it("02 writes the large arrays as zarr beside the notebook, the small ones inline", () => {
    const bundles = bundlesOf(outputs.get("02-nima-workflow.ipynb")!).map(parseBundle);
    const storage = bundles.flatMap((b) => (b.kind === "array" ? [b.array.data.storage] : []));
    // shaded (float32, 4.4 MB) goes to zarr; the ratio images (2.9 MB each) travel inline.
    expect(storage).toEqual(["zarr", "inline", "inline"]);
    const labels = bundles.find((b) => b.kind === "labels");
    expect(labels?.kind === "labels" && labels.counts).toEqual([5, 5, 5]);
  });

  it("04 computes within its memory budget", () => {
    const bundles = bundlesOf(outputs.get("04-larger-than-memory.ipynb")!).map(parseBundle);
    const budget = 24 * 2 ** 20;
    const progress = bundles.filter((b): b is ProgressBundle => b.kind === "progress");
    for (const p of progress) {
      expect(p.memoryBudget).toBe(budget);
      expect(p.peakBytes).toBeLessThanOrEqual(budget);
    }
    const stack = bundles.find((b) => b.kind === "array");
    expect(stack?.kind === "array" && stack.array.data.storage).toBe("zarr");
    expect(stack?.computed?.tasks).toBeGreaterThan(0);
    expect(stack?.computed?.peakBytes).toBeLessThanOrEqual(budget);
  });

  it("05 labels the tiled plane, measures every cell and shows pyramid overviews", () => {
    const out = outputs.get("05-huge-plane.ipynb")!;
    const text = out.map((o) => o.text ?? "").join("");
    const labelled = Number(/(\d+) cells labelled/.exec(text)?.[1]);
    const measured = Number(/(\d+) cells measured/.exec(text)?.[1]);
    const drawn = Number(/(\d+) cells\n/.exec(text)?.[1]);
    expect(labelled).toBeGreaterThan(0.8 * drawn);
    expect(measured).toBe(labelled);
    const bundles = bundlesOf(out).map(parseBundle);
    const table = bundles.find((b) => b.kind === "table");
    expect(table?.kind === "table" && table.table.index.length).toBe(Math.min(1000, labelled));
    const shapes = bundles.flatMap((b) => {
      if (b.kind === "array") return [b.array.shape];
      return b.kind === "labels" ? [b.labels.shape] : [];
    });
    // 2048² with 2 pyramid levels: the overviews (median, labels) are 512².
    expect(shapes.slice(1)).toEqual([
      [512, 512],
      [512, 512],
    ]);
  });
});

describe.skipIf(Boolean(missing))("one tslab kernel, cell by cell", () => {
  let kernel: KernelSession;
  beforeAll(() => {
    kernel = new KernelSession(EXAMPLES);
  });
  afterAll(() => kernel?.close());

  it("a kernel interrupt stops a running compute, its workers and its progress", async () => {
    const setup = await kernel.run(
      'import { computeWithProgress, nima, randomUniform } from "@nima-ts/core";',
    );
    expect(setup.status).toBe("ok");
    // Minutes of work on two workers if nothing stopped it.
    const long = await kernel.run(
      `const big = nima.median(randomUniform({ shape: [4000, 1024, 1024], dims: ["T", "Y", "X"] }));
       await computeWithProgress(big.mean(["Y", "X"]), { workers: 2, label: "long" });`,
      { interruptAfter: 3, timeout: 60 },
    );
    expect(long.status).toBe("error");
    expect(long.seconds).toBeLessThan(long.interrupted_at! + 2);
    const progress = long.outputs.map((o) => o.data[mimeTypeOf("progress")] as ProgressBundle);
    expect(progress[0].state).toBe("running");
    const last = progress.at(-1)!;
    expect(last).toMatchObject({ state: "aborted", label: "long" });
    expect(last.message).toMatch(/interrupted by the kernel/);
    expect(last.done).toBeGreaterThan(0);
    expect(last.done).toBeLessThan(last.total);
    // tslab answers "abort" to requests that come right after a failed cell.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    // No work goes on: the kernel process (main thread and worker threads) is idle, and
    // only tslab's own SIGINT listener is left.
    const after = await kernel.run(
      `const before = process.cpuUsage();
       await new Promise((r) => setTimeout(r, 1000));
       const used = process.cpuUsage(before);
       console.log(JSON.stringify({ cpuSeconds: (used.user + used.system) / 1e6, sigint: process.listenerCount("SIGINT") }));`,
    );
    expect(after.status).toBe("ok");
    const { cpuSeconds, sigint } = JSON.parse(after.stdout);
    expect(sigint).toBe(1);
    expect(cpuSeconds).toBeLessThan(0.3); // two busy workers would use about 2 s here
    const again = await kernel.run(
      `const m = await randomUniform({ shape: [4, 64, 64], dims: ["T", "Y", "X"] }).mean().compute({ workers: 2 });
       console.log(m.item() > 0.4 && m.item() < 0.6);`,
    );
    expect(again.stdout.trim()).toBe("true");
  }, 120_000);

  it("the threshold viewer's Apply code assigns the parameters in the kernel", async () => {
    const shown = await kernel.run(
      `import { display, nima, readImage, thresholdView } from "@nima-ts/core";
       const im = await readImage("data/sample.tif", { channels: ["G", "R", "C"] });
       const { image } = nima.bg(nima.shading(im, await readImage("data/dark.tif"), await readImage("data/flat.tif")));
       await display(thresholdView(image, { variable: "picked", minSize: 640 }));`,
    );
    expect(shown.status).toBe("ok");
    const bundle = parseBundle(
      shown.outputs.at(-1)!.data[mimeTypeOf("threshold")],
    ) as ThresholdBundle;
    expect(bundle.variable).toBe("picked");
    const use = `const labels = nima.segment(image, { channels: ["C", "G", "R"], thresholdMethod: picked.thresholdMethod ?? "yen", minSize: picked.minSize });
       const cells = await labels.max(["Y", "X"]).compute();
       console.log(JSON.stringify({ method: picked.method, minSize: picked.minSize, cells: Array.from(cells.values) }));`;
    // Apply twice: the second declares the const again, as a person pressing Apply again.
    for (const [method, minSize] of [
      ["li", 300],
      ["otsu", 100],
    ] as const) {
      const code = thresholdApplyCode(bundle.variable, {
        method,
        threshold: bundle.thresholds[method][0]!,
        minSize,
        index: { T: 0 },
      });
      expect((await kernel.run(code)).status).toBe("ok");
      const result = await kernel.run(use);
      expect(result.stderr).toBe("");
      expect(JSON.parse(result.stdout)).toEqual({ method, minSize, cells: [5, 5, 5] });
    }
  }, 120_000);
});
