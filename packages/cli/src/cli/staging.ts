/**
 * Run-atomic outputs. Nothing is written under a final name until the whole run has
 * succeeded; then `commit()` moves the run's results into place together:
 *
 * - a result folder (`folder(dir)`, e.g. nima's `<out>/<name>/`) is built in a hidden staging
 *   folder beside it and swapped in as a whole, so files of an earlier run never stay beside
 *   new ones;
 * - single files are written to hidden temporaries beside their final names and renamed;
 * - if any move fails, the ones already made are undone and what they replaced is restored.
 *
 * Every result is covered by a lock (`.<name>.lock`, holding our pid) from its first write
 * until commit or abort: a second run writing the same results fails at once, saying which
 * process holds them, instead of both exiting 0 with a mix. Locks of dead processes on this
 * machine are taken over. After an error or Ctrl-C, `abort()` removes the staged files, the
 * folders this run created and its locks.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { hostname } from "node:os";
import { basename, dirname, extname, join, relative, resolve, sep } from "node:path";
import { CliError } from "./errors.js";

type Rename = (from: string, to: string) => void;

export class OutputStaging {
  /** Final file path → temporary path, in write order. */
  private readonly staged = new Map<string, string>();
  /** Final folder path → its staging folder. */
  private readonly folders = new Map<string, string>();
  /** Locked result prefix → lock file. */
  private readonly locks = new Map<string, string>();
  /** Folders this run created (parents first). */
  private readonly created: string[] = [];
  private readonly tag = `${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  private done = false;

  /** `rename` is injectable so tests can make a move fail. */
  constructor(private readonly rename: Rename = renameSync) {}

  /** Creates `dir` (and missing parents), remembering which folders are new. */
  mkdir(dir: string): void {
    const missing: string[] = [];
    for (let d = resolve(dir); ; d = dirname(d)) {
      if (existsSync(d)) break;
      missing.unshift(d);
      if (dirname(d) === d) break;
    }
    if (missing.length === 0) return;
    mkdirSync(resolve(dir), { recursive: true });
    this.created.push(...missing);
  }

  /**
   * Declares `dir` a result folder: files written under it are staged in a hidden folder that
   * replaces `dir` as a whole at commit. Also locks `dir` and any sibling file whose name
   * starts with its name (nima's `<name>_dim.png`).
   */
  folder(dir: string): void {
    const final = resolve(dir);
    this.lock(final);
    if (this.folders.has(final)) return;
    this.mkdir(dirname(final));
    const staging = join(dirname(final), `.${basename(final)}.staging-${this.tag}`);
    mkdirSync(staging);
    this.folders.set(final, staging);
  }

  /** Writes `data` to a temporary place; it becomes `path` at commit. */
  write(path: string, data: Uint8Array | string): void {
    if (this.done) throw new Error(`OutputStaging: already committed or aborted (${path})`);
    const final = resolve(path);
    const folder = [...this.folders.keys()].find((f) => final.startsWith(f + sep));
    if (folder) {
      const temp = join(this.folders.get(folder)!, relative(folder, final));
      mkdirSync(dirname(temp), { recursive: true });
      writeFileSync(temp, data);
      this.staged.set(final, "");
      return;
    }
    if (![...this.locks.keys()].some((prefix) => final.startsWith(prefix))) {
      this.lock(withoutExtension(final));
    }
    this.mkdir(dirname(final));
    const temp = join(dirname(final), `.${basename(final)}.${this.tag}.partial`);
    this.staged.set(final, temp);
    writeFileSync(temp, data);
  }

  /** The final paths of the files written so far. */
  get paths(): string[] {
    return [...this.staged.keys()];
  }

  /** Moves every staged folder and file into place, all or none; then releases the locks. */
  commit(): void {
    const undo: (() => void)[] = [];
    const backups: string[] = [];
    const replace = (temp: string, final: string) => {
      if (existsSync(final)) {
        const backup = join(dirname(final), `.${basename(final)}.replaced-${this.tag}`);
        this.rename(final, backup);
        undo.push(() => this.rename(backup, final));
        backups.push(backup);
      }
      this.rename(temp, final);
      undo.push(() => this.rename(final, temp));
    };
    try {
      for (const [final, staging] of this.folders) replace(staging, final);
      for (const [final, temp] of this.staged) if (temp) replace(temp, final);
    } catch (error) {
      for (const step of undo.reverse()) {
        try {
          step();
        } catch {
          // keep undoing the others; abort() then removes what is left staged
        }
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new CliError(`cannot move the results into place (${message}); nothing was changed`);
    }
    for (const backup of backups) rmSync(backup, { recursive: true, force: true });
    this.staged.clear();
    this.folders.clear();
    this.done = true;
    this.unlock();
  }

  /** Removes staged files and folders, the (then empty) folders this run made, its locks. */
  abort(): void {
    if (this.done) return;
    this.done = true;
    for (const temp of this.staged.values()) if (temp) rmSync(temp, { force: true });
    for (const staging of this.folders.values()) rmSync(staging, { recursive: true, force: true });
    this.staged.clear();
    this.folders.clear();
    this.unlock();
    for (const dir of [...this.created].reverse()) {
      try {
        rmdirSync(dir);
      } catch {
        // not empty (something else wrote there) or already gone: leave it
      }
    }
  }

  /** Takes the lock of the results named `prefix` (a path without extension), or fails. */
  private lock(prefix: string): void {
    if (this.locks.has(prefix)) return;
    this.mkdir(dirname(prefix));
    const file = join(dirname(prefix), `.${basename(prefix)}.lock`);
    const owner = `${process.pid}@${hostname()}`;
    for (let attempt = 0; ; attempt++) {
      try {
        writeFileSync(file, owner, { flag: "wx" });
        this.locks.set(prefix, file);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = readOwner(file);
      if (attempt === 0 && holder && isDeadHere(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      throw new CliError(
        `${prefix}: another run (${holder ?? "unknown process"}) is writing these results; wait for it to finish, or remove ${file} if no run is going on`,
      );
    }
  }

  private unlock(): void {
    for (const file of this.locks.values()) rmSync(file, { force: true });
    this.locks.clear();
  }
}

function withoutExtension(path: string): string {
  const ext = extname(path);
  return ext ? path.slice(0, -ext.length) : path;
}

function readOwner(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8").trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Whether the lock holder "pid@host" is a process of this machine that no longer exists. */
function isDeadHere(holder: string): boolean {
  const [pid, host] = holder.split("@");
  if (host !== hostname() || !/^\d+$/.test(pid)) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
