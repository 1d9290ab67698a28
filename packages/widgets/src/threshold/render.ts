/**
 * renderThresholdViewer: a plane with its histogram (log scale), the method (yen, li, otsu or
 * manual) with the computed thresholds, a draggable threshold marker, the live mask (nima.segment's
 * steps, computed in a worker), a min-size slider and the object count. Each settled mask sets
 * the model's `value` and fires `nima:threshold` on `el` with the parameters.
 */
import { Disposer, type Model } from "../model.js";
import { positionLabel } from "../plane-viewer/state.js";
import { CanvasView } from "../render/canvas-view.js";
import { colorize, colorizeLabels } from "../render/colorize.js";
import { lut } from "../render/lut.js";
import { type Plane, percentiles } from "../render/plane.js";
import type { PlaneSource } from "../sources/planes.js";
import { ensureStyles } from "../styles.js";
import { element, formatValue, numberInput, select, slider } from "../ui/controls.js";
import { type PlaneSummary, THRESHOLD_METHODS, type ThresholdMethod } from "./analysis.js";
import { type Analysis, defaultAnalysis } from "./analysis-client.js";
import { HistogramView, METHOD_COLOURS } from "./histogram-view.js";
import type { ThresholdParams, ThresholdViewerState } from "./state.js";

export interface ThresholdViewerParts {
  model: Model<ThresholdViewerState>;
  el: HTMLElement;
  source: PlaneSource;
  analysis?: Analysis;
}

export interface ThresholdViewerHandle {
  dispose(): void;
  view: CanvasView;
  histogram: HistogramView;
  /** Resolves once the mask for the current parameters is drawn. */
  idle(): Promise<void>;
}

export function renderThresholdViewer(parts: ThresholdViewerParts): ThresholdViewerHandle {
  const { model, el, source } = parts;
  const document = el.ownerDocument;
  ensureStyles(document);
  const disposer = new Disposer();
  const analysis = parts.analysis ?? defaultAnalysis();
  if (!parts.analysis) disposer.add(() => analysis.dispose());
  el.classList.add("nima-threshold-viewer");

  const toolbar = element(document, "div", "nima-toolbar");
  const dims = element(document, "div", "nima-row");
  for (const dim of source.dims) {
    if (source.sizes[dim] < 2) continue;
    const s = slider(document, dim, { min: 0, max: source.sizes[dim] - 1, value: 0 });
    const show = () =>
      s.show(
        model.get("index")[dim] ?? 0,
        positionLabel(source, dim, model.get("index")[dim] ?? 0),
      );
    show();
    disposer.listen(s.input, "input", () =>
      model.set("index", { ...model.get("index"), [dim]: Number(s.input.value) }),
    );
    disposer.add(model.on("change:index", show));
    dims.append(s.root);
  }
  const controls = element(document, "div", "nima-row");
  const method = select(document, "method", THRESHOLD_METHODS, model.get("method"));
  const threshold = numberInput(document, "threshold", model.get("threshold"));
  const minSize = slider(document, "min size", {
    min: 0,
    max: model.get("minSizeMax"),
    value: model.get("minSize"),
  });
  const count = element(document, "span", "nima-count");
  controls.append(method.root, threshold.root, minSize.root, count);
  const computed = element(document, "div", "nima-row nima-computed");
  toolbar.append(dims, controls, computed);

  const body = element(document, "div", "nima-threshold-body");
  const histogram = new HistogramView(document);
  const view = new CanvasView(document);
  view.setImageSize(source.ny, source.nx);
  const image = view.addLayer();
  const overlay = view.addLayer();
  body.append(histogram.element, view.element);
  const status = element(document, "div", "nima-status");
  el.append(toolbar, body, status);
  disposer.add(() => {
    histogram.dispose();
    view.dispose();
    toolbar.remove();
    body.remove();
    status.remove();
    el.classList.remove("nima-threshold-viewer");
  });

  const n = source.ny * source.nx;
  const pixels = new Uint32Array(n);
  const overlayPixels = new Uint32Array(n);
  let maskLabels: Int32Array | undefined;
  const paintMask = () => {
    if (!maskLabels) return;
    colorizeLabels({ data: maskLabels, ny: source.ny, nx: source.nx }, overlayPixels, {
      fillAlpha: model.get("maskAlpha"),
      outlines: true,
    });
    view.putPixels(overlay, overlayPixels);
    view.draw();
  };
  let plane: Plane | undefined;
  let planeKey = "";
  let summary: PlaneSummary | undefined;
  let generation = 0;
  let pending: Promise<void> = Promise.resolve();
  const keyOf = (index: Record<string, number>) =>
    source.dims.map((d) => `${d}=${index[d] ?? 0}`).join(",");

  // ---- user input → model ----
  disposer.listen(method.input, "change", () => {
    const chosen = method.input.value as ThresholdMethod;
    model.set("method", chosen);
    if (chosen !== "manual" && summary) model.set("threshold", summary.thresholds[chosen]);
  });
  const setManual = (value: number) => {
    if (!Number.isFinite(value)) return;
    model.set("method", "manual");
    model.set("threshold", value);
  };
  disposer.listen(threshold.input, "change", () => setManual(Number(threshold.input.value)));
  histogram.onThreshold = setManual;
  disposer.listen(minSize.input, "input", () => model.set("minSize", Number(minSize.input.value)));

  // ---- model → view ----
  const showControls = () => {
    method.input.value = model.get("method");
    threshold.input.value = formatValue(model.get("threshold"));
    minSize.show(model.get("minSize"));
    histogram.threshold = model.get("threshold");
    histogram.draw();
  };
  showControls();

  /** Masks: one request in flight; changes meanwhile collapse into the latest. */
  let maskBusy = false;
  let maskQueued = false;
  const requestMask = () => {
    if (!plane || !Number.isFinite(model.get("threshold"))) return;
    if (maskBusy) {
      maskQueued = true;
      return;
    }
    maskBusy = true;
    const started = performance.now();
    const params = { threshold: model.get("threshold"), minSize: model.get("minSize") };
    const mine = generation;
    const current = plane;
    pending = analysis.mask(planeKey, current, params.threshold, params.minSize).then(
      (mask) => {
        maskBusy = false;
        if (mine === generation) {
          maskLabels = mask.labels;
          paintMask();
          count.textContent = `${mask.count} object${mask.count === 1 ? "" : "s"}`;
          const value: ThresholdParams = {
            method: model.get("method"),
            ...params,
            index: { ...model.get("index") },
            count: mask.count,
          };
          model.set("value", value);
          const ms = performance.now() - started;
          el.dispatchEvent(
            new CustomEvent("nima:threshold", { detail: { ...value, ms, workerMs: mask.ms } }),
          );
        }
        if (maskQueued) {
          maskQueued = false;
          requestMask();
        }
      },
      (error: unknown) => {
        maskBusy = false;
        status.textContent = `error: ${(error as Error).message}`;
        console.error(error);
      },
    );
  };

  const loadPlane = () => {
    const mine = ++generation;
    const index = model.get("index");
    status.textContent = source.isCached?.(index) ? "" : "loading…";
    pending = source
      .getPlane(index)
      .then(async (loaded) => {
        if (mine !== generation) return;
        const key = keyOf(index);
        const stats = await analysis.summary(key, loaded);
        if (mine !== generation) return;
        plane = loaded;
        planeKey = key;
        summary = stats;
        const [lo, hi] = percentiles(loaded.data, [0.5, 99.5]);
        colorize(loaded, lo, hi > lo ? hi : lo + 1, lut("gray"), pixels);
        view.putPixels(image, pixels);
        view.draw();
        histogram.summary = stats;
        computed.replaceChildren(
          ...(["yen", "li", "otsu"] as const).map((m) => {
            const item = element(
              document,
              "span",
              undefined,
              `${m} ${formatValue(stats.thresholds[m])}`,
            );
            item.style.borderBottom = `2px solid ${METHOD_COLOURS[m]}`;
            return item;
          }),
        );
        status.textContent = "";
        const chosen = model.get("method");
        if (chosen !== "manual") model.set("threshold", stats.thresholds[chosen]);
        showControls();
        requestMask();
      })
      .catch((error: unknown) => {
        status.textContent = `error: ${(error as Error).message}`;
        console.error(error);
      });
  };

  disposer.add(model.on("change:index", loadPlane));
  disposer.add(
    model.on("change:method", (chosen) => {
      showControls();
      if (chosen !== "manual" && summary) model.set("threshold", summary.thresholds[chosen]);
    }),
  );
  disposer.add(
    model.on("change:threshold", () => {
      showControls();
      requestMask();
    }),
  );
  disposer.add(
    model.on("change:minSize", () => {
      showControls();
      requestMask();
    }),
  );
  disposer.add(model.on("change:maskAlpha", paintMask));
  loadPlane();

  return {
    dispose: () => disposer.dispose(),
    view,
    histogram,
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = pending;
        await seen;
        await view.drawn();
      } while (seen !== pending);
    },
  };
}
