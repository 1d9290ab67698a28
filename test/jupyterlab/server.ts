/**
 * The e2e JupyterLab (and `npm run lab`'s): builds the page (webpack, ~15 s), lays out a
 * JUPYTER_PATH inside the checkout (the tslab kernelspec from `npm run kernel` and
 * labextensions/@nima-ts/jupyterlab-ext → the PREBUILT extension folder), and starts/stops
 * Debian's jupyter_server with the page app (main.py).
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..");
export const ARTIFACTS = join(ROOT, "test", "artifacts", "jupyterlab");
export const PAGE_DIR = join(ARTIFACTS, "page");
export const EXTENSION_DIR = join(ROOT, "packages", "jupyterlab-ext", "labextension");
const PYTHON = "/usr/bin/python3";
export const WORK = join(ARTIFACTS, "work");

/** Why the e2e cannot run here (undefined when it can). */
export function missingPrerequisite(notebooks: string[]): string | undefined {
  const absent = notebooks.filter((nb) => !existsSync(join(ROOT, "examples", nb)));
  if (absent.length > 0) return `example notebooks missing: ${absent.join(", ")}`;
  const probe = spawnSync(PYTHON, ["-c", "import jupyter_server, jupyterlab_server"]);
  if (probe.status !== 0) {
    return "jupyter_server / jupyterlab_server missing for /usr/bin/python3 (apt-get install python3-jupyter-server python3-jupyterlab-server)";
  }
  if (!existsSync(join(EXTENSION_DIR, "package.json"))) {
    return "the prebuilt extension is missing (npm run build -w @nima-ts/jupyterlab-ext)";
  }
  if (!existsSync(process.env.CHROMIUM ?? "/usr/bin/chromium")) return "Chromium not found";
  return undefined;
}

export function buildPage(pageDir = PAGE_DIR): void {
  const webpack = join(ROOT, "node_modules", "webpack-cli", "bin", "cli.js");
  const result = spawnSync(
    process.execPath,
    [webpack, "--config", join(here, "page", "webpack.config.cjs")],
    { env: { ...process.env, NIMA_LAB_PAGE_DIR: pageDir }, encoding: "utf8" },
  );
  if (result.status !== 0) {
    throw new Error(`page build failed:\n${(result.stdout + result.stderr).slice(-3000)}`);
  }
}

/** The notebooks to open, copied into a fresh root folder with the sample data. */
export function prepareWork(notebooks: string[]): void {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  for (const nb of notebooks) cpSync(join(ROOT, "examples", nb), join(WORK, nb));
  symlinkSync(join(ROOT, "examples", "data"), join(WORK, "data"));
}

/** A JUPYTER_PATH in `dir` with the tslab kernel (`npm run kernel`) and the prebuilt extension. */
function jupyterEnv(dir: string): NodeJS.ProcessEnv {
  rmSync(dir, { recursive: true, force: true });
  const prefix = join(dir, "prefix");
  const data = join(prefix, "share", "jupyter");
  const kernel = spawnSync(
    process.execPath,
    [join(ROOT, "scripts", "kernel.mjs"), "--python", PYTHON, "--prefix", prefix],
    { encoding: "utf8" },
  );
  if (kernel.status !== 0) throw new Error(`npm run kernel failed:\n${kernel.stderr}`);
  const extensions = join(data, "labextensions", "@nima-ts");
  mkdirSync(extensions, { recursive: true });
  // A symlink to the build output: what the README's install into a JupyterLab does.
  symlinkSync(EXTENSION_DIR, join(extensions, "jupyterlab-ext"));
  for (const sub of ["runtime", "config"]) mkdirSync(join(dir, sub), { recursive: true });
  return {
    ...process.env,
    JUPYTER_PATH: data,
    JUPYTER_DATA_DIR: data,
    JUPYTER_RUNTIME_DIR: join(dir, "runtime"),
    JUPYTER_CONFIG_DIR: join(dir, "config"),
    JUPYTER_PLATFORM_DIRS: "1",
    JUPYTER_NO_CONFIG: "1",
  };
}

const TEMPLATE = `<!doctype html>
<html>
<head><meta charset="utf-8"><title>{{ page_config['appName'] | e }}</title></head>
<body>
<script id="jupyter-config-data" type="application/json">{{ dict(page_config, baseUrl=base_url, wsUrl=ws_url) | tojson }}</script>
<script src="{{ page_config['fullStaticUrl'] | e }}/bundle.js"></script>
</body>
</html>
`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface LabServer {
  url: string;
  token: string;
  log: () => string;
  /** Settles when the server process ends (on stop() or by itself). */
  exited: Promise<void>;
  stop: () => Promise<void>;
}

export interface ServerOptions {
  /** The folder the page opens (default the e2e's work folder). */
  rootDir?: string;
  /** Where the page was built (buildPage). */
  pageDir?: string;
  /** Where the server's Jupyter folders, settings and templates go (wiped at start). */
  stateDir?: string;
  port?: number;
}

export async function startServer(options: ServerOptions = {}): Promise<LabServer> {
  const { rootDir = WORK, pageDir = PAGE_DIR, stateDir = ARTIFACTS } = options;
  const port = options.port ?? (await freePort());
  const token = `nima${randomBytes(12).toString("hex")}`;
  const args = [
    join(here, "page", "main.py"),
    `--ServerApp.port=${port}`,
    "--ServerApp.port_retries=0",
    "--ServerApp.ip=127.0.0.1",
    `--ServerApp.token=${token}`,
    `--ServerApp.root_dir=${rootDir}`,
    "--ServerApp.open_browser=False",
    // Hidden paths (a user's storeDir such as .nima-ts/) are served only when allowed;
    // NIMA_LAB_ALLOW_HIDDEN=0 runs a stock server (the default nima-ts-data/ works there).
    `--ContentsManager.allow_hidden=${process.env.NIMA_LAB_ALLOW_HIDDEN === "0" ? "False" : "True"}`,
    ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ];
  const state = join(stateDir, "state");
  rmSync(state, { recursive: true, force: true });
  mkdirSync(state, { recursive: true });
  const templates = join(stateDir, "templates");
  mkdirSync(templates, { recursive: true });
  writeFileSync(join(templates, "index.html"), TEMPLATE);
  const child: ChildProcess = spawn(PYTHON, args, {
    env: {
      ...jupyterEnv(join(stateDir, "jupyter")),
      NIMA_LAB_PAGE_DIR: pageDir,
      NIMA_LAB_TEMPLATES_DIR: templates,
      NIMA_LAB_STATE_DIR: state,
    },
    cwd: rootDir,
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group: a terminal's Ctrl-C reaches the caller, which shuts it down.
    detached: true,
  });
  let log = "";
  child.stdout?.on("data", (d) => (log += d));
  child.stderr?.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}/`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter server exited:\n${log.slice(-3000)}`);
    try {
      const r = await fetch(`${url}api/status?token=${token}`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`jupyter server did not start:\n${log.slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    token,
    log: () => log,
    exited,
    stop: async () => {
      if (child.exitCode !== null) return;
      await fetch(`${url}api/shutdown?token=${token}`, { method: "POST" }).catch(() => {});
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
