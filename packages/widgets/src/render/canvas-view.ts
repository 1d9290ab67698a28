/**
 * A canvas that shows image layers (each an nx×ny canvas) with zoom (wheel, around the
 * cursor), pan (drag) and reset (double-click, or `fit()`), nearest-neighbour so pixels stay
 * square, plus a scale bar when the pixel size is known. Pixels reach the layers as ImageData:
 * the platform's own path to the screen.
 */

export interface Layer {
  canvas: HTMLCanvasElement;
  alpha: number;
  visible: boolean;
}

export interface PixelPosition {
  y: number;
  x: number;
}

export class CanvasView {
  readonly element: HTMLDivElement;
  readonly canvas: HTMLCanvasElement;
  readonly layers: Layer[] = [];
  /** Screen (CSS px) = t + pixel · scale. */
  scale = 1;
  tx = 0;
  ty = 0;
  ny = 1;
  nx = 1;
  pixelSize?: { size: number; unit: string };
  /**
   * Drawn under the layers with the image transform set (1 unit = 1 full-resolution pixel):
   * tiled planes draw their tiles here instead of holding a whole-plane layer.
   */
  readonly painters: Array<(context: CanvasRenderingContext2D) => void> = [];
  /** Called with the pixel under the pointer, or null when it leaves the image. */
  onHover: (pixel: PixelPosition | null) => void = () => {};
  private fitted = true;
  private frame = 0;
  private readonly cleanups: Array<() => void> = [];

  constructor(document: Document) {
    this.element = document.createElement("div");
    this.element.className = "nima-canvas-view";
    this.canvas = document.createElement("canvas");
    this.canvas.tabIndex = 0;
    this.element.append(this.canvas);
    this.bindPointer();
    const observer = new ResizeObserver(() => this.resize());
    observer.observe(this.element);
    this.cleanups.push(() => observer.disconnect());
  }

  /** A layer canvas of the image size, drawn over the previous ones. */
  addLayer(alpha = 1): Layer {
    const canvas = this.canvas.ownerDocument.createElement("canvas");
    canvas.width = this.nx;
    canvas.height = this.ny;
    const layer = { canvas, alpha, visible: true };
    this.layers.push(layer);
    return layer;
  }

  /** Sets the image size; the layers are resized and the view refitted if it changed. */
  setImageSize(ny: number, nx: number): void {
    if (ny === this.ny && nx === this.nx) return;
    this.ny = ny;
    this.nx = nx;
    // The image's aspect, for hosts that size the view to it (JupyterLab output cells).
    this.element.style.setProperty("--nima-aspect", `${nx} / ${ny}`);
    this.element.style.setProperty("--nima-aspect-ratio", String(nx / ny));
    for (const layer of this.layers) {
      layer.canvas.width = nx;
      layer.canvas.height = ny;
    }
    this.fit();
  }

  /** Writes RGBA pixels (uint32 per pixel) into a layer. */
  putPixels(layer: Layer, pixels: Uint32Array): void {
    const context = layer.canvas.getContext("2d")!;
    const bytes = new Uint8ClampedArray(
      pixels.buffer as ArrayBuffer,
      pixels.byteOffset,
      this.ny * this.nx * 4,
    );
    context.putImageData(new ImageData(bytes, this.nx, this.ny), 0, 0);
  }

  /** Fits the whole image in the view, centred. */
  fit(): void {
    const { width, height } = this.cssSize();
    this.scale = Math.max(1e-3, Math.min(width / this.nx, height / this.ny));
    this.tx = (width - this.nx * this.scale) / 2;
    this.ty = (height - this.ny * this.scale) / 2;
    this.fitted = true;
    this.requestDraw();
  }

  /** Zooms by `factor` keeping the point (sx, sy) of the view (CSS px) in place. */
  zoom(factor: number, sx: number, sy: number): void {
    const scale = Math.min(256, Math.max(0.01, this.scale * factor));
    this.tx = sx - ((sx - this.tx) * scale) / this.scale;
    this.ty = sy - ((sy - this.ty) * scale) / this.scale;
    this.scale = scale;
    this.fitted = false;
    this.requestDraw();
  }

  pan(dx: number, dy: number): void {
    this.tx += dx;
    this.ty += dy;
    this.fitted = false;
    this.requestDraw();
  }

  /** The pixel under a client point, or null outside the image. */
  pixelAt(clientX: number, clientY: number): PixelPosition | null {
    const rect = this.canvas.getBoundingClientRect();
    const x = Math.floor((clientX - rect.left - this.tx) / this.scale);
    const y = Math.floor((clientY - rect.top - this.ty) / this.scale);
    return x >= 0 && y >= 0 && x < this.nx && y < this.ny ? { y, x } : null;
  }

  /** The client point at the centre of pixel (y, x) (tests move the mouse there). */
  clientPointOf(y: number, x: number): { clientX: number; clientY: number } {
    const rect = this.canvas.getBoundingClientRect();
    return {
      clientX: rect.left + this.tx + (x + 0.5) * this.scale,
      clientY: rect.top + this.ty + (y + 0.5) * this.scale,
    };
  }

  requestDraw(): void {
    if (this.frame) return;
    const view = this.canvas.ownerDocument.defaultView;
    this.frame = view?.requestAnimationFrame(() => this.draw()) ?? 0;
    if (!view) this.draw();
  }

  /** Resolves once no draw is pending (a refit after a resize, a zoom): the pixels are final. */
  async drawn(): Promise<void> {
    const view = this.canvas.ownerDocument.defaultView;
    if (!view) return;
    do {
      await new Promise((resolve) => view.requestAnimationFrame(resolve));
    } while (this.frame);
  }

  /** Draws now (views call it after new pixels so a switch shows in the same frame). */
  draw(): void {
    if (this.frame) this.canvas.ownerDocument.defaultView?.cancelAnimationFrame(this.frame);
    this.frame = 0;
    const context = this.canvas.getContext("2d")!;
    const dpr = this.canvas.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, this.canvas.width, this.canvas.height);
    context.imageSmoothingEnabled = false;
    context.setTransform(dpr * this.scale, 0, 0, dpr * this.scale, dpr * this.tx, dpr * this.ty);
    for (const paint of this.painters) paint(context);
    for (const layer of this.layers) {
      if (!layer.visible || layer.alpha <= 0) continue;
      context.globalAlpha = layer.alpha;
      context.drawImage(layer.canvas, 0, 0);
    }
    context.globalAlpha = 1;
    context.setTransform(dpr, 0, 0, dpr, 0, 0);
    if (this.pixelSize) this.drawScaleBar(context);
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.element.remove();
  }

  private drawScaleBar(context: CanvasRenderingContext2D): void {
    const { size, unit } = this.pixelSize!;
    const { width, height } = this.cssSize();
    // The largest 1, 2 or 5 × 10^k physical length that fits in ~120 CSS px.
    const target = (120 / this.scale) * size;
    const power = 10 ** Math.floor(Math.log10(target));
    const nice = [5, 2, 1].map((m) => m * power).find((v) => v <= target) ?? power;
    const length = (nice / size) * this.scale;
    const x = width - 16 - length;
    const y = height - 18;
    context.fillStyle = "rgba(0, 0, 0, 0.5)";
    context.fillRect(x - 6, y - 18, length + 12, 28);
    context.fillStyle = "#fff";
    context.fillRect(x, y, length, 4);
    context.font = "12px sans-serif";
    context.textAlign = "center";
    context.fillText(`${nice} ${unit}`, x + length / 2, y - 4);
  }

  /** The view's size in CSS pixels. */
  cssSize(): { width: number; height: number } {
    return {
      width: this.element.clientWidth || this.nx,
      height: this.element.clientHeight || this.ny,
    };
  }

  private resize(): void {
    const dpr = this.canvas.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    const { width, height } = this.cssSize();
    this.canvas.width = Math.max(1, Math.round(width * dpr));
    this.canvas.height = Math.max(1, Math.round(height * dpr));
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${height}px`;
    // Setting the canvas size cleared it: draw in this frame, not the next, or the view
    // shows a blank frame (and a page test reading pixels right after sees nothing).
    if (this.fitted) this.fit();
    this.draw();
  }

  private bindPointer(): void {
    const canvas = this.canvas;
    let drag: { x: number; y: number } | null = null;
    const on = <K extends keyof HTMLElementEventMap>(
      type: K,
      listener: (event: HTMLElementEventMap[K]) => void,
      options?: AddEventListenerOptions,
    ) => {
      canvas.addEventListener(type, listener, options);
      this.cleanups.push(() => canvas.removeEventListener(type, listener, options));
    };
    on(
      "wheel",
      (event) => {
        event.preventDefault();
        const rect = canvas.getBoundingClientRect();
        const unit = event.deltaMode === 1 ? 40 : event.deltaMode === 2 ? 400 : 1;
        const factor = 2 ** (-(event.deltaY * unit) / 300);
        this.zoom(factor, event.clientX - rect.left, event.clientY - rect.top);
      },
      { passive: false },
    );
    on("pointerdown", (event) => {
      if (event.button !== 0) return;
      drag = { x: event.clientX, y: event.clientY };
      canvas.setPointerCapture(event.pointerId);
      canvas.focus();
    });
    on("pointermove", (event) => {
      if (drag) {
        this.pan(event.clientX - drag.x, event.clientY - drag.y);
        drag = { x: event.clientX, y: event.clientY };
      }
      this.onHover(this.pixelAt(event.clientX, event.clientY));
    });
    const end = (event: PointerEvent) => {
      drag = null;
      if (canvas.hasPointerCapture(event.pointerId)) canvas.releasePointerCapture(event.pointerId);
    };
    on("pointerup", end);
    on("pointercancel", end);
    on("pointerleave", () => this.onHover(null));
    on("dblclick", () => this.fit());
  }
}
