/**
 * A multiscale OME-Zarr plane in JupyterLab: a notebook (written here, not an example)
 * writes a 2048 × 3072 pyramid with `tiled.writeTiledPyramid` and shows it with
 * `display(await multiscaleView(...))`; the renderer reads only the chunks of the level that
 * matches the fitted view through the server's files/ API.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { canvasPixels, labCommand, notebookState, viewerIdle } from "./lab-page.js";
import { WORK } from "./server.js";

export const MULTISCALE_NOTEBOOK = "multiscale-e2e.ipynb";

const CELLS = [
  `import { display, multiscaleView, tiled } from "@nima-ts/core";
const [ny, nx] = [2048, 3072];
const plane = {
  ny,
  nx,
  read(y0: number, y1: number, x0: number, x1: number) {
    const out = new Uint16Array((y1 - y0) * (x1 - x0));
    for (let y = y0; y < y1; y++)
      for (let x = x0; x < x1; x++) out[(y - y0) * (x1 - x0) + x - x0] = ((x >> 5) ^ (y >> 5)) * 997 % 60000;
    return out;
  },
};
await tiled.writeTiledPyramid(plane, "ms-e2e.zarr", { tileY: 256, tileX: 256, levels: 3, overwrite: true });`,
  `await display(await multiscaleView("ms-e2e.zarr"), { title: "pyramid" });`,
];

export function writeMultiscaleNotebook(): void {
  const notebook = {
    cells: CELLS.map((source) => ({
      cell_type: "code",
      execution_count: null,
      metadata: {},
      outputs: [],
      source,
    })),
    metadata: { kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(join(WORK, MULTISCALE_NOTEBOOK), JSON.stringify(notebook, null, 1));
}

export async function multiscaleCheck(
  page: Page,
  waitFor: <T>(what: string, probe: () => Promise<T | undefined | false>, ms: number) => Promise<T>,
  shot: (name: string) => Promise<unknown>,
): Promise<void> {
  const levels: string[] = [];
  page.on("request", (r) => {
    const match = /\/files\/.*ms-e2e\.zarr\/(\d+)\/c\//.exec(r.url());
    if (match) levels.push(match[1]);
  });
  await labCommand(page, "docmanager:open", {
    path: MULTISCALE_NOTEBOOK,
    factory: "Notebook",
    kernel: { name: "tslab" },
  });
  await waitFor("the kernel", async () => (await notebookState(page)).kernel === "idle", 60_000);
  await labCommand(page, "notebook:run-all-cells");
  await waitFor(
    "every code cell to run",
    async () => {
      const s = await notebookState(page);
      return s.executed === s.code && s.kernel === "idle" && s;
    },
    120_000,
  );
  assert.deepEqual((await notebookState(page)).errors, []);
  const viewer = '.jp-NotebookPanel:not(.lm-mod-hidden) .nima-Renderer[data-kind="array"]';
  await page.locator(viewer).first().scrollIntoViewIfNeeded();
  // The renderer opens the store (metadata through files/) before its viewer exists.
  await waitFor(
    "the viewer",
    async () => (await page.locator(`${viewer} canvas`).count()) > 0,
    30_000,
  );
  await viewerIdle(page, viewer);
  const pixels = await canvasPixels(page, viewer);
  assert.ok(pixels.mean > 1, `the pyramid is drawn (mean ${pixels.mean})`);
  const perLevel: Record<string, number> = {};
  for (const level of levels) perLevel[level] = (perLevel[level] ?? 0) + 1;
  console.log(`     chunk requests per level: ${JSON.stringify(perLevel)}`);
  assert.ok(levels.length > 0, "tiles come through files/");
  assert.equal(perLevel["0"], undefined, "no full-resolution chunk at fit");
  await shot("multiscale-viewer");
}
