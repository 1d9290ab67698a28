/**
 * A newcomer following README.md: the repository (its committed HEAD) is cloned into a temp
 * folder and every command of the fenced blocks marked `<!-- readme-test -->` runs there, in
 * the order written, through bash, exactly as written. Each must exit 0 and create the files
 * its `# writes a, b` comment lists.
 *
 * Not a fresh machine: npm is pointed at this machine's npm cache and told to prefer it
 * (npm_config_cache, npm_config_prefer_offline), so `npm ci` installs the same lockfile
 * without a network round trip per package; HOME is a temp folder, so `npm run kernel`
 * registers its kernel there, not in the user's Jupyter. Takes a few minutes (npm ci, tsc,
 * the demo, one notebook).
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");

interface ReadmeCommand {
  line: string;
  /** Files (relative to the clone) the command must create. */
  writes: string[];
}

/** The commands of the blocks marked `<!-- readme-test` (the comment may span lines). */
function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  const block = /<!-- readme-test[\s\S]*?-->\s*\n```(?:sh|bash)\n([\s\S]*?)\n```/g;
  for (const [, body] of markdown.matchAll(block)) {
    // A trailing backslash continues the command on the next line, as in a shell.
    for (const raw of body.replace(/\\\n\s*/g, " ").split("\n")) {
      if (!raw.trim() || raw.trim().startsWith("#")) continue;
      const writes = /\s#.*\bwrites (.+)$/.exec(raw)?.[1].split(/,\s*/) ?? [];
      commands.push({ line: raw.trim(), writes: writes.map((w) => w.trim()) });
    }
  }
  return commands;
}

const commands = readmeCommands(readFileSync(join(ROOT, "README.md"), "utf8"));
const work = mkdtempSync(join(tmpdir(), "nima-readme-"));
const clone = join(work, "nima-ts");
const home = join(work, "home");
// The clone's node_modules is large: removing it takes a while on a loaded machine.
afterAll(() => rmSync(work, { recursive: true, force: true }), 300_000);

const npmCache = spawnSync("npm", ["config", "get", "cache"], { encoding: "utf8" }).stdout.trim();
const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
// A user's Jupyter and XDG settings would point the kernel elsewhere.
for (const key of Object.keys(env)) {
  if (/^(JUPYTER_|XDG_|npm_|INIT_CWD|NODE_OPTIONS)/i.test(key)) delete env[key];
}
Object.assign(env, { npm_config_cache: npmCache, npm_config_prefer_offline: "true" });

function sh(line: string, cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn("bash", ["-c", line], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

describe("README.md commands, as written, on a fresh clone", () => {
  it("finds the marked commands (set-up, CLI, kernel, notebook)", () => {
    const lines = commands.map((c) => c.line);
    expect(lines[0]).toMatch(/^npm ci && npm run demo\b/);
    expect(lines.some((l) => l.startsWith("npx nima "))).toBe(true);
    expect(lines.some((l) => l.startsWith("npx bima "))).toBe(true);
    expect(lines.some((l) => l.startsWith("npm run kernel"))).toBe(true);
    expect(lines.some((l) => l.startsWith("jupyter nbconvert"))).toBe(true);
  });

  it("clones the repository", () => {
    mkdirSync(home, { recursive: true });
    const run = spawnSync("git", ["clone", "--quiet", ROOT, clone], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
  });

  for (const { line, writes } of commands) {
    it(`$ ${line}`, { timeout: 900_000 }, async () => {
      const { code, output } = await sh(line, clone);
      expect(code, `${line}\n${output.slice(-3000)}`).toBe(0);
      for (const file of writes) expect(existsSync(join(clone, file)), file).toBe(true);
    });
  }
});
