/** The plane viewer's keys on the focused image: ←/→ T, ↑/↓ Z, c next channel, 0 or r reset, +/- zoom. */
import type { Disposer, Model } from "../model.js";
import type { CanvasView } from "../render/canvas-view.js";
import type { PlaneSource } from "../sources/planes.js";
import type { PlaneViewerState } from "./state.js";

export function bindKeys(
  view: CanvasView,
  model: Model<PlaneViewerState>,
  source: PlaneSource,
  disposer: Disposer,
): void {
  const step = (dim: string, delta: number) => {
    if (!source.dims.includes(dim)) return false;
    const index = model.get("index");
    const size = source.sizes[dim];
    const next =
      dim === "C"
        ? (index[dim] + delta + size) % size
        : Math.min(size - 1, Math.max(0, index[dim] + delta));
    model.set("index", { ...index, [dim]: next });
    return true;
  };
  const centre = () => [view.canvas.clientWidth / 2, view.canvas.clientHeight / 2] as const;
  const handleKey = (key: string): boolean => {
    switch (key) {
      case "ArrowRight":
        return step("T", 1);
      case "ArrowLeft":
        return step("T", -1);
      case "ArrowUp":
        return step("Z", 1);
      case "ArrowDown":
        return step("Z", -1);
      case "c":
        return step("C", 1);
      case "r":
      case "0":
        view.fit();
        return true;
      case "+":
      case "=":
        view.zoom(1.25, ...centre());
        return true;
      case "-":
        view.zoom(0.8, ...centre());
        return true;
      default:
        return false;
    }
  };
  disposer.listen(view.canvas, "keydown", (event: KeyboardEvent) => {
    if (handleKey(event.key)) event.preventDefault();
  });
}
