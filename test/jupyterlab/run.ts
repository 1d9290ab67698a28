/**
 * End to end in a real JupyterLab: the page assembled from npm packages (page/), served by
 * Debian's jupyter_server, with the PREBUILT nima-ts extension loaded as a federated
 * extension; Chromium (playwright-core) opens examples/03-threshold-tuning.ipynb, runs it on
 * the tslab kernel and checks what a person sees and does. Screenshots in
 * test/artifacts/jupyterlab/. Ends with `N passed, N failed`; exits 1 on any failure.
 *
 *   npx tsx test/jupyterlab/run.ts        (after `npm run build`; NIMA_LAB_PAGE_BUILT=1 reuses the page)
 */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Page } from "playwright-core";
import {
  canvasPixels,
  kernelEval,
  labCommand,
  notebookState,
  thresholdValue,
  viewerIdle,
} from "./lab-page.js";
import {
  MULTISCALE_NOTEBOOK,
  multiscaleCheck,
  writeMultiscaleNotebook,
} from "./multiscale.check.js";
import {
  ARTIFACTS,
  buildPage,
  missingPrerequisite,
  PAGE_DIR,
  prepareWork,
  startServer,
} from "./server.js";

const NOTEBOOK = "03-threshold-tuning.ipynb";
const LARGE_NOTEBOOK = "04-larger-than-memory.ipynb";
const ARRAY = '.nima-Renderer[data-kind="array"]';
const LABELS = '.nima-Renderer[data-kind="labels"]';
const THRESHOLD = '.nima-Renderer[data-kind="threshold"]';
// The page's own gaps, not the extension's: endpoints jupyter_server 1.23 lacks, and the
// launcher (not part of this page) that the file browser's "new" button asks for.
const HARMLESS = [
  /\/api\/me/,
  /\/api\/events/,
  /favicon/,
  /Failed to load resource/,
  /Command 'launcher:create' not registered/,
];

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface Check {
  name: string;
  run: () => Promise<void>;
}

function checks(page: Page, base: string, token: string): Check[] {
  return [
    {
      name: "the page loads the prebuilt extension as a federated extension",
      run: async () => {
        await page.goto(`${base}lab?reset&token=${token}`);
        await page.waitForSelector("body[data-lab-ready=true]", {
          state: "attached",
          timeout: 60_000,
        });
        const federated = await page.evaluate(
          () =>
            JSON.parse(document.getElementById("jupyter-config-data")!.textContent!)
              .federated_extensions,
        );
        assert.equal(federated.length, 1);
        assert.equal(federated[0].name, "@nima-ts/jupyterlab-ext");
        assert.match(federated[0].load, /^static\/remoteEntry\.[0-9a-f]+\.js$/);
        await page.waitForSelector("#nima-ts-sidebar", { state: "attached" });
      },
    },
    {
      name: `${NOTEBOOK} runs top to bottom on the tslab kernel with no error`,
      run: async () => {
        await labCommand(page, "docmanager:open", {
          path: NOTEBOOK,
          factory: "Notebook",
          kernel: { name: "tslab" },
        });
        await waitFor(
          "the kernel",
          async () => (await notebookState(page)).kernel === "idle",
          60_000,
        );
        await labCommand(page, "notebook:run-all-cells");
        const state = await waitFor(
          "every code cell to run",
          async () => {
            const s = await notebookState(page);
            return s.executed === s.code && s.kernel === "idle" && s;
          },
          150_000,
        );
        await shot(page, "notebook-run");
        assert.deepEqual(state.errors, []);
      },
    },
    {
      name: "the labels output is a plane viewer that draws pixels, and its T slider changes them",
      run: async () => {
        await page.locator(LABELS).first().scrollIntoViewIfNeeded();
        await viewerIdle(page, LABELS);
        const before = await canvasPixels(page, LABELS);
        assert.ok(before.mean > 1, `the first plane is drawn (mean ${before.mean})`);
        // The view takes the image's aspect (384×320, Y×X), not a wide strip with black sides.
        const box = (await page.locator(`${LABELS} .nima-canvas-view`).first().boundingBox())!;
        assert.ok(
          Math.abs(box.width / box.height - 320 / 384) < 0.05 && box.height >= 240,
          `view ${box.width}×${box.height} px`,
        );
        // fill() sets a range input and fires input/change as a drag does (arrow keys go to
        // JupyterLab's notebook shortcuts first).
        await page.locator(`${LABELS} input[data-dim=T]`).first().fill("1");
        await viewerIdle(page, LABELS);
        const after = await canvasPixels(page, LABELS);
        assert.notEqual(after.hash, before.hash, "T=1 draws other pixels than T=0");
        await shot(page, "plane-viewer");
      },
    },
    {
      name: "dragging the threshold marker sets a manual threshold and the mask changes",
      run: async () => {
        await page.locator(THRESHOLD).first().scrollIntoViewIfNeeded();
        await viewerIdle(page, THRESHOLD);
        const before = (await thresholdValue(page, THRESHOLD))!;
        assert.equal(before.method, "yen");
        const mask = await canvasPixels(page, `${THRESHOLD} .nima-canvas-view`);
        const { from, y } = await page.evaluate(
          ([sel, threshold]) => {
            const el = [...document.querySelector(sel as string)!.querySelectorAll("*")].find(
              (e) => (e as { nimaViewer?: unknown }).nimaViewer,
            ) as unknown as {
              nimaViewer: {
                handle: { histogram: { canvas: HTMLCanvasElement; clientXOf(v: number): number } };
              };
            };
            const { histogram } = el.nimaViewer.handle;
            const rect = histogram.canvas.getBoundingClientRect();
            return {
              from: histogram.clientXOf(threshold as number),
              y: rect.top + rect.height / 2,
            };
          },
          [THRESHOLD, before.threshold] as const,
        );
        await page.mouse.move(from, y);
        await page.mouse.down();
        await page.mouse.move(from + 40, y, { steps: 5 });
        await page.mouse.move(from + 80, y, { steps: 5 });
        await page.mouse.up();
        await viewerIdle(page, THRESHOLD);
        const after = (await thresholdValue(page, THRESHOLD))!;
        assert.equal(after.method, "manual");
        assert.ok(after.threshold > before.threshold, `${before.threshold} → ${after.threshold}`);
        const masked = await canvasPixels(page, `${THRESHOLD} .nima-canvas-view`);
        assert.notEqual(masked.hash, mask.hash, "the mask drawn changed");
        await shot(page, "threshold-dragged");
      },
    },
    {
      name: "Apply assigns the chosen parameters in the kernel",
      run: async () => {
        const chosen = (await thresholdValue(page, THRESHOLD))!;
        await page.click(`${THRESHOLD} .nima-ApplyButton[data-mode=kernel]`);
        await page.waitForFunction(
          (sel) =>
            /set in the kernel \(ok\)/.test(
              document.querySelector(`${sel} .nima-ApplyStatus`)?.textContent ?? "",
            ),
          THRESHOLD,
          { timeout: 30_000 },
        );
        const text = await kernelEval(page, "JSON.stringify(thresholdParams)");
        // tslab shows a string result as its text, without quotes.
        const inKernel = JSON.parse(text.trim());
        assert.equal(inKernel.method, "manual");
        assert.equal(inKernel.thresholdMethod, null);
        assert.equal(inKernel.threshold, chosen.threshold);
        assert.equal(inKernel.minSize, chosen.minSize);
        await shot(page, "threshold-applied");
      },
    },
    {
      name: "Insert cell writes the parameters into a new code cell below the output",
      run: async () => {
        const { cells } = await notebookState(page);
        await page.click(`${THRESHOLD} .nima-ApplyButton[data-mode=cell]`);
        await waitFor(
          "a new cell",
          async () => (await notebookState(page)).cells === cells + 1,
          10_000,
        );
        const source = await page.evaluate(() => {
          // biome-ignore lint/suspicious/noExplicitAny: the page's JupyterLab objects
          const panel = (window as any).jupyterapp.shell.currentWidget;
          // biome-ignore lint/suspicious/noExplicitAny: idem
          const cells = panel.content.widgets as any[];
          const at = cells.findIndex((c) =>
            c.node.querySelector(".nima-Renderer[data-kind=threshold]"),
          );
          return cells[at + 1].model.sharedModel.getSource() as string;
        });
        assert.match(
          source,
          /^const thresholdParams = \{"thresholdMethod":null,"method":"manual",/,
        );
      },
    },
    {
      name: "the sidebar lists the notebook's arrays (dims, shape, dtype, pipeline steps) and opens one in a viewer",
      run: async () => {
        await page.click('.jp-SideBar .lm-TabBar-tab[data-id="nima-ts-sidebar"]');
        await page.waitForSelector(".nima-Sidebar-item", { timeout: 10_000 });
        const items = await page.locator(".nima-Sidebar-item").evaluateAll((els) =>
          els.map((e) => ({
            kind: (e as HTMLElement).dataset.kind,
            detail: e.querySelector(".nima-Sidebar-detail")!.textContent,
            steps: e.querySelector(".nima-Sidebar-steps")?.textContent ?? "",
          })),
        );
        const kinds = items.map((i) => i.kind);
        assert.ok(kinds.includes("threshold") && kinds.includes("labels"), JSON.stringify(items));
        for (const item of items.filter((i) => i.kind === "labels" || i.kind === "threshold")) {
          assert.match(
            item.detail ?? "",
            /^\(([A-Z], )*Y, X\) (\d+×)+\d+ (uint8|uint16|int32|float32|float64)/,
          );
        }
        // The labels output lists the lazy pipeline that made it, ending with the segmentation.
        const labels = items.find((i) => i.kind === "labels");
        assert.match(labels?.steps ?? "", /^read → .* → nima\.segment$/, JSON.stringify(labels));
        await shot(page, "sidebar");
        await page.locator('.nima-Sidebar-item[data-kind="labels"]').first().click();
        await page.waitForSelector(".nima-OutputViewer .nima-Renderer canvas", { timeout: 20_000 });
        await viewerIdle(page, ".nima-OutputViewer .nima-Renderer");
        const pixels = await canvasPixels(page, ".nima-OutputViewer .nima-Renderer");
        assert.ok(pixels.mean > 1, "the main-area viewer draws the labels' image");
        await shot(page, "sidebar-viewer");
      },
    },
    {
      name: `${LARGE_NOTEBOOK}: the sidebar shows running computes; the zarr-backed array is read plane by plane through the server's files/ API`,
      run: async () => {
        const zarrRequests: string[] = [];
        page.on("request", (r) => {
          if (/\/files\/.*\.zarr\//.test(r.url())) zarrRequests.push(r.url());
        });
        await labCommand(page, "docmanager:open", {
          path: LARGE_NOTEBOOK,
          factory: "Notebook",
          kernel: { name: "tslab" },
        });
        await waitFor(
          "the kernel",
          async () => (await notebookState(page)).kernel === "idle",
          60_000,
        );
        // Record every moment the sidebar lists a running compute (a poll could miss a short one).
        await page.evaluate(() => {
          const w = window as unknown as { nimaSawProgress: boolean };
          w.nimaSawProgress = false;
          new MutationObserver(() => {
            if (document.querySelector(".nima-Sidebar-running .nima-Progress"))
              w.nimaSawProgress = true;
          }).observe(document.querySelector(".nima-Sidebar")!, { childList: true, subtree: true });
        });
        await labCommand(page, "notebook:run-all-cells");
        let sawProgress = false;
        await waitFor(
          "every code cell to run",
          async () => {
            if (
              !sawProgress &&
              (await page.locator(".nima-Sidebar-running .nima-Progress").count()) > 0
            ) {
              sawProgress = true;
              await shot(page, "sidebar-progress");
            }
            const s = await notebookState(page);
            return s.executed === s.code && s.kernel === "idle" && s;
          },
          240_000,
        );
        assert.deepEqual((await notebookState(page)).errors, []);
        sawProgress ||= await page.evaluate(
          () => (window as unknown as { nimaSawProgress: boolean }).nimaSawProgress,
        );
        assert.ok(sawProgress, "a running compute was listed in the sidebar");
        const storage = await page.evaluate(() => {
          // biome-ignore lint/suspicious/noExplicitAny: the page's JupyterLab objects
          const panel = (window as any).jupyterapp.shell.currentWidget;
          for (const cell of panel.content.widgets) {
            for (let i = 0; i < (cell.model.outputs?.length ?? 0); i++) {
              const data = cell.model.outputs.get(i).data["application/vnd.nima-ts.array+json"];
              if (data) return (typeof data === "string" ? JSON.parse(data) : data).array.data;
            }
          }
          return null;
        });
        assert.equal(storage?.storage, "zarr", JSON.stringify(storage));
        const viewer = `.jp-NotebookPanel:not(.lm-mod-hidden) ${ARRAY}`;
        await page.locator(viewer).first().scrollIntoViewIfNeeded();
        await viewerIdle(page, viewer);
        const before = await canvasPixels(page, viewer);
        assert.ok(before.mean > 1, `the first plane is drawn (mean ${before.mean})`);
        const requested = zarrRequests.length;
        assert.ok(requested >= 1, "planes come from the zarr store through files/");
        await page.locator(`${viewer} input[data-dim=T]`).first().fill("7");
        await viewerIdle(page, viewer);
        assert.notEqual(
          (await canvasPixels(page, viewer)).hash,
          before.hash,
          "T=7 draws other pixels",
        );
        assert.ok(zarrRequests.length > requested, "the new plane was fetched on demand");
        // One chunk per plane: far fewer requests than the 48 planes of the array.
        assert.ok(zarrRequests.length < 20, `${zarrRequests.length} requests`);
        await shot(page, "zarr-viewer");
      },
    },
    {
      name: `${MULTISCALE_NOTEBOOK}: a multiscale OME-Zarr plane is read tile by tile through files/, coarse levels only at fit`,
      run: () => multiscaleCheck(page, waitFor, (name) => shot(page, name)),
    },
    {
      name: "the extension's styles follow the theme (JupyterLab Dark)",
      run: async () => {
        // (No named functions inside evaluate: tsx would wrap them in a helper the page lacks.)
        const colours = () =>
          page.evaluate(() =>
            [
              [".nima-Sidebar", "backgroundColor"],
              [".nima-Sidebar-item", "color"],
              [".nima-ApplyButton", "backgroundColor"],
            ].map(([sel, prop]) =>
              getComputedStyle(document.querySelector(sel)!).getPropertyValue(
                prop.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
              ),
            ),
          );
        const light = await colours();
        await labCommand(page, "apputils:change-theme", { theme: "JupyterLab Dark" });
        await page.waitForSelector("body[data-jp-theme-light=false]", {
          state: "attached",
          timeout: 20_000,
        });
        await page.waitForTimeout(500);
        const dark = await colours();
        assert.notEqual(dark[0], light[0], "the sidebar background follows the theme");
        assert.notEqual(dark[1], light[1], "the sidebar text follows the theme");
        await shot(page, "dark-theme");
      },
    },
  ];
}

async function main(): Promise<number> {
  const missing = missingPrerequisite([NOTEBOOK, LARGE_NOTEBOOK]);
  if (missing) {
    console.error(`jupyterlab e2e: cannot run: ${missing}`);
    return 1;
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const started = Date.now();
  if (!(process.env.NIMA_LAB_PAGE_BUILT && existsSync(join(PAGE_DIR, "bundle.js")))) buildPage();
  prepareWork([NOTEBOOK, LARGE_NOTEBOOK]);
  writeMultiscaleNotebook();
  const server = await startServer();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox"],
  });
  const consoleErrors: string[] = [];
  let passed = 0;
  let failed = 0;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("console", (m) => {
      if (m.type() === "error" && !HARMLESS.some((re) => re.test(m.text())))
        consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => {
      if (!HARMLESS.some((re) => re.test(String(e)))) consoleErrors.push(String(e));
    });
    const all = checks(page, server.url, server.token);
    for (const [i, check] of all.entries()) {
      const t0 = Date.now();
      try {
        await check.run();
        passed++;
        console.log(`ok   ${check.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        failed++;
        console.log(
          `FAIL ${check.name}\n     ${String(error instanceof Error ? error.stack : error)
            .split("\n")
            .slice(0, 6)
            .join("\n     ")}`,
        );
        await shot(page, `failed-${i}`).catch(() => {});
        if (i < 2) break; // nothing else can work without the page or the run
      }
    }
    if (consoleErrors.length > 0) {
      failed++;
      console.log(`FAIL no console errors\n     ${consoleErrors.slice(0, 5).join("\n     ")}`);
    } else passed++;
  } finally {
    await browser.close();
    await server.stop();
    writeFileSync(join(ARTIFACTS, "server.log"), server.log());
  }
  console.log(
    `${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
