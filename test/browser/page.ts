/** Page-side helpers of the browser checks: the demo's widgets, canvas pixels, console errors. */

import type { CanvasView, Model, PlaneViewerHandle, PlaneViewerState } from "@nima-ts/widgets";
import type { Page } from "playwright-core";

/** What the checks use of the demo's widgets (typed here, not through the worker modules). */
export interface ThresholdParams {
  method: string;
  threshold: number;
  minSize: number;
  index: Record<string, number>;
  count: number;
}
export interface DemoHandles {
  planeViewer: { model: Model<PlaneViewerState>; handle: PlaneViewerHandle };
  thresholdViewer: {
    node: HTMLElement;
    value: ThresholdParams | null;
    model: Model<{ method: string; minSize: number; threshold: number }>;
    handle: {
      view: CanvasView;
      histogram: { canvas: HTMLCanvasElement; clientXOf(value: number): number };
      idle(): Promise<void>;
    };
  };
}
export type DemoWindow = Window & { nimaDemo: { ready: Promise<DemoHandles> } };

export const PLANE_CANVAS = "#planes .nima-canvas-view canvas";
export const THRESHOLD_CANVAS = "#threshold .nima-canvas-view canvas";

export interface Pixels {
  /** FNV-1a of the RGB values: equal pixels, equal hash. */
  hash: number;
  /** Mean of R, G and B (0–255). */
  mean: number;
  /** Pixels with any alpha (for overlay layers). */
  opaque: number;
}

/** A summary of what a canvas shows now. */
export function canvasPixels(page: Page, selector: string): Promise<Pixels> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector(sel) as HTMLCanvasElement;
    return summarisePixels(canvas);
    function summarisePixels(c: HTMLCanvasElement) {
      const data = c.getContext("2d")!.getImageData(0, 0, c.width, c.height).data;
      let hash = 2166136261;
      let sum = 0;
      let opaque = 0;
      for (let i = 0; i < data.length; i += 4) {
        hash = Math.imul(hash ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16)), 16777619);
        sum += data[i] + data[i + 1] + data[i + 2];
        if (data[i + 3]) opaque++;
      }
      return { hash: hash >>> 0, mean: sum / ((data.length / 4) * 3), opaque };
    }
  }, selector);
}

/** The threshold viewer's mask layer (image-sized): pixels covered, and maskHash of them. */
export function maskLayerPixels(page: Page): Promise<Pixels> {
  return page.evaluate(async () => {
    const d = await (window as unknown as DemoWindow).nimaDemo.ready;
    const canvas = d.thresholdViewer.handle.view.layers[1].canvas;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let opaque = 0;
    let hash = 2166136261;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]) opaque++;
      hash = Math.imul(hash ^ (data[i + 3] ? 1 : 0), 16777619);
    }
    return { hash: hash >>> 0, mean: 0, opaque };
  });
}

export async function planeViewerIdle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const d = await (window as unknown as DemoWindow).nimaDemo.ready;
    await d.planeViewer.handle.idle();
  });
}

export async function thresholdViewerIdle(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const d = await (window as unknown as DemoWindow).nimaDemo.ready;
    await d.thresholdViewer.handle.idle();
  });
}

/** FNV-1a over a 0/1 mask, as maskLayerPixels hashes the covered pixels of the layer. */
export function maskHash(mask: ArrayLike<number>): number {
  let hash = 2166136261;
  for (let i = 0; i < mask.length; i++) hash = Math.imul(hash ^ (mask[i] ? 1 : 0), 16777619);
  return hash >>> 0;
}

/** Console errors and uncaught exceptions since the page opened. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** tsx keeps function names with a `__name` helper the page does not have. */
export async function allowBundledFunctions(page: Page): Promise<void> {
  await page.addInitScript({ content: "globalThis.__name = (f) => f;" });
}
