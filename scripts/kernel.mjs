#!/usr/bin/env node
/**
 * `npm run kernel`: registers the TypeScript (tslab) kernel for Jupyter, running THIS
 * checkout's tslab with THIS node by absolute paths, so notebooks work without
 * node_modules/.bin (or any node) on PATH. Per user by default (also as root).
 *
 *   npm run kernel [-- --python /usr/bin/python3] [-- --prefix DIR | --sys-prefix] [-- --name tslab]
 *
 * The Python is the one whose Jupyter will start the kernel: Debian's /usr/bin/python3 when
 * it has jupyter_client, else `python3` on PATH; --python or NIMA_TS_PYTHON choose another.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

const { values: args } = parseArgs({
  options: {
    python: { type: "string" },
    prefix: { type: "string" },
    "sys-prefix": { type: "boolean", default: false },
    name: { type: "string", default: "tslab" },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (args.help) {
  console.log(
    "npm run kernel [-- --python PYTHON] [-- --prefix DIR | --sys-prefix] [-- --name NAME]",
  );
  process.exit(0);
}

function fail(message) {
  console.error(`kernel: ${message}`);
  process.exit(1);
}

function tslabEntry() {
  try {
    const pkg = createRequire(join(root, "package.json")).resolve("tslab/package.json");
    const entry = join(dirname(pkg), "bin", "tslab");
    if (existsSync(entry)) return entry;
  } catch {
    // reported below
  }
  return fail(`tslab is not installed in ${root}: run \`npm ci\` there first`);
}

const hasJupyter = (python) =>
  spawnSync(python, ["-c", "import jupyter_client"], { stdio: "ignore" }).status === 0;

function choosePython() {
  const asked = args.python ?? process.env.NIMA_TS_PYTHON;
  if (asked) {
    if (!hasJupyter(asked)) fail(`${asked} cannot import jupyter_client (install Jupyter there)`);
    return asked;
  }
  const tried = ["/usr/bin/python3", "python3"];
  const found = tried.find((p) => (p.startsWith("/") ? existsSync(p) : true) && hasJupyter(p));
  if (!found) {
    fail(
      `no Python with Jupyter found (tried ${tried.join(", ")}): on Debian/Ubuntu ` +
        "`sudo apt-get install jupyter-client python3-ipython jupyter-nbconvert`, " +
        "else `pip install jupyter_client`; or pass -- --python /path/to/python",
    );
  }
  return found;
}

const python = choosePython();
if (!existsSync(join(root, "packages", "core", "dist", "index.js"))) {
  console.warn(
    "kernel: note: @nima-ts/core is not built yet; run `npm run build` before notebooks",
  );
}

const spec = {
  // Absolute paths: the kernel needs neither node_modules/.bin nor a suitable node on PATH.
  argv: [process.execPath, tslabEntry(), "kernel", "--config-path", "{connection_file}"],
  display_name: "TypeScript (nima-ts)",
  language: "typescript",
};
const dir = mkdtempSync(join(tmpdir(), "nima-ts-kernel-"));
try {
  writeFileSync(join(dir, "kernel.json"), `${JSON.stringify(spec, null, 2)}\n`);
  // jupyter_client decides where a per-user / prefix / sys.prefix spec goes.
  const where = args["sys-prefix"]
    ? "prefix=sys.prefix"
    : args.prefix
      ? `prefix=${JSON.stringify(resolve(args.prefix))}`
      : "user=True";
  const install = `
import sys
from jupyter_client.kernelspec import KernelSpecManager
print(KernelSpecManager().install_kernel_spec(sys.argv[1], sys.argv[2], replace=True, ${where}))
`;
  const run = spawnSync(python, ["-c", install, dir, args.name], { encoding: "utf8" });
  if (run.status !== 0) fail(`${python} could not install the kernel spec:\n${run.stderr}`);
  const installed = run.stdout.trim();
  console.log(`registered kernel "${args.name}" (${spec.display_name}) in ${installed}`);
  console.log(`  runs: ${spec.argv.slice(0, 2).join(" ")} kernel`);
  console.log(`  for:  ${python} (jupyter kernelspec list shows it)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
