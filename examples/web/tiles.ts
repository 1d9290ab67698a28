/**
 * A multiscale OME-Zarr plane (e.g. written by core's `tiled.writeTiledPyramid`) in the plane
 * viewer, read tile by tile from the pyramid level that matches the zoom. The store is named
 * by `?zarr=` (default huge.zarr beside the page), its labels pyramid by `?labels=`.
 */
import { Widget } from "@lumino/widgets";
import {
  multiscaleSource,
  PlaneViewer,
  type TiledViewerHandle,
  viewportBox,
  visibleTiles,
} from "@nima-ts/widgets";

const params = new URLSearchParams(location.search);
const url = (name: string) => new URL(name, document.baseURI).href;
const statusLine = document.getElementById("status")!;

async function main() {
  const source = await multiscaleSource(url(params.get("zarr") ?? "huge.zarr"));
  const labelsName = params.get("labels");
  const labels = labelsName ? await multiscaleSource(url(labelsName)) : undefined;
  const viewer = new PlaneViewer(source, { labels });
  Widget.attach(viewer, document.getElementById("tiles")!);
  const levels = source.levels.map((l) => `${l.ny}×${l.nx}`).join(", ");
  statusLine.textContent = `${source.ny}×${source.nx} ${source.dtype}, levels ${levels}`;
  return { viewer, source, labels, handle: viewer.handle as TiledViewerHandle };
}

const ready = main();
ready.catch((error: unknown) => {
  statusLine.textContent = `error: ${error instanceof Error ? error.message : String(error)}`;
});
// The tests check requests against the viewer's own geometry.
Object.assign(window, { nimaTiles: { ready, geometry: { visibleTiles, viewportBox } } });
