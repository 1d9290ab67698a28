/**
 * The plane viewer over a multiscale OME-Zarr plane (tiles.html on huge.zarr, 4096 × 6144
 * uint16, 256 × 256 chunks, 4 levels): which chunks go over the wire at fit and when zoomed,
 * the pixels drawn at full resolution, panning cost, and that nothing whole-plane is allocated.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { openMultiscale } from "@nima-ts/core";
import type { TiledViewerHandle, TileRef, TileSource } from "@nima-ts/widgets";
import type { Page } from "playwright-core";
import type { Check } from "./harness.js";
import { HUGE, hugeLabel, hugeValue } from "./huge-zarr.js";
import { ARTIFACTS } from "./server.js";

export interface TilesWindow extends Window {
  nimaTiles: {
    ready: Promise<{ source: TileSource; handle: TiledViewerHandle }>;
    geometry: {
      visibleTiles: typeof import("@nima-ts/widgets").visibleTiles;
      viewportBox: typeof import("@nima-ts/widgets").viewportBox;
    };
  };
  /** The longest typed array allocated by length (not a view), per constructor. */
  nimaAllocations: Record<string, number>;
}

/** Records `new Uint16Array(n)`-style allocations (views of buffers are not allocations). */
const RECORD_ALLOCATIONS = `
globalThis.nimaAllocations = {};
for (const name of ["Uint8Array", "Uint8ClampedArray", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array"]) {
  const Base = globalThis[name];
  globalThis[name] = new Proxy(Base, {
    construct(target, args, newTarget) {
      if (typeof args[0] === "number") {
        const seen = globalThis.nimaAllocations;
        seen[name] = Math.max(seen[name] ?? 0, args[0]);
      }
      return Reflect.construct(target, args, newTarget);
    },
  });
}`;

/** Chunk requests of the pyramid since `since`, as "level/ty/tx". */
function chunkRequests(page: Page, store: string): { list: string[]; reset(): void } {
  const list: string[] = [];
  const pattern = new RegExp(`/${store.replace(".", "\\.")}/(\\d+)/c/(\\d+)/(\\d+)$`);
  page.on("request", (request) => {
    const match = pattern.exec(new URL(request.url()).pathname);
    if (match) list.push(`${match[1]}/${match[2]}/${match[3]}`);
  });
  return { list, reset: () => void list.splice(0) };
}

const idle = (page: Page) =>
  page.evaluate(async () => {
    const { handle } = await (window as unknown as TilesWindow).nimaTiles.ready;
    await handle.idle();
  });

/** Sets the view (scale CSS px per pixel, translation) and waits for its tiles. */
const setView = (page: Page, scale: number, tx: number, ty: number) =>
  page.evaluate(
    async ([s, x, y]) => {
      const { handle } = await (window as unknown as TilesWindow).nimaTiles.ready;
      Object.assign(handle.view, { scale: s, tx: x, ty: y });
      handle.view.draw();
      await handle.idle();
    },
    [scale, tx, ty] as const,
  );

/** The tiles the view needs at `level` now, as "level/ty/tx" (the widgets' own geometry). */
const neededTiles = (page: Page, level: number) =>
  page.evaluate(async (k) => {
    const { nimaTiles } = window as unknown as TilesWindow;
    const { handle, source } = await nimaTiles.ready;
    const { width, height } = handle.view.cssSize();
    const box = nimaTiles.geometry.viewportBox(handle.view, width, height, source);
    return nimaTiles.geometry
      .visibleTiles(source.levels, k, box)
      .map((t: TileRef) => `${t.level}/${t.ty}/${t.tx}`);
  }, level);

/** numpy's linear percentile of `values` (sorted copy): the independent reference. */
function percentile(sorted: Float64Array, p: number): number {
  const position = (p / 100) * (sorted.length - 1);
  const below = Math.floor(position);
  const t = position - below;
  const a = sorted[below];
  const b = sorted[Math.min(below + 1, sorted.length - 1)];
  return t >= 0.5 ? b - (b - a) * (1 - t) : a + (b - a) * t;
}

/** The grey level colorize gives `value` between `low` and `high` (256-entry LUT). */
function grey(value: number, low: number, high: number): number {
  if (!(value > low)) return 0;
  if (value >= high) return 255;
  return Math.min(255, Math.floor(((value - low) * 256) / (high - low)));
}

export function tilesChecks(page: Page, site: () => string, dataDir: () => string): Check[] {
  const requests = chunkRequests(page, "huge.zarr");
  const labelRequests = chunkRequests(page, "huge-labels.zarr");
  return [
    {
      name: "tiled PlaneViewer: at fit only the coarsest level's tiles are requested, once each",
      run: async () => {
        await page.addInitScript({ content: RECORD_ALLOCATIONS });
        await page.goto(`${site()}tiles.html`);
        await page.waitForFunction(() => "nimaTiles" in window);
        await idle(page);
        const coarsest = HUGE.levels - 1;
        assert.deepEqual(
          [...requests.list].sort(),
          (await neededTiles(page, coarsest)).sort(),
          "the tiles covering the plane at the coarsest level, once each",
        );
        // writeTiledPyramid halves the chunk with the level: 512 × 768 in 32 × 32 chunks.
        assert.equal(requests.list.length, 16 * 24);
        assert.equal(new Set(requests.list).size, requests.list.length, "no tile twice");
        await page.screenshot({ path: join(ARTIFACTS, "tiles-fit.png") });
      },
    },
    {
      name: "tiled PlaneViewer: contrast from the coarsest level's 0.5 and 99.5 percentiles",
      run: async () => {
        const image = await openMultiscale(join(dataDir(), "huge.zarr"));
        const level = image.levels[HUGE.levels - 1];
        const values = new Float64Array(level.ny * level.nx);
        let n = 0;
        for (let ty = 0; ty * level.tileY < level.ny; ty++) {
          for (let tx = 0; tx * level.tileX < level.nx; tx++) {
            const tile = await image.readTile({}, HUGE.levels - 1, ty, tx);
            for (const v of tile.data) values[n++] = v;
          }
        }
        values.sort();
        const shown = await page.evaluate(async () => {
          const { handle } = await (window as unknown as TilesWindow).nimaTiles.ready;
          return handle.contrast();
        });
        assert.deepEqual(shown, [percentile(values, 0.5), percentile(values, 99.5)]);
      },
    },
    {
      name: "tiled PlaneViewer: zoomed into a corner, only the visible full-resolution tiles are requested",
      run: async () => {
        requests.reset();
        await setView(page, 2, -37, -53);
        const needed = await neededTiles(page, 0);
        assert.ok(needed.length > 0 && needed.length < 24, `${needed.length} tiles visible`);
        assert.deepEqual([...requests.list].sort(), needed.sort());
        await page.screenshot({ path: join(ARTIFACTS, "tiles-corner.png") });
      },
    },
    {
      name: "tiled PlaneViewer: pixels drawn at full resolution are the source values through the contrast",
      run: async () => {
        const { contrast, samples } = await page.evaluate(async () => {
          const { handle } = await (window as unknown as TilesWindow).nimaTiles.ready;
          const { view } = handle;
          const context = view.canvas.getContext("2d")!;
          const dpr = devicePixelRatio;
          const out: { y: number; x: number; rgb: number[] }[] = [];
          // Every 7th pixel of the part in view, read at its centre on the canvas.
          for (let y = 30; y < 290; y += 7) {
            for (let x = 20; x < 420; x += 7) {
              const sx = Math.floor((view.tx + (x + 0.5) * view.scale) * dpr);
              const sy = Math.floor((view.ty + (y + 0.5) * view.scale) * dpr);
              const d = context.getImageData(sx, sy, 1, 1).data;
              out.push({ y, x, rgb: [d[0], d[1], d[2]] });
            }
          }
          return { contrast: handle.contrast()!, samples: out };
        });
        const [low, high] = contrast;
        let inside = 0;
        for (const { y, x, rgb } of samples) {
          const g = grey(hugeValue(y, x), low, high);
          assert.deepEqual(rgb, [g, g, g], `pixel (${y}, ${x}) = ${hugeValue(y, x)}`);
          if (hugeLabel(y, x)) inside++;
        }
        assert.ok(inside > 100 && inside < samples.length - 100, "samples in and out of cells");
      },
    },
    {
      name: "tiled PlaneViewer: panning redraws from cached tiles at interactive speed (ms per frame reported)",
      run: async () => {
        const frames = await page.evaluate(async () => {
          const { handle } = await (window as unknown as TilesWindow).nimaTiles.ready;
          const times: number[] = [];
          for (let i = 0; i < 60; i++) {
            const started = performance.now();
            handle.view.pan(-12, -8);
            handle.view.draw();
            times.push(performance.now() - started);
            await new Promise((resolve) => requestAnimationFrame(resolve));
          }
          await handle.idle();
          return times.sort((a, b) => a - b);
        });
        const median = frames[frames.length >> 1];
        const p95 = frames[Math.floor(frames.length * 0.95)];
        console.log(
          `    pan: ${frames.length} frames, draw median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${frames.at(-1)!.toFixed(2)} ms`,
        );
        const levels = new Set(requests.list.map((r) => r.split("/")[0]));
        assert.deepEqual([...levels], ["0"], "panning at full resolution reads level 0 only");
      },
    },
    {
      name: "tiled PlaneViewer: no whole-plane array is allocated (largest typed arrays reported)",
      run: async () => {
        const { allocations, stats } = await page.evaluate(async () => {
          const w = window as unknown as TilesWindow;
          const { source } = await w.nimaTiles.ready;
          return { allocations: w.nimaAllocations, stats: source.stats };
        });
        console.log(
          `    largest allocations: ${JSON.stringify(allocations)}; source ${JSON.stringify(stats)}`,
        );
        assert.equal(
          stats.maxLength,
          HUGE.tile * HUGE.tile,
          "the source allocates one tile at most",
        );
        const plane = HUGE.ny * HUGE.nx;
        for (const [name, length] of Object.entries(allocations)) {
          assert.ok(length < plane / 16, `${name}(${length}) is not a plane (${plane})`);
        }
      },
    },
    {
      name: "tiled PlaneViewer: a multiscale label pyramid overlays tile by tile (read-out names the label)",
      run: async () => {
        await page.goto(`${site()}tiles.html?labels=huge-labels.zarr`);
        await page.waitForFunction(() => "nimaTiles" in window);
        await idle(page);
        labelRequests.reset();
        await setView(page, 3, -3 * 700, -3 * 400);
        assert.ok(
          labelRequests.list.every((r) => r.startsWith("0/")),
          "label tiles of level 0",
        );
        // The centre of the disk in grid cell (3, 5): label 3·48 + 5 + 1.
        const [y, x] = [3 * 128 + 64, 5 * 128 + 64];
        const point = await page.evaluate(
          async ([py, px]) => {
            const { handle } = await (window as unknown as TilesWindow).nimaTiles.ready;
            return handle.view.clientPointOf(py, px);
          },
          [y, x] as const,
        );
        await page.mouse.move(point.clientX, point.clientY);
        const readout = (await page.textContent("#tiles .nima-readout")) ?? "";
        assert.equal(readout, `y ${y}  x ${x}  value ${hugeValue(y, x)}  label ${hugeLabel(y, x)}`);
        await page.screenshot({ path: join(ARTIFACTS, "tiles-labels.png") });
      },
    },
  ];
}
