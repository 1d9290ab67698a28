/**
 * A tiled plane drawn into a CanvasView: on each draw the level matching the zoom is chosen,
 * its tiles meeting the viewport are drawn when decoded and requested otherwise; while they
 * load, the coarser levels' tiles already here stand in (OpenSeadragon's placeholders).
 * Tiles the view no longer needs are cancelled. Each tile is painted (LUT, contrast) once
 * into a small canvas, kept until the paint changes; no whole-plane buffer exists.
 */
import type { PlaneIndex } from "@nima-ts/core";
import type { TileSource } from "../sources/tiles.js";
import type { CanvasView } from "./canvas-view.js";
import type { Plane } from "./plane.js";
import {
  chooseLevel,
  levelFactor,
  type TileRef,
  tileBox,
  viewportBox,
  visibleTiles,
} from "./tile-grid.js";

/** Painted tiles kept (256 × 256 RGBA: 256 KiB each). */
const MAX_BITMAPS = 384;

export class TileLayer {
  visible = true;
  /** The index drawn; undefined draws nothing (e.g. labels without this plane). */
  private index: PlaneIndex | undefined;
  private readonly bitmaps = new Map<string, HTMLCanvasElement>();
  private readonly wanted = new Map<string, AbortController>();
  /** Level drawn last, for tests and the status line. */
  level = 0;

  constructor(
    private readonly view: CanvasView,
    readonly source: TileSource,
    /** Writes a decoded tile as RGBA (one uint32 per pixel); null: not ready (draws nothing). */
    public paint: ((tile: Plane, out: Uint32Array) => void) | null,
    private readonly onError: (error: unknown) => void,
  ) {
    view.painters.push((context) => this.draw(context));
  }

  /** Tiles requested and not yet here. */
  get pending(): number {
    return this.wanted.size;
  }

  setIndex(index: PlaneIndex | undefined): void {
    for (const controller of this.wanted.values()) controller.abort();
    this.wanted.clear();
    this.index = index;
    this.bitmaps.clear();
  }

  /** Repaint every tile (the LUT, contrast or style changed). */
  invalidate(): void {
    this.bitmaps.clear();
  }

  /** The value at full-resolution pixel (y, x) from the finest decoded tile, if any. */
  valueAt(y: number, x: number): { value: number; level: number } | undefined {
    if (!this.index) return undefined;
    const { levels } = this.source;
    for (let k = 0; k < levels.length; k++) {
      const f = levelFactor(levels, k);
      const [ly, lx] = [Math.floor(y / f), Math.floor(x / f)];
      const { tileY, tileX } = levels[k];
      const tile = this.source.peekTile(
        this.index,
        k,
        Math.floor(ly / tileY),
        Math.floor(lx / tileX),
      );
      if (tile) return { value: tile.data[(ly % tileY) * tile.nx + (lx % tileX)], level: k };
    }
    return undefined;
  }

  private draw(context: CanvasRenderingContext2D): void {
    const index = this.index;
    if (!this.visible || !index || !this.paint) return;
    // Not laid out yet (detached, display: none): its size and fit are not known, and a guess
    // would request full-resolution tiles of the whole plane.
    if (!this.view.element.isConnected || this.view.element.clientWidth === 0) return;
    const { levels } = this.source;
    const dpr = this.view.canvas.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    const { width, height } = this.view.cssSize();
    const box = viewportBox(this.view, width, height, this.source);
    const level = chooseLevel(levels, this.view.scale * dpr);
    this.level = level;
    const needed = visibleTiles(levels, level, box);
    const keys = new Set(needed.map((t) => this.key(t)));
    // Cancel what the view moved away from (a request other viewers share keeps running).
    for (const [key, controller] of this.wanted) {
      if (!keys.has(key)) {
        controller.abort();
        this.wanted.delete(key);
      }
    }
    const ready = needed.map((t) => this.bitmap(index, t));
    if (ready.some((b) => !b)) {
      // Placeholders: coarsest first, so finer ones cover them.
      for (let k = levels.length - 1; k > level; k--) {
        for (const t of visibleTiles(levels, k, box)) {
          const bitmap = this.bitmap(index, t);
          if (bitmap) this.drawTile(context, t, bitmap);
        }
      }
    }
    needed.forEach((t, i) => {
      const bitmap = ready[i];
      if (bitmap) this.drawTile(context, t, bitmap);
      else this.request(index, t);
    });
  }

  private drawTile(context: CanvasRenderingContext2D, t: TileRef, bitmap: HTMLCanvasElement) {
    const b = tileBox(this.source.levels, t);
    context.drawImage(bitmap, b.x0, b.y0, b.x1 - b.x0, b.y1 - b.y0);
  }

  private key({ level, ty, tx }: TileRef): string {
    return `${level}/${ty}/${tx}`;
  }

  /** The painted tile, painting it now if it is decoded; undefined if not loaded. */
  private bitmap(index: PlaneIndex, t: TileRef): HTMLCanvasElement | undefined {
    const key = this.key(t);
    const hit = this.bitmaps.get(key);
    if (hit) {
      this.bitmaps.delete(key);
      this.bitmaps.set(key, hit);
      return hit;
    }
    const tile = this.source.peekTile(index, t.level, t.ty, t.tx);
    if (!tile || !this.paint) return undefined;
    const canvas = this.view.canvas.ownerDocument.createElement("canvas");
    canvas.width = tile.nx;
    canvas.height = tile.ny;
    const pixels = new Uint32Array(tile.ny * tile.nx);
    this.paint(tile, pixels);
    const bytes = new Uint8ClampedArray(pixels.buffer);
    canvas.getContext("2d")!.putImageData(new ImageData(bytes, tile.nx, tile.ny), 0, 0);
    this.bitmaps.set(key, canvas);
    if (this.bitmaps.size > MAX_BITMAPS) {
      this.bitmaps.delete(this.bitmaps.keys().next().value as string);
    }
    return canvas;
  }

  private request(index: PlaneIndex, t: TileRef): void {
    const key = this.key(t);
    if (this.wanted.has(key)) return;
    const controller = new AbortController();
    this.wanted.set(key, controller);
    const settle = () => {
      if (this.wanted.get(key) !== controller) return false;
      this.wanted.delete(key);
      return true;
    };
    this.source.getTile(index, t.level, t.ty, t.tx, { signal: controller.signal }).then(
      () => {
        if (settle()) this.view.requestDraw();
      },
      (error: unknown) => {
        if (settle() && !controller.signal.aborted) this.onError(error);
      },
    );
  }
}
