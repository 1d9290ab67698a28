/**
 * The browser tests' and bench's surroundings: build the demo site with Vite, serve it with
 * `vite preview` (cross-origin isolated) on 127.0.0.1 at a free port, and start Debian's
 * Chromium headless through playwright-core with a throw-away profile.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BrowserContext, chromium } from "playwright-core";
import { build, type PreviewServer, preview } from "vite";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
const CONFIG = join(REPO, "examples/web/vite.config.ts");
export const ARTIFACTS = join(REPO, "test/artifacts");
/** Where the built demo site is (vite's outDir). */
export const DEMO_DIST = join(REPO, "examples/web/dist");
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export async function buildDemo(): Promise<void> {
  await build({ configFile: CONFIG, logLevel: "error" });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Site {
  url: string;
  close(): Promise<void>;
}

export async function serveDemo(): Promise<Site> {
  const port = await freePort();
  const server: PreviewServer = await preview({
    configFile: CONFIG,
    logLevel: "error",
    preview: { host: "127.0.0.1", port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => server.close(),
  };
}

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Chromium with a fresh profile directory (removed on close), headless, no GPU, no network noise. */
export async function startChromium(viewport = { width: 1400, height: 1250 }): Promise<Chromium> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}: apt-get install chromium (Debian), or set CHROMIUM to a Chromium binary`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "nima-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
