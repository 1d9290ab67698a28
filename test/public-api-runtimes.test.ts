/**
 * The public namespaces load wherever @nima-ts/core is used: from CommonJS `require` inside
 * vm.runInThisContext (how tslab runs a notebook cell), and bundled for the browser from
 * `@nima-ts/core/browser` (run in Chromium when it is installed).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { build } from "vite";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
const NAMESPACES = ["filters", "morphology", "measure", "segmentation", "ndimage", "stats"];

// 4×4 ramp: its Otsu threshold and the gaussian of its first pixel are fixed numbers.
const PROBE = `
  const data = Float64Array.from({ length: 16 }, (_, i) => i);
  const p = { data, shape: [4, 4] };
  const result = {
    namespaces: NAMESPACES.map((n) => typeof core[n] === "object" && Object.keys(core[n]).length > 2),
    otsu: core.filters.thresholdOtsu(p),
    labels: Array.from(core.measure.label({ data: Uint8Array.from(data, (v) => v % 5 === 0), shape: [4, 4], dtype: "bool" }, { connectivity: 1 }).data),
    p50: core.stats.percentile(data, 50, { method: "lower" }),
  };`;

describe("the namespaces from CommonJS under vm.runInThisContext (tslab)", () => {
  it("requires each namespace, also by subpath, and computes eagerly and in workers", () => {
    const body = `const core = require("@nima-ts/core");
const NAMESPACES = ${JSON.stringify(NAMESPACES)};
${PROBE}
result.subpaths = NAMESPACES.map((n) =>
  Object.keys(require("@nima-ts/core/" + n)).join() === Object.keys(core[n]).join());
const x = core.DataArray.from(Float64Array.from({ length: 32 }, (_, i) => i), { shape: [2, 4, 4], dims: ["T", "Y", "X"] });
const t = await core.filters.thresholdOtsu(x).compute({ workers: 2 });
result.lazy = Array.from(t.values);
await core.closeSharedPools();
return result;`;
    const cell = `
const vm = require("node:vm");
const run = vm.runInThisContext(${JSON.stringify(`(async function (require) {${body}})`)});
run(require).then((r) => { console.log(JSON.stringify(r)); process.exit(0); },
  (e) => { console.error(e); process.exit(1); });`;
    const r = spawnSync(process.execPath, ["--no-warnings", "--input-type=commonjs", "-e", cell], {
      cwd: root,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout);
    expect(result.namespaces).toEqual(NAMESPACES.map(() => true));
    expect(result.subpaths).toEqual(NAMESPACES.map(() => true));
    expect(result.otsu).toBeGreaterThan(0);
    expect(result.labels).toEqual([1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4]);
    expect(result.p50).toBe(7);
    expect(result.lazy).toHaveLength(2);
  });
});

describe.skipIf(!existsSync(CHROMIUM))("the namespaces bundled for the browser", () => {
  it("bundles @nima-ts/core/browser (no Node built-ins) and runs it in Chromium", async () => {
    mkdirSync(join(root, "test", "artifacts"), { recursive: true });
    // Inside the checkout, so the bundler resolves @nima-ts/core from node_modules.
    const dir = mkdtempSync(join(root, "test", "artifacts", "browser-api-"));
    try {
      const entry = join(dir, "entry.js");
      writeFileSync(
        entry,
        `import * as core from "@nima-ts/core/browser";
const NAMESPACES = ${JSON.stringify(NAMESPACES)};
${PROBE}
globalThis.probe = result;`,
      );
      const out = await build({
        configFile: false,
        logLevel: "silent",
        root,
        build: {
          write: false,
          minify: false,
          lib: { entry, formats: ["iife"], name: "probeBundle" },
        },
      });
      const chunks = (Array.isArray(out) ? out[0] : out) as { output: { code?: string }[] };
      const code = chunks.output.map((c) => c.code ?? "").join("\n");
      expect(code).not.toMatch(/from\s*["']node:|require\(["']node:/);
      const context = await chromium.launchPersistentContext(mkdtempSync(join(dir, "p-")), {
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu"],
      });
      try {
        const page = await context.newPage();
        await page.setContent("<html><body></body></html>");
        await page.addScriptTag({ content: code });
        const result = await page.evaluate(() => (globalThis as { probe?: unknown }).probe);
        expect(result).toMatchObject({
          namespaces: NAMESPACES.map(() => true),
          labels: [1, 0, 0, 0, 0, 2, 0, 0, 0, 0, 3, 0, 0, 0, 0, 4],
          p50: 7,
        });
      } finally {
        await context.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
