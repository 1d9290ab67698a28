import { describe, expect, it } from "vitest";
import { startWorker, WorkerStartError } from "./spawn.js";

function refusing(invalid: string[]) {
  const seen: string[][] = [];
  const create = (execArgv: string[]) => {
    seen.push(execArgv);
    const bad = execArgv.filter((f) => invalid.includes(f));
    if (bad.length) {
      throw Object.assign(
        new Error(`Initiated Worker with invalid execArgv flags: ${bad.join(", ")}`),
        {
          code: "ERR_WORKER_INVALID_EXEC_ARGV",
        },
      );
    }
    return "worker";
  };
  return { seen, create };
}

describe("startWorker", () => {
  it("drops exactly the flags Node names as invalid for workers, then starts", () => {
    const saved = process.execArgv;
    process.execArgv = ["--max-old-space-size=4096", "--conditions=dev", "--expose-gc"];
    try {
      const { seen, create } = refusing(["--max-old-space-size=4096", "--expose-gc"]);
      expect(startWorker(create)).toBe("worker");
      expect(seen.at(-1)).toEqual(["--conditions=dev"]);
    } finally {
      process.execArgv = saved;
    }
  });

  it("says once, clearly, when a worker cannot start at all", () => {
    expect(() =>
      startWorker(() => {
        throw new Error("Cannot find module worker.js");
      }),
    ).toThrow(WorkerStartError);
    expect(() =>
      startWorker(() => {
        throw new Error("Cannot find module worker.js");
      }),
    ).toThrow(/cannot start a worker thread \(Cannot find module worker\.js\)/);
  });
});
