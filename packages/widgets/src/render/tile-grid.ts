/**
 * Which pyramid level and which of its tiles a view needs: the level whose pixels are about
 * one screen pixel, and the tiles of it that meet the viewport (viv's and OpenSeadragon's
 * rule). Pure geometry, in full-resolution pixels; levels halve Y and X one after another.
 */

export interface LevelGrid {
  ny: number;
  nx: number;
  tileY: number;
  tileX: number;
}

/** A box in full-resolution pixels: rows [y0, y1) × columns [x0, x1). */
export interface Box {
  y0: number;
  y1: number;
  x0: number;
  x1: number;
}

export interface TileRef {
  level: number;
  ty: number;
  tx: number;
}

/**
 * How many full-resolution pixels one pixel of `level` spans: the nearest power of two to the
 * size ratio (levels of odd sizes round up, e.g. 97 → 49, still a factor 2).
 */
export function levelFactor(levels: readonly LevelGrid[], level: number): number {
  return 2 ** Math.round(Math.log2(levels[0].nx / levels[level].nx));
}

/**
 * The level to draw at `scale` device pixels per full-resolution pixel: the one whose pixel
 * is nearest (in log scale) to one device pixel, so a level pixel covers 0.7–1.4 screen pixels.
 */
export function chooseLevel(levels: readonly LevelGrid[], scale: number): number {
  const wanted = Math.log2(1 / scale);
  let best = 0;
  for (let k = 1; k < levels.length; k++) {
    const here = Math.abs(Math.log2(levelFactor(levels, k)) - wanted);
    if (here < Math.abs(Math.log2(levelFactor(levels, best)) - wanted)) best = k;
  }
  return best;
}

/** The part of the plane (full-resolution pixels) a view of `width` × `height` shows. */
export function viewportBox(
  view: { scale: number; tx: number; ty: number },
  width: number,
  height: number,
  plane: { ny: number; nx: number },
): Box {
  const clamp = (v: number, n: number) => Math.min(n, Math.max(0, v));
  return {
    y0: clamp(-view.ty / view.scale, plane.ny),
    y1: clamp((height - view.ty) / view.scale, plane.ny),
    x0: clamp(-view.tx / view.scale, plane.nx),
    x1: clamp((width - view.tx) / view.scale, plane.nx),
  };
}

/** The tiles of `level` that meet `box`, row by row. */
export function visibleTiles(levels: readonly LevelGrid[], level: number, box: Box): TileRef[] {
  const { ny, nx, tileY, tileX } = levels[level];
  if (box.y1 <= box.y0 || box.x1 <= box.x0) return [];
  const f = levelFactor(levels, level);
  const last = (v: number, tile: number, n: number) =>
    Math.min(Math.ceil(n / tile) - 1, Math.ceil(v / f / tile) - 1);
  const ty0 = Math.floor(box.y0 / f / tileY);
  const tx0 = Math.floor(box.x0 / f / tileX);
  const ty1 = last(box.y1, tileY, ny);
  const tx1 = last(box.x1, tileX, nx);
  const out: TileRef[] = [];
  for (let ty = ty0; ty <= ty1; ty++) {
    for (let tx = tx0; tx <= tx1; tx++) out.push({ level, ty, tx });
  }
  return out;
}

/** Where tile (ty, tx) of `level` lies, in full-resolution pixels (clipped to the plane). */
export function tileBox(levels: readonly LevelGrid[], { level, ty, tx }: TileRef): Box {
  const { ny, nx, tileY, tileX } = levels[level];
  const f = levelFactor(levels, level);
  return {
    y0: ty * tileY * f,
    y1: Math.min(levels[0].ny, Math.min(ny, (ty + 1) * tileY) * f),
    x0: tx * tileX * f,
    x1: Math.min(levels[0].nx, Math.min(nx, (tx + 1) * tileX) * f),
  };
}
