/**
 * The widgets' browser tests: builds the demo page, serves it cross-origin isolated on
 * 127.0.0.1, drives it in Debian's Chromium (headless) and checks what a person would see.
 * Screenshots land in test/artifacts/. Ends with "N passed, N failed"; exits 1 on a failure.
 *
 *   npx tsx test/browser/run.ts        (after `npm run build`: it uses the built packages)
 */
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { closeSharedPools } from "@nima-ts/core";
import { expectedFromNode } from "./expected.js";
import { type Check, type Outcome, runChecks } from "./harness.js";
import { writeHugeZarr } from "./huge-zarr.js";
import { allowBundledFunctions, collectErrors, type DemoWindow } from "./page.js";
import { planeViewerChecks } from "./plane-viewer.checks.js";
import { plotChecks } from "./plot.checks.js";
import {
  ARTIFACTS,
  buildDemo,
  type Chromium,
  DEMO_DIST,
  type Site,
  serveDemo,
  startChromium,
} from "./server.js";
import { thresholdViewerChecks } from "./threshold-viewer.checks.js";
import { tilesChecks } from "./tiles.checks.js";

async function main(): Promise<Outcome> {
  mkdirSync(ARTIFACTS, { recursive: true });
  let site: Site | undefined;
  let chromium: Chromium | undefined;
  try {
    const started = performance.now();
    const [, expected] = await Promise.all([buildDemo(), expectedFromNode()]);
    // The multiscale plane of the tiled checks, beside the built page (the build empties dist).
    const hugeMs = await writeHugeZarr(DEMO_DIST);
    console.log(`huge.zarr written in ${Math.round(hugeMs)} ms`);
    site = await serveDemo();
    chromium = await startChromium();
    console.log(
      `demo built and served at ${site.url} (${Math.round(performance.now() - started)} ms)`,
    );
    const page = await chromium.context.newPage();
    await allowBundledFunctions(page);
    const errors = collectErrors(page);
    const url = site.url;
    const tilesPage = await chromium.context.newPage();
    await allowBundledFunctions(tilesPage);
    const tilesErrors = collectErrors(tilesPage);
    const checks: Check[] = [
      {
        name: "demo page: loads cross-origin isolated and runs shading → bg → segment → measure",
        run: async () => {
          await page.goto(url);
          await page.waitForFunction(() => "nimaDemo" in window);
          await page.evaluate(async () => {
            await (window as unknown as DemoWindow).nimaDemo.ready;
          });
          assert.equal(await page.evaluate(() => crossOriginIsolated), true, "COOP/COEP served");
          const status = (await page.textContent("#status")) ?? "";
          assert.match(
            status,
            new RegExp(`pipeline done in [\\d.]+ s: ${expected.labelCount(0)} labels`),
          );
          await page.screenshot({ path: join(ARTIFACTS, "demo.png") });
        },
      },
      ...planeViewerChecks(page, () => expected),
      ...thresholdViewerChecks(page, () => expected),
      ...plotChecks(page, () => expected),
      ...tilesChecks(
        tilesPage,
        () => url,
        () => DEMO_DIST,
      ),
      {
        name: "no console errors or uncaught exceptions",
        run: async () => assert.deepEqual([...errors, ...tilesErrors], []),
      },
    ];
    return await runChecks(checks);
  } catch (error) {
    console.error(error);
    return { passed: 0, failed: 1 };
  } finally {
    await chromium?.close();
    await site?.close();
    await closeSharedPools();
  }
}

const outcome = await main();
console.log(`${outcome.passed} passed, ${outcome.failed} failed`);
process.exit(outcome.failed ? 1 : 0);
