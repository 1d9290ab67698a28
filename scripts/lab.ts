/**
 * `npm run lab`: JupyterLab 4.6 with the nima-ts extension, on this machine's jupyter_server,
 * without a Python JupyterLab: the page the end-to-end test assembles from the npm
 * `@jupyterlab/*` packages (test/jupyterlab/page, built once into .nima-ts/lab/page and again
 * when its sources change), the PREBUILT extension as a federated extension, the tslab kernel
 * of `npm run kernel`, opened on examples/. Prints the URL with its token; Ctrl-C (or
 * SIGTERM) shuts the server down and exits 0.
 *
 *   npm run lab [-- --port 8888]
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildPage, EXTENSION_DIR, ROOT, startServer } from "../test/jupyterlab/server.js";

const PYTHON = "/usr/bin/python3";
const STATE = join(ROOT, ".nima-ts", "lab");
const PAGE = join(STATE, "page");
const PAGE_SOURCES = join(ROOT, "test", "jupyterlab", "page");

function fail(message: string): never {
  console.error(`lab: ${message}`);
  process.exit(1);
}

/** The page needs building when absent or older than its sources or the installed packages. */
function pageIsStale(): boolean {
  const bundle = join(PAGE, "bundle.js");
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  const sources = readdirSync(PAGE_SOURCES).map((f) => join(PAGE_SOURCES, f));
  sources.push(join(ROOT, "node_modules", ".package-lock.json"));
  return sources.some((f) => existsSync(f) && statSync(f).mtimeMs > built);
}

const { values: args } = parseArgs({ options: { port: { type: "string" } } });
const port = args.port === undefined ? undefined : Number(args.port);
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  fail(`--port ${args.port}: expected a TCP port number`);
}
const probe = spawnSync(PYTHON, ["-c", "import jupyter_server, jupyterlab_server"]);
if (probe.status !== 0) {
  fail(
    `${PYTHON} lacks jupyter_server / jupyterlab_server: sudo apt-get install python3-jupyter-server python3-jupyterlab-server`,
  );
}
if (!existsSync(join(EXTENSION_DIR, "package.json"))) {
  fail("the extension is not built: npm run build");
}
mkdirSync(STATE, { recursive: true });
if (pageIsStale()) {
  console.log("lab: building the JupyterLab page (webpack, once; 15–60 s)…");
  buildPage(PAGE);
}
const server = await startServer({
  rootDir: join(ROOT, "examples"),
  pageDir: PAGE,
  stateDir: STATE,
  port,
});
console.log(`JupyterLab (nima-ts) on examples/: ${server.url}lab?token=${server.token}`);
console.log("Ctrl-C stops it.");

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\nlab: ${signal}: shutting the server down…`);
  await server.stop();
  writeFileSync(join(STATE, "server.log"), server.log());
  console.log("lab: stopped");
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
await server.exited;
if (!stopping) {
  writeFileSync(join(STATE, "server.log"), server.log());
  fail(`the server exited by itself:\n${server.log().slice(-2000)}`);
}
