/**
 * The plane viewer over a TileSource (a multiscale plane larger than memory): the same
 * toolbar, keys and read-out as renderPlaneViewer, but the plane is drawn tile by tile from
 * the pyramid level that matches the zoom (render/tile-layer.ts). The automatic contrast
 * comes from the coarsest level's percentiles, the only level read whole.
 */
import type { PlaneIndex } from "@nima-ts/core";
import { Disposer } from "../model.js";
import { CanvasView } from "../render/canvas-view.js";
import { colorize, colorizeLabels } from "../render/colorize.js";
import { lut } from "../render/lut.js";
import { type Plane, percentiles } from "../render/plane.js";
import { TileLayer } from "../render/tile-layer.js";
import { projectIndex } from "../sources/planes.js";
import { isTileSource, type TileSource } from "../sources/tiles.js";
import { ensureStyles } from "../styles.js";
import { element, formatValue } from "../ui/controls.js";
import { bindKeys } from "./keys.js";
import type { PlaneViewerHandle, PlaneViewerParts } from "./render.js";
import { buildToolbar } from "./toolbar.js";

/** What a tiled viewer's handle adds: its layers and the contrast in use. */
export interface TiledViewerHandle extends PlaneViewerHandle {
  image: TileLayer;
  labels?: TileLayer;
  contrast(): [number, number] | undefined;
}

export function renderTiledViewer(
  parts: PlaneViewerParts & { source: TileSource },
): TiledViewerHandle {
  const { model, el, source, labels } = parts;
  if (labels && !isTileSource(labels)) {
    throw new RangeError(
      `PlaneViewer: the image is a ${source.ny}×${source.nx} multiscale plane; its labels must be multiscale too (a tile source), not whole planes`,
    );
  }
  const document = el.ownerDocument;
  ensureStyles(document);
  const disposer = new Disposer();
  el.classList.add("nima-plane-viewer");
  const toolbar = buildToolbar(document, model, source, Boolean(labels), disposer);
  const view = new CanvasView(document);
  view.pixelSize = source.pixelSize;
  view.setImageSize(source.ny, source.nx);
  const status = element(document, "div", "nima-status");
  const readout = element(document, "span", "nima-readout");
  const loading = element(document, "span", "nima-loading");
  status.append(readout, loading);
  el.append(toolbar.root, view.element, status);

  const showError = (error: unknown) => {
    loading.textContent = `error: ${(error as Error).message ?? String(error)}`;
    console.error(error);
  };
  let contrast: [number, number] | undefined;
  const paintImage = (tile: Plane, out: Uint32Array) => {
    const channel = source.coords.C?.[model.get("index").C ?? 0];
    colorize(tile, contrast![0], contrast![1], lut(model.get("lut"), channel), out);
  };
  // Painting waits for the contrast (set in refresh).
  const image = new TileLayer(view, source, null, showError);
  const labelLayer = labels
    ? new TileLayer(
        view,
        labels as TileSource,
        (tile, out) =>
          colorizeLabels(tile, out, {
            fillAlpha: model.get("labelAlpha"),
            outlines: model.get("outlines"),
          }),
        showError,
      )
    : undefined;
  disposer.add(() => {
    image.setIndex(undefined);
    labelLayer?.setIndex(undefined);
    view.dispose();
    toolbar.root.remove();
    status.remove();
    el.classList.remove("nima-plane-viewer");
  });

  // The automatic contrast of each index, from the coarsest level read whole.
  const autoContrast = new Map<string, Promise<[number, number]>>();
  const coarsest = source.levels.length - 1;
  const coarsePlane = async (index: PlaneIndex): Promise<Plane> => {
    const { ny, nx, tileY, tileX } = source.levels[coarsest];
    const tiles: Promise<Plane>[] = [];
    for (let ty = 0; ty * tileY < ny; ty++) {
      for (let tx = 0; tx * tileX < nx; tx++) tiles.push(source.getTile(index, coarsest, ty, tx));
    }
    const loaded = await Promise.all(tiles);
    const Ctor = loaded[0].data.constructor as new (
      n: number,
    ) => Plane["data"] & {
      [i: number]: number;
    };
    const data = new Ctor(ny * nx);
    const perRow = Math.ceil(nx / tileX);
    loaded.forEach((tile, i) => {
      const [y0, x0] = [Math.floor(i / perRow) * tileY, (i % perRow) * tileX];
      for (let y = 0; y < tile.ny; y++) {
        for (let x = 0; x < tile.nx; x++) data[(y0 + y) * nx + x0 + x] = tile.data[y * tile.nx + x];
      }
    });
    return { data, ny, nx };
  };
  const contrastOf = (index: PlaneIndex): Promise<[number, number]> => {
    const fixed = model.get("contrast");
    if (fixed) return Promise.resolve([fixed[0], fixed[1]]);
    const key = `${source.dims.map((d) => index[d] ?? 0)}|${model.get("autoPercentiles")}`;
    let auto = autoContrast.get(key);
    if (!auto) {
      auto = coarsePlane(index).then((plane) => {
        const [lo, hi] = percentiles(plane.data, model.get("autoPercentiles"));
        return hi > lo ? [lo, hi] : [lo, lo + 1];
      });
      autoContrast.set(key, auto);
      auto.catch(() => autoContrast.delete(key));
    }
    return auto;
  };

  let generation = 0;
  let pending: Promise<void> = Promise.resolve();
  const refresh = (indexChanged: boolean) => {
    const mine = ++generation;
    const index = model.get("index");
    if (indexChanged) {
      image.setIndex(index);
      labelLayer?.setIndex(labels ? projectIndex(labels, index) : undefined);
    }
    loading.textContent = "loading…";
    pending = contrastOf(index).then(
      (limits) => {
        if (mine !== generation) return;
        contrast = limits;
        image.paint = paintImage;
        image.invalidate();
        toolbar.showContrast(limits[0], limits[1]);
        loading.textContent = "";
        view.draw();
      },
      (error: unknown) => {
        if (mine === generation) showError(error);
      },
    );
  };

  const showReadout = (pixel: { y: number; x: number } | null) => {
    const at = pixel && image.valueAt(pixel.y, pixel.x);
    if (!pixel || !at) {
      readout.textContent = "";
      return;
    }
    const parts = [`y ${pixel.y}`, `x ${pixel.x}`, `value ${formatValue(at.value)}`];
    if (at.level > 0) parts.push(`(level ${at.level})`);
    const label = labelLayer?.valueAt(pixel.y, pixel.x);
    if (label) parts.push(`label ${label.value}`);
    readout.textContent = parts.join("  ");
    readout.dataset.y = String(pixel.y);
    readout.dataset.x = String(pixel.x);
  };
  view.onHover = showReadout;

  disposer.add(model.on("change:index", () => refresh(true)));
  disposer.add(model.on("change:contrast", () => refresh(false)));
  disposer.add(model.on("change:autoPercentiles", () => refresh(false)));
  disposer.add(
    model.on("change:lut", () => {
      image.invalidate();
      view.draw();
    }),
  );
  for (const key of ["labelsVisible", "labelAlpha", "outlines"] as const) {
    disposer.add(
      model.on(`change:${key}`, () => {
        if (!labelLayer) return;
        labelLayer.visible = model.get("labelsVisible");
        labelLayer.invalidate();
        view.draw();
      }),
    );
  }
  const resetButton = toolbar.root.querySelector<HTMLButtonElement>("[data-action=reset-view]");
  if (resetButton) disposer.listen(resetButton, "click", () => view.fit());
  bindKeys(view, model, source, disposer);
  if (labelLayer) labelLayer.visible = model.get("labelsVisible");
  refresh(true);

  return {
    dispose: () => disposer.dispose(),
    view,
    image,
    labels: labelLayer,
    contrast: () => contrast,
    /** Resolves once the contrast is known and every tile the view needs is drawn. */
    idle: async () => {
      let seen: Promise<void>;
      do {
        seen = pending;
        await seen;
        await view.drawn();
      } while (seen !== pending || image.pending > 0 || (labelLayer?.pending ?? 0) > 0);
    },
    plane: () => undefined,
  };
}
