/**
 * renderPlaneViewer: the plane viewer drawn into `el` from its model, anywidget style. Planes
 * come from a PlaneSource (computed in the worker pool when lazy, cached); each switch draws
 * as soon as its plane is there, and a newer switch supersedes an older one still loading.
 */
import { Disposer, type Model } from "../model.js";
import { CanvasView, type PixelPosition } from "../render/canvas-view.js";
import { colorize, colorizeLabels } from "../render/colorize.js";
import { lut } from "../render/lut.js";
import { type Plane, percentiles } from "../render/plane.js";
import { type PlaneIndex, type PlaneSource, projectIndex } from "../sources/planes.js";
import { isTileSource } from "../sources/tiles.js";
import { ensureStyles } from "../styles.js";
import { element, formatValue } from "../ui/controls.js";
import { bindKeys } from "./keys.js";
import type { PlaneViewerState } from "./state.js";
import { renderTiledViewer } from "./tiled.js";
import { buildToolbar } from "./toolbar.js";

export interface PlaneViewerParts {
  model: Model<PlaneViewerState>;
  el: HTMLElement;
  source: PlaneSource;
  /** Label planes (int) shown over the image; dims are matched by name (T of the image). */
  labels?: PlaneSource;
}

/** What a host keeps: `dispose` is anywidget's cleanup; the rest is for tests and benches. */
export interface PlaneViewerHandle {
  dispose(): void;
  view: CanvasView;
  /** Resolves once the current index is drawn (with its labels). */
  idle(): Promise<void>;
  /** The plane drawn now. */
  plane(): Plane | undefined;
}

export function renderPlaneViewer({
  model,
  el,
  source,
  labels,
}: PlaneViewerParts): PlaneViewerHandle {
  // A multiscale plane is drawn tile by tile, level by level: never as a whole plane.
  if (isTileSource(source)) return renderTiledViewer({ model, el, source, labels });
  const document = el.ownerDocument;
  ensureStyles(document);
  const disposer = new Disposer();
  el.classList.add("nima-plane-viewer");
  const toolbar = buildToolbar(document, model, source, Boolean(labels), disposer);
  const view = new CanvasView(document);
  view.pixelSize = source.pixelSize;
  view.setImageSize(source.ny, source.nx);
  const image = view.addLayer();
  const overlay = view.addLayer();
  const status = element(document, "div", "nima-status");
  const readout = element(document, "span", "nima-readout");
  const loading = element(document, "span", "nima-loading");
  status.append(readout, loading);
  el.append(toolbar.root, view.element, status);
  disposer.add(() => {
    view.dispose();
    toolbar.root.remove();
    status.remove();
    el.classList.remove("nima-plane-viewer");
  });

  const n = source.ny * source.nx;
  const pixels = new Uint32Array(n);
  const overlayPixels = new Uint32Array(n);
  const autoContrast = new WeakMap<Plane, [number, number]>();
  let current: Plane | undefined;
  let currentLabels: Plane | undefined;
  let generation = 0;
  let pending: Promise<void> = Promise.resolve();

  const contrastOf = (plane: Plane): [number, number] => {
    const fixed = model.get("contrast");
    if (fixed) return [fixed[0], fixed[1]];
    let auto = autoContrast.get(plane);
    if (!auto) {
      const [lo, hi] = percentiles(plane.data, model.get("autoPercentiles"));
      auto = hi > lo ? [lo, hi] : [lo, lo + 1];
      autoContrast.set(plane, auto);
    }
    return auto;
  };

  const paintImage = () => {
    if (!current) return;
    const [lo, hi] = contrastOf(current);
    const channel = source.coords.C?.[model.get("index").C ?? 0];
    colorize(current, lo, hi, lut(model.get("lut"), channel), pixels);
    view.putPixels(image, pixels);
    toolbar.showContrast(lo, hi);
  };

  const paintLabels = () => {
    overlay.visible = Boolean(currentLabels) && model.get("labelsVisible");
    if (!currentLabels || !overlay.visible) return;
    colorizeLabels(currentLabels, overlayPixels, {
      fillAlpha: model.get("labelAlpha"),
      outlines: model.get("outlines"),
    });
    view.putPixels(overlay, overlayPixels);
  };

  const load = (index: PlaneIndex) => {
    const mine = ++generation;
    const labelIndex = labels ? projectIndex(labels, index) : undefined;
    const cached = source.isCached?.(index) ?? false;
    if (!cached) loading.textContent = "loading…";
    const started = performance.now();
    pending = Promise.all([
      source.getPlane(index),
      labels && labelIndex ? labels.getPlane(labelIndex) : undefined,
    ]).then(
      ([plane, labelPlane]) => {
        if (mine !== generation) return;
        current = plane;
        if (labelPlane !== currentLabels) {
          currentLabels = labelPlane;
          paintLabels();
        }
        paintImage();
        view.draw();
        loading.textContent = "";
        el.dispatchEvent(
          new CustomEvent("nima:drawn", { detail: { index, ms: performance.now() - started } }),
        );
      },
      (error: unknown) => {
        if (mine !== generation) return;
        loading.textContent = `error: ${(error as Error).message ?? String(error)}`;
        console.error(error);
      },
    );
  };

  const showReadout = (pixel: PixelPosition | null) => {
    if (!pixel || !current) {
      readout.textContent = "";
      return;
    }
    const i = pixel.y * source.nx + pixel.x;
    const parts = [`y ${pixel.y}`, `x ${pixel.x}`, `value ${formatValue(current.data[i])}`];
    if (currentLabels) parts.push(`label ${currentLabels.data[i]}`);
    readout.textContent = parts.join("  ");
    readout.dataset.y = String(pixel.y);
    readout.dataset.x = String(pixel.x);
  };
  let lastPixel: PixelPosition | null = null;
  view.onHover = (pixel) => {
    lastPixel = pixel;
    showReadout(pixel);
  };

  const repaint = () => {
    paintImage();
    view.draw();
    showReadout(lastPixel);
  };
  disposer.add(
    model.on("change:index", (index) => {
      load(index);
    }),
  );
  disposer.add(model.on("change:lut", repaint));
  disposer.add(model.on("change:contrast", repaint));
  disposer.add(model.on("change:autoPercentiles", repaint));
  for (const key of ["labelsVisible", "labelAlpha", "outlines"] as const) {
    disposer.add(
      model.on(`change:${key}`, () => {
        paintLabels();
        view.draw();
      }),
    );
  }
  const resetButton = toolbar.root.querySelector<HTMLButtonElement>("[data-action=reset-view]");
  if (resetButton) disposer.listen(resetButton, "click", () => view.fit());
  bindKeys(view, model, source, disposer);

  load(model.get("index"));
  return {
    dispose: () => disposer.dispose(),
    view,
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = pending;
        await seen;
        await view.drawn();
      } while (seen !== pending);
    },
    plane: () => current,
  };
}
