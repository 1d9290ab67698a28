/**
 * Running the example notebooks headlessly: Debian's Jupyter (nbclient, always
 * /usr/bin/python3: a pyenv python3 without Jupyter may come first on PATH) with the tslab
 * kernel registered by `npm run kernel` inside the checkout (test/notebooks/.jupyter), never
 * globally.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..");
export const EXAMPLES = join(ROOT, "examples");
export const JUPYTER_DIR = join(here, ".jupyter");
export const OUT_DIR = join(ROOT, "test", "artifacts", "notebooks");
/** Debian's python3 (with Jupyter); NIMA_TS_PYTHON points elsewhere. */
export const PYTHON = process.env.NIMA_TS_PYTHON ?? "/usr/bin/python3";

function tslabEntry(): string | undefined {
  try {
    const pkg = createRequire(join(ROOT, "package.json")).resolve("tslab/package.json");
    const entry = join(dirname(pkg), "bin", "tslab");
    return existsSync(entry) ? entry : undefined;
  } catch {
    return undefined;
  }
}

/** Why the notebooks cannot run here (undefined when they can). */
export function missingPrerequisite(): string | undefined {
  if (!existsSync(PYTHON)) return `${PYTHON} not found`;
  const probe = spawnSync(PYTHON, ["-c", "import nbclient, nbformat, jupyter_client"], {
    encoding: "utf8",
  });
  if (probe.status !== 0) {
    return `Jupyter is not installed for ${PYTHON} (apt-get install python3-nbclient jupyter-client jupyter-nbconvert)`;
  }
  if (!tslabEntry()) return "tslab is not installed (npm ci installs the root devDependency)";
  if (!existsSync(join(ROOT, "packages", "core", "dist", "index.js"))) {
    return "@nima-ts/core is not built (npm run build)";
  }
  return undefined;
}

/**
 * Registers the tslab kernel with the README's one command (`npm run kernel`, here into a
 * prefix under test/notebooks/.jupyter); returns the env that finds it.
 */
let registered = false;
export function kernelEnv(): NodeJS.ProcessEnv {
  const prefix = join(JUPYTER_DIR, "prefix");
  const data = join(prefix, "share", "jupyter");
  if (!registered) {
    const script = join(ROOT, "scripts", "kernel.mjs");
    const run = spawnSync(process.execPath, [script, "--python", PYTHON, "--prefix", prefix], {
      encoding: "utf8",
    });
    if (run.status !== 0) throw new Error(`npm run kernel failed:\n${run.stderr}`);
    registered = true;
  }
  for (const dir of ["runtime", "config"]) mkdirSync(join(JUPYTER_DIR, dir), { recursive: true });
  return {
    ...process.env,
    JUPYTER_PATH: data,
    JUPYTER_DATA_DIR: data,
    JUPYTER_RUNTIME_DIR: join(JUPYTER_DIR, "runtime"),
    JUPYTER_CONFIG_DIR: join(JUPYTER_DIR, "config"),
    // No stray kernels from a user's own Jupyter setup.
    JUPYTER_PLATFORM_DIRS: "1",
  };
}

export interface ExecutionResult {
  notebook: string;
  output: string;
  seconds: number;
  failed_cell: number | null;
  error: string | null;
  replies: string[];
}

/** Runs a Python helper of this folder; resolves with its stdout. */
export function runPython(script: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [join(here, script), ...args], {
      env: kernelEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(stdout);
      else reject(new Error(`${script} exited with ${code ?? signal}:\n${stderr.slice(-4000)}`));
    });
  });
}

export async function executeNotebooks(
  paths: string[],
  timeoutMs = 170_000,
): Promise<ExecutionResult[]> {
  await runPython("execute.py", [OUT_DIR, ...paths], timeoutMs);
  return JSON.parse(readFileSync(join(OUT_DIR, "summary.json"), "utf8"));
}

export interface NotebookOutput {
  cell: number;
  output_type: string;
  name?: string;
  text?: string;
  data?: Record<string, unknown>;
}

/** Every output of every code cell of an executed notebook. */
export function outputsOf(path: string): NotebookOutput[] {
  const nb = JSON.parse(readFileSync(path, "utf8")) as {
    cells: { cell_type: string; outputs?: Omit<NotebookOutput, "cell">[] }[];
  };
  const text = (t: unknown) => (Array.isArray(t) ? t.join("") : (t as string | undefined));
  return nb.cells
    .filter((c) => c.cell_type === "code")
    .flatMap((c, cell) =>
      (c.outputs ?? []).map((o) => ({ ...o, cell, text: text(o.text) }) as NotebookOutput),
    );
}

/** The nima-ts bundles among outputs (objects, or JSON text as tslab's raw stores them). */
export function bundlesOf(outputs: NotebookOutput[]): Record<string, unknown>[] {
  return outputs.flatMap((o) =>
    Object.entries(o.data ?? {})
      .filter(([mime]) => mime.startsWith("application/vnd.nima-ts."))
      .map(([, value]) =>
        typeof value === "string" ? JSON.parse(value) : (value as Record<string, unknown>),
      ),
  );
}

export interface StepOutput {
  type: "display_data" | "update_display_data";
  /** Seconds after the request. */
  at: number;
  display_id: string | null;
  data: Record<string, unknown>;
}

export interface StepResult {
  status: "ok" | "error" | "aborted" | "timeout";
  seconds: number;
  interrupted_at: number | null;
  stdout: string;
  stderr: string;
  outputs: StepOutput[];
}

/** One tslab kernel driven cell by cell through session.py (jupyter_client), like a frontend. */
export class KernelSession {
  private readonly child: ChildProcess;
  private buffer = "";
  private readonly pending: ((line: string) => void)[] = [];
  private stderr = "";

  constructor(cwd: string) {
    this.child = spawn(PYTHON, [join(here, "session.py"), cwd], {
      env: kernelEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf("\n");
      while (newline >= 0) {
        const line = this.buffer.slice(0, newline);
        this.buffer = this.buffer.slice(newline + 1);
        this.pending.shift()?.(line);
        newline = this.buffer.indexOf("\n");
      }
    });
    this.child.stderr!.setEncoding("utf8").on("data", (chunk: string) => {
      this.stderr += chunk;
    });
  }

  /** Runs `code` in the kernel (interrupting it after `interruptAfter` seconds, if given). */
  run(
    code: string,
    options: { timeout?: number; interruptAfter?: number } = {},
  ): Promise<StepResult> {
    const step = {
      code,
      timeout: options.timeout ?? 120,
      interrupt_after: options.interruptAfter ?? null,
    };
    return new Promise((resolve, reject) => {
      const onExit = (status: number | null) =>
        reject(new Error(`session.py exited (${status}):\n${this.stderr.slice(-4000)}`));
      this.child.once("exit", onExit);
      this.pending.push((line) => {
        this.child.off("exit", onExit);
        resolve(JSON.parse(line));
      });
      this.child.stdin!.write(`${JSON.stringify(step)}\n`);
    });
  }

  /** Shuts the kernel down (end of input) and waits for the helper to exit. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve();
      const timer = setTimeout(() => this.child.kill("SIGKILL"), 20_000);
      this.child.once("exit", () => {
        clearTimeout(timer);
        resolve();
      });
      this.child.stdin!.end();
    });
  }
}
