/**
 * `npm run lab`, as the README says to run it: it starts, prints a URL with a token, serves
 * the JupyterLab page on examples/ with the nima-ts extension loaded (checked in Chromium),
 * and a Ctrl-C (SIGINT to its process group, as a terminal sends) stops it and its server
 * with exit code 0. Screenshot: test/artifacts/jupyterlab/lab-command.png.
 *
 *   npx tsx test/jupyterlab/lab-command.ts        (after `npm run build`)
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ARTIFACTS, ROOT } from "./server.js";

const STARTUP_MS = 300_000; // npm run build (the extension's webpack) and the page's, under load

async function main(): Promise<number> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const started = Date.now();
  // Its own process group, so the SIGINT below reaches npm and everything under it, as Ctrl-C.
  const lab = spawn("npm", ["run", "lab"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  lab.stdout.on("data", (d) => (output += d));
  lab.stderr.on("data", (d) => (output += d));
  const exited = new Promise<string>((resolve) =>
    lab.once("exit", (code, signal) => resolve(signal ?? String(code))),
  );
  const interrupt = () => {
    try {
      process.kill(-(lab.pid as number), "SIGINT");
    } catch {
      // already gone
    }
  };
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no URL printed")), STARTUP_MS);
      const poll = setInterval(() => {
        const found = /(http:\/\/127\.0\.0\.1:\d+\/lab\?token=\w+)/.exec(output)?.[1];
        if (found || lab.exitCode !== null) {
          clearInterval(poll);
          clearTimeout(timer);
          if (found) resolve(found);
          else reject(new Error(`npm run lab exited (${lab.exitCode})`));
        }
      }, 200);
    });
    console.log(`ok   npm run lab printed ${url.replace(/token=\w+/, "token=…")}`);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--no-sandbox"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(url);
      await page.waitForSelector("body[data-lab-ready=true]", {
        state: "attached",
        timeout: 60_000,
      });
      const federated = await page.evaluate(
        () =>
          JSON.parse(document.getElementById("jupyter-config-data")!.textContent!)
            .federated_extensions as { name: string }[],
      );
      assert.deepEqual(
        federated.map((e) => e.name),
        ["@nima-ts/jupyterlab-ext"],
      );
      await page.waitForSelector("#nima-ts-sidebar", { state: "attached", timeout: 30_000 });
      // The file browser shows examples/.
      await page.waitForSelector('.jp-DirListing-item[title*="01-quickstart.ipynb"]', {
        timeout: 30_000,
      });
      await page.screenshot({ path: join(ARTIFACTS, "lab-command.png") });
      console.log("ok   the page loads the nima-ts extension and lists examples/");
    } finally {
      await browser.close();
    }
    const port = Number(/:(\d+)\//.exec(url)?.[1]);
    interrupt();
    const code = await Promise.race([
      exited,
      new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 30_000)),
    ]);
    // npm re-raises the SIGINT on itself once its script has finished, as a shell expects of
    // Ctrl-C; the lab script under it must have shut the server down and exited 0.
    assert.ok(code === "0" || code === "SIGINT", `npm run lab ended with ${code}`);
    assert.match(output, /lab: stopped/);
    assert.doesNotMatch(output, /npm error/, "the lab script itself exited 0");
    const stillServing = await fetch(`http://127.0.0.1:${port}/api/status`).then(
      () => true,
      () => false,
    );
    assert.equal(stillServing, false, "the jupyter server stopped too");
    console.log(`ok   Ctrl-C stops it (${code}) and its server with it`);
    console.log(`3 passed, 0 failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return 0;
  } catch (error) {
    console.log(`FAIL ${error instanceof Error ? error.message : error}\n${output.slice(-3000)}`);
    interrupt();
    return 1;
  }
}

process.exitCode = await main();
