/**
 * One view per bundle kind, from the widgets package: plane viewer (arrays, labels,
 * background masks), threshold viewer with Apply, measurements plot, table, progress.
 */
import type { IRenderMime } from "@jupyterlab/rendermime-interfaces";
import { Panel, Widget } from "@lumino/widgets";
import {
  type ArrayDescription,
  type BundleArray,
  measurementsFromJson,
  type NimaBundle,
  openBundleArray,
  type ThresholdBundle,
  thresholdApplyCode,
} from "@nima-ts/core";
import {
  MeasurementsPlot,
  multiscaleSource,
  type PlaneSource,
  PlaneViewer,
  ThresholdViewer,
} from "@nima-ts/widgets";
import { progressElement } from "./progress-view.js";
import { serverZarrStore } from "./store.js";
import { TableView } from "./table-view.js";

/** What a view needs from its host (the renderer): where files are, how to apply. */
export interface ViewContext {
  resolver: IRenderMime.IResolver | null;
  /** Sends the threshold viewer's code to the kernel (absent outside a notebook). */
  apply?: (code: string, mode: "kernel" | "cell") => Promise<string>;
}

async function openArray(
  description: ArrayDescription,
  context: ViewContext,
): Promise<PlaneSource> {
  const { data } = description;
  const store =
    data.storage === "zarr" ? await serverZarrStore(data.path, context.resolver) : undefined;
  // A multiscale image: tiles of the level matching the zoom, through the server, on demand.
  if (data.storage === "zarr" && data.levels?.length && store) return multiscaleSource(store);
  const array: BundleArray = await openBundleArray(description, { store });
  return array;
}

/**
 * The view's viewer (PlaneViewer, ThresholdViewer, …) as `node.nimaViewer`, so a page test or
 * the console can wait for it (`handle.idle()`) without reaching into Lumino internals.
 */
function exposeViewer(host: Widget, viewer: Widget): Widget {
  Object.defineProperty(host.node, "nimaViewer", { value: viewer, configurable: true });
  return host;
}

export async function createView(bundle: NimaBundle, context: ViewContext): Promise<Widget> {
  switch (bundle.kind) {
    case "array": {
      const viewer = new PlaneViewer(await openArray(bundle.array, context));
      return exposeViewer(viewer, viewer);
    }
    case "labels": {
      const labels = await openArray(bundle.labels, context);
      const image = bundle.image ? await openArray(bundle.image, context) : labels;
      const viewer = new PlaneViewer(image, { labels });
      return exposeViewer(viewer, viewer);
    }
    case "bg":
      return new PlaneViewer(
        await openArray(
          bundle.plane ?? {
            dims: ["Y", "X"],
            shape: bundle.shape,
            dtype: "uint8",
            coords: {},
            attrs: {},
            range: [0, 1],
            data: bundle.mask,
          },
          context,
        ),
      );
    case "threshold":
      return thresholdView(bundle, await openArray(bundle.image, context), context);
    case "measurements":
      return new MeasurementsPlot(measurementsFromJson(bundle));
    case "table":
      return new TableView(bundle.table, bundle.title);
    case "progress": {
      const widget = new Widget();
      widget.node.appendChild(progressElement(bundle));
      return widget;
    }
  }
}

function thresholdView(bundle: ThresholdBundle, source: PlaneSource, context: ViewContext): Widget {
  const { method, threshold, minSize } = bundle.params;
  const viewer = new ThresholdViewer(source, {
    state: { method, threshold: threshold ?? Number.NaN, minSize },
  });
  const panel = new Panel();
  panel.addClass("nima-ThresholdPanel");
  panel.addWidget(viewer);
  const bar = new Widget();
  bar.addClass("nima-ApplyBar");
  const status = document.createElement("span");
  status.className = "nima-ApplyStatus";
  const button = (label: string, title: string, mode: "kernel" | "cell") => {
    const el = document.createElement("button");
    el.className = "jp-Button nima-ApplyButton";
    el.textContent = label;
    el.title = title;
    el.dataset.mode = mode;
    el.addEventListener("click", async () => {
      const params = viewer.value;
      if (!params || !context.apply) {
        status.textContent = context.apply ? "no mask yet" : "not in a notebook";
        return;
      }
      const code = thresholdApplyCode(bundle.variable, params);
      status.textContent = "…";
      try {
        const result = await context.apply(code, mode);
        status.textContent =
          mode === "kernel"
            ? `${bundle.variable} set in the kernel (${result})`
            : "cell inserted below";
      } catch (error) {
        status.textContent = String(error instanceof Error ? error.message : error);
      }
      status.dataset.code = code;
    });
    return el;
  };
  bar.node.append(
    button("Apply", `Assign ${bundle.variable} in the kernel`, "kernel"),
    button("Insert cell", `Insert a code cell assigning ${bundle.variable}`, "cell"),
    status,
  );
  panel.addWidget(bar);
  exposeViewer(panel, viewer);
  return panel;
}
