import { DataArray, nima, readImage } from "./src/index.ts";
const N = Number(process.env.N ?? 4096), T = Number(process.env.TILE ?? 1024);
function cells(seed: number) {
  let s = seed >>> 0; const r = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const planes = [0, 1, 2].map(() => new Uint16Array(N * N));
  for (const p of planes) for (let i = 0; i < p.length; i++) p[i] = 20 + Math.floor(r() * 7);
  for (let k = 0; k < (N * N) / 3000; k++) {
    const cy = r() * N, cx = r() * N, rad = 8 + r() * 20;
    for (let y = Math.max(0, Math.floor(cy - rad)); y < Math.min(N, cy + rad); y++)
      for (let x = Math.max(0, Math.floor(cx - rad)); x < Math.min(N, cx + rad); x++)
        if ((y - cy) ** 2 + (x - cx) ** 2 < rad * rad) planes.forEach((p, c) => { p[y * N + x] = 300 * (c + 1) + Math.floor(r() * 50); });
  }
  const data = new Uint16Array(3 * N * N); planes.forEach((p, c) => data.set(p, c * N * N));
  return DataArray.from(data, { dims: ["T", "C", "Y", "X"], shape: [1, 3, N, N], coords: { C: ["G", "R", "C"] } });
}
const path = `/tmp/perf/cells-${N}.zarr`;
const { existsSync } = await import("node:fs");
if (!existsSync(path)) await cells(1).rechunk({ Y: T, X: T }).toZarr(path, { level: 0 } as never);
let peak = 0; const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
async function pipeline(im: DataArray, label: string) {
  const t0 = performance.now();
  const med = nima.median(im);
  const { image } = nima.bg(med, { kind: "li_li" });
  const labels = nima.segment(image, { minSize: 100 });
  const tables = await nima.measure(image, labels, { ratiosFromImage: false }, { memoryBudget: 2 ** 31 });
  console.log(label, ((performance.now() - t0) / 1000).toFixed(1), "s", tables.size, "labels", "peak RSS", (peak / 2 ** 30).toFixed(2), "GiB");
  return [...tables].map(([k, t]) => `${k}\n${t.toCSV()}`).join("\n");
}
const whole = await pipeline(await readImage(path), "whole");
peak = 0;
const tiledCsv = await pipeline(await readImage(path, { chunks: "stored" }), "tiled");
console.log("same tables", whole === tiledCsv);
clearInterval(timer); process.exit(0);
