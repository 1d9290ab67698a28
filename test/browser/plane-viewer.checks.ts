/** PlaneViewer in the demo page: sliders, keyboard, contrast, labels, zoom/pan, read-out. */
import assert from "node:assert/strict";
import { join } from "node:path";
import { formatValue } from "@nima-ts/widgets/format";
import type { Page } from "playwright-core";
import type { Expected } from "./expected.js";
import type { Check } from "./harness.js";
import { canvasPixels, type DemoWindow, PLANE_CANVAS, planeViewerIdle } from "./page.js";
import { ARTIFACTS } from "./server.js";

const index = (page: Page) =>
  page.evaluate(async () => {
    const d = await (window as unknown as DemoWindow).nimaDemo.ready;
    return d.planeViewer.model.get("index");
  });

const viewState = (page: Page) =>
  page.evaluate(async () => {
    const { view } = (await (window as unknown as DemoWindow).nimaDemo.ready).planeViewer.handle;
    return { scale: view.scale, tx: view.tx, ty: view.ty };
  });

const clientPoint = (page: Page, y: number, x: number) =>
  page.evaluate(
    async ([py, px]) => {
      const { view } = (await (window as unknown as DemoWindow).nimaDemo.ready).planeViewer.handle;
      return view.clientPointOf(py, px);
    },
    [y, x] as const,
  );

/** A pixel well inside label `id` at T=0 (the first of its middle row). */
function pixelInside(expected: Expected, id: number): { y: number; x: number } {
  const rows: number[] = [];
  for (let y = 0; y < expected.ny; y++) {
    for (let x = 0; x < expected.nx; x++) {
      if (expected.labelAt(0, y, x) === id) {
        rows.push(y);
        break;
      }
    }
  }
  const y = rows[Math.floor(rows.length / 2)];
  let x = 0;
  while (expected.labelAt(0, y, x) !== id) x++;
  return { y, x: x + 5 };
}

export function planeViewerChecks(page: Page, expected: () => Expected): Check[] {
  return [
    {
      name: "PlaneViewer: the T slider (keyboard) changes the pixels drawn",
      run: async () => {
        const before = await canvasPixels(page, PLANE_CANVAS);
        assert.ok(before.mean > 1, "the first plane is drawn (not black)");
        await page.focus("#planes input[data-dim=T]");
        await page.keyboard.press("ArrowRight");
        await planeViewerIdle(page);
        assert.deepEqual(await index(page), { T: 1, C: 0, Z: 0 });
        const after = await canvasPixels(page, PLANE_CANVAS);
        assert.notEqual(after.hash, before.hash, "T=1 draws other pixels than T=0");
        assert.match((await page.textContent("#planes .nima-slider-value")) ?? "", /^1 \/ 2$/);
      },
    },
    {
      name: "PlaneViewer: the C slider shows the channel name and its pixels",
      run: async () => {
        const before = await canvasPixels(page, PLANE_CANVAS);
        await page.focus("#planes input[data-dim=C]");
        await page.keyboard.press("ArrowRight");
        await planeViewerIdle(page);
        assert.equal((await index(page)).C, 1);
        const text = await page.locator("#planes .nima-slider-value").nth(1).textContent();
        assert.equal(text, "R (1)");
        assert.notEqual((await canvasPixels(page, PLANE_CANVAS)).hash, before.hash);
      },
    },
    {
      name: "PlaneViewer: arrow keys on the focused image step T",
      run: async () => {
        const box = (await page.locator(PLANE_CANVAS).boundingBox())!;
        await page.mouse.click(box.x + 5, box.y + 5);
        await page.keyboard.press("ArrowLeft");
        await planeViewerIdle(page);
        assert.equal((await index(page)).T, 0);
        await page.keyboard.press("c");
        await page.keyboard.press("c");
        await planeViewerIdle(page);
        assert.equal((await index(page)).C, 0, "c cycles through the 3 channels back to G");
      },
    },
    {
      name: "PlaneViewer: contrast edits apply, auto restores the percentiles",
      run: async () => {
        const auto = await canvasPixels(page, PLANE_CANVAS);
        const low = Number(await page.inputValue("#planes input[aria-label=min]"));
        const high = Number(await page.inputValue("#planes input[aria-label=max]"));
        assert.ok(high > low, `auto limits ${low}..${high}`);
        await page.fill("#planes input[aria-label=max]", String(Math.round(high / 4)));
        await page.press("#planes input[aria-label=max]", "Tab");
        const contrast = await page.evaluate(async () =>
          (await (window as unknown as DemoWindow).nimaDemo.ready).planeViewer.model.get(
            "contrast",
          ),
        );
        assert.deepEqual(contrast, [low, Math.round(high / 4)]);
        const brighter = await canvasPixels(page, PLANE_CANVAS);
        assert.ok(
          brighter.mean > auto.mean * 1.2,
          `a lower max brightens (${auto.mean} → ${brighter.mean})`,
        );
        await page.screenshot({ path: join(ARTIFACTS, "plane-viewer-contrast.png") });
        await page.click("#planes button:text('auto')");
        assert.equal((await canvasPixels(page, PLANE_CANVAS)).hash, auto.hash);
      },
    },
    {
      name: "PlaneViewer: the label overlay toggles, its alpha applies",
      run: async () => {
        const shown = await canvasPixels(page, PLANE_CANVAS);
        await page.click("#planes input[aria-label=labels]");
        const hidden = await canvasPixels(page, PLANE_CANVAS);
        assert.notEqual(hidden.hash, shown.hash);
        await page.click("#planes input[aria-label=labels]");
        assert.equal((await canvasPixels(page, PLANE_CANVAS)).hash, shown.hash);
        await page.focus("#planes input[aria-label=alpha]");
        await page.keyboard.press("End");
        const opaque = await canvasPixels(page, PLANE_CANVAS);
        assert.notEqual(opaque.hash, shown.hash);
        await page.keyboard.press("Home");
        await page.click("#planes input[aria-label=outlines]");
        const none = await canvasPixels(page, PLANE_CANVAS);
        assert.equal(none.hash, hidden.hash, "alpha 0 and no outlines: the bare image");
        await page.click("#planes input[aria-label=outlines]");
        await page.evaluate(async () =>
          (await (window as unknown as DemoWindow).nimaDemo.ready).planeViewer.model.set(
            "labelAlpha",
            0.35,
          ),
        );
      },
    },
    {
      name: "PlaneViewer: read-out shows y, x, value and label of the pixel under the cursor",
      run: async () => {
        const e = expected();
        await page.click("#planes button[data-action=reset-view]");
        await planeViewerIdle(page);
        assert.deepEqual(await index(page), { T: 0, C: 0, Z: 0 });
        const inside = pixelInside(e, 1);
        for (const { y, x } of [inside, { y: 3, x: 4 }]) {
          const point = await clientPoint(page, y, x);
          await page.mouse.move(point.clientX, point.clientY);
          const want = `y ${y}  x ${x}  value ${formatValue(e.value(0, 0, y, x))}  label ${e.labelAt(0, y, x)}`;
          assert.equal(await page.textContent("#planes .nima-readout"), want);
        }
        assert.ok(e.labelAt(0, inside.y, inside.x) === 1);
      },
    },
    {
      name: "PlaneViewer: wheel zooms around the cursor, drag pans, double-click resets",
      run: async () => {
        const fitted = await viewState(page);
        const target = await clientPoint(page, 150, 120);
        await page.mouse.move(target.clientX, target.clientY);
        await page.mouse.wheel(0, -300);
        await page.waitForFunction(async (scale) => {
          const d = await (window as unknown as DemoWindow).nimaDemo.ready;
          return d.planeViewer.handle.view.scale > scale * 1.5;
        }, fitted.scale);
        const zoomed = await viewState(page);
        assert.ok(
          Math.abs(zoomed.scale / fitted.scale - 2) < 1e-9,
          "one wheel notch of 300 doubles",
        );
        assert.match((await page.textContent("#planes .nima-readout")) ?? "", /^y 150 {2}x 120 /);
        await page.screenshot({ path: join(ARTIFACTS, "plane-viewer-zoomed.png") });
        await page.mouse.down();
        await page.mouse.move(target.clientX + 40, target.clientY + 25, { steps: 4 });
        await page.mouse.up();
        const panned = await viewState(page);
        assert.equal(Math.round(panned.tx - zoomed.tx), 40);
        assert.equal(Math.round(panned.ty - zoomed.ty), 25);
        await page.mouse.dblclick(target.clientX, target.clientY);
        assert.deepEqual(await viewState(page), fitted);
      },
    },
  ];
}
