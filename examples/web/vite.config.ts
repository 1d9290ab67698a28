/**
 * The demo page: `npm run demo:web -w @nima-ts/widgets` serves it, `vite build` makes a static
 * site in examples/web/dist with the sample stack beside it (examples/data is the public dir).
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Cross-origin isolation: without it there is no SharedArrayBuffer and workers get copies. */
export const ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
  "Cross-Origin-Resource-Policy": "same-origin",
};

export default defineConfig({
  root: here("."),
  base: "./",
  publicDir: here("../data"),
  resolve: {
    // The packages' sources, not their builds: the page never runs a stale dist, and the dev
    // server reloads on a change to either package. (core's "./browser" and "./worker"
    // subpaths are reached the same way.)
    alias: [
      { find: /^@nima-ts\/core$/, replacement: here("../../packages/core/src/index.ts") },
      {
        find: /^@nima-ts\/core\/browser$/,
        replacement: here("../../packages/core/src/browser/index.ts"),
      },
      {
        find: /^@nima-ts\/core\/worker(?=$|\?)/,
        replacement: here("../../packages/core/src/scheduler/worker.ts"),
      },
      { find: /^@nima-ts\/widgets$/, replacement: here("../../packages/widgets/src/index.ts") },
    ],
  },
  // Workers load kernels with import(): only ES-module workers can split code.
  worker: { format: "es" },
  server: { host: "127.0.0.1", headers: ISOLATION_HEADERS },
  preview: { host: "127.0.0.1", headers: ISOLATION_HEADERS },
  build: {
    outDir: here("dist"),
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: {
      input: { main: here("index.html"), bench: here("bench.html"), tiles: here("tiles.html") },
    },
  },
});
