/**
 * A single-node Slurm on 127.0.0.1 for tests: munged, slurmctld and slurmd (Debian's munge,
 * slurmctld, slurmd, slurm-client; scripts/setup.sh installs them) started in the
 * foreground from a temp folder with private ports, and stopped by pid. Nothing is installed
 * here and no system file is touched; clients reach this cluster through SLURM_CONF in `env`.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:net";
import { cpus, hostname, tmpdir, totalmem } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";

const exec = promisify(execFile);
const BINARIES = [
  "mungekey",
  "munged",
  "slurmctld",
  "slurmd",
  "sbatch",
  "squeue",
  "scancel",
  "sinfo",
];

export interface LocalSlurm {
  dir: string;
  /** process.env plus SLURM_CONF: give it to sbatch, squeue, scancel and `nima batch`. */
  env: NodeJS.ProcessEnv;
  /** squeue's lines for this cluster (all jobs, one per array task). */
  queue(): Promise<string[]>;
  /** Cancels what is left, stops the daemons by pid and removes the folder. */
  stop(): Promise<void>;
}

/** Why the Slurm tests cannot run here, or undefined when they can. */
export function slurmUnavailable(): string | undefined {
  const path = [...(process.env.PATH ?? "").split(delimiter), "/usr/sbin", "/sbin"];
  const missing = BINARIES.filter((b) => !path.some((d) => existsSync(join(d, b))));
  if (missing.length) {
    return `Slurm tests skipped: ${missing.join(", ")} not found (apt-get install slurmctld slurmd slurm-client munge, as scripts/setup.sh does)`;
  }
  if (process.getuid?.() !== 0) return "Slurm tests skipped: slurmd must run as root to start jobs";
  return undefined;
}

/** A port nobody listens on now (the kernel's pick). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

export async function startSlurm(): Promise<LocalSlurm> {
  const dir = mkdtempSync(join(tmpdir(), "nima-slurm-"));
  chmodSync(dir, 0o755); // munged wants every folder above its socket searchable by all
  for (const sub of ["state", "spool", "log"]) mkdirSync(join(dir, sub));
  const sbin = `/usr/sbin${delimiter}/sbin${delimiter}${process.env.PATH ?? ""}`;
  const conf = join(dir, "slurm.conf");
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: sbin, SLURM_CONF: conf };
  const children: ChildProcess[] = [];
  const daemon = (command: string, args: string[]) => {
    const out = openSync(join(dir, "log", `${command}.out`), "w");
    const child = spawn(command, args, { env, stdio: ["ignore", out, out] });
    child.on("error", () => {}); // reported by the wait below
    children.push(child);
  };
  // Last resort if the test process dies without its afterAll: no daemon outlives it.
  const killAll = () => {
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  };
  process.on("exit", killAll);

  const stop = async () => {
    try {
      await exec("scancel", ["--user", "root"], { env }).catch(() => {});
      await waitFor(async () => (await queue()).length === 0, 60_000, "jobs to leave").catch(
        () => {},
      );
    } finally {
      for (const child of [...children].reverse()) await stopChild(child);
      process.off("exit", killAll);
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const queue = async () => {
    const { stdout } = await exec("squeue", ["-h", "-r", "-o", "%i %T"], { env });
    return stdout.split("\n").filter(Boolean);
  };

  try {
    const key = join(dir, "munge.key");
    const socket = join(dir, "munge.sock");
    await exec("mungekey", ["-c", "-k", key], { env });
    daemon("munged", [
      "-F",
      "-f",
      `--key-file=${key}`,
      `--socket=${socket}`,
      `--pid-file=${join(dir, "munged.pid")}`,
      `--seed-file=${join(dir, "munge.seed")}`,
    ]);
    await waitFor(async () => existsSync(socket), 20_000, "munged's socket");

    const { node, hardware } = await nodeHardware(env);
    writeFileSync(
      conf,
      `${[
        `ClusterName=nimatest`,
        `SlurmctldHost=${node}(127.0.0.1)`,
        `SlurmctldPort=${await freePort()}`,
        `SlurmdPort=${await freePort()}`,
        "AuthType=auth/munge",
        "CredType=cred/munge",
        `AuthInfo=socket=${socket}`,
        "SlurmUser=root",
        "SlurmdUser=root",
        `StateSaveLocation=${join(dir, "state")}`,
        `SlurmdSpoolDir=${join(dir, "spool")}`,
        `SlurmctldPidFile=${join(dir, "slurmctld.pid")}`,
        `SlurmdPidFile=${join(dir, "slurmd.pid")}`,
        `SlurmctldLogFile=${join(dir, "log", "slurmctld.log")}`,
        `SlurmdLogFile=${join(dir, "log", "slurmd.log")}`,
        "ProctrackType=proctrack/linuxproc",
        "TaskPlugin=task/none",
        "JobAcctGatherType=jobacct_gather/none",
        "AccountingStorageType=accounting_storage/none",
        "SelectType=select/cons_tres",
        "SelectTypeParameters=CR_Core",
        "MpiDefault=none",
        "ReturnToService=2",
        // Scheduler passes every second instead of the default's slower cadence.
        "SchedulerParameters=sched_interval=1",
        `NodeName=${node} NodeAddr=127.0.0.1 ${hardware}`,
        "PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP",
      ].join("\n")}\n`,
    );
    daemon("slurmctld", ["-D", "-f", conf]);
    daemon("slurmd", ["-D", "-f", conf, "-N", node]);
    const sinfo = async () =>
      (await exec("sinfo", ["-h", "-N", "-o", "%t"], { env }).catch(() => ({ stdout: "" }))).stdout;
    await waitFor(
      async () => (await sinfo()).trim() === "idle",
      90_000,
      "the Slurm node to be idle",
    );
  } catch (error) {
    const logs = readdirSync(join(dir, "log")).map((name) => {
      const lines = readFileSync(join(dir, "log", name), "utf8")
        .trimEnd()
        .split("\n");
      return `--- ${name}\n${lines.slice(-8).join("\n")}`;
    });
    await stop();
    throw new Error(`${(error as Error).message}\n${logs.join("\n")}`);
  }
  return { dir, env, queue, stop };
}

/**
 * The node as slurmd detects it (`slurmd -C`): a configured topology that differs from the
 * hardware's (sockets, cores, threads) gets the node drained instead of idle.
 */
async function nodeHardware(env: NodeJS.ProcessEnv): Promise<{ node: string; hardware: string }> {
  try {
    const { stdout } = await exec("slurmd", ["-C"], { env });
    const line = stdout.split("\n")[0];
    const match = line.match(/^NodeName=(\S+) (.*CPUs=.*)$/);
    if (match) return { node: match[1], hardware: match[2] };
  } catch {
    // fall back to what Node sees
  }
  const n = cpus().length;
  const memory = Math.floor((totalmem() / 2 ** 20) * 0.8);
  return {
    node: hostname().split(".")[0],
    hardware: `CPUs=${n} Boards=1 SocketsPerBoard=1 CoresPerSocket=${n} ThreadsPerCore=1 RealMemory=${memory}`,
  };
}

async function waitFor(test: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** SIGTERM, then SIGKILL if it has not exited after 10 s. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}
