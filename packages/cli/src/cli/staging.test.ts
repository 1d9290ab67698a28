import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CliError } from "./errors.js";
import { OutputStaging } from "./staging.js";

const root = mkdtempSync(join(tmpdir(), "nima-staging-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const read = (p: string) => readFileSync(p, "utf8");

describe("OutputStaging", () => {
  it("swaps a result folder in as a whole and renames single files", () => {
    const out = join(root, "swap");
    mkdirSync(join(out, "name"), { recursive: true });
    writeFileSync(join(out, "name", "stale.csv"), "old");
    const staging = new OutputStaging();
    staging.folder(join(out, "name"));
    staging.write(join(out, "name", "bg.csv"), "new");
    staging.write(join(out, "name_dim.png"), "png");
    expect(existsSync(join(out, "name", "bg.csv"))).toBe(false);
    staging.commit();
    expect(readdirSync(join(out, "name"))).toEqual(["bg.csv"]);
    expect(readdirSync(out).sort()).toEqual(["name", "name_dim.png"]);
  });

  it("undoes every move when one fails, leaving the earlier results as they were", () => {
    const out = join(root, "rollback");
    mkdirSync(join(out, "name"), { recursive: true });
    writeFileSync(join(out, "name", "bg.csv"), "old");
    writeFileSync(join(out, "name_dim.png"), "old dim");
    let moves = 0;
    const staging = new OutputStaging((from, to) => {
      // the fourth move (the second file's rename into place) fails
      if (++moves === 4) throw new Error("EIO: disk gone");
      renameSync(from, to);
    });
    staging.folder(join(out, "name"));
    staging.write(join(out, "name", "bg.csv"), "new");
    staging.write(join(out, "name_dim.png"), "new dim");
    let error: unknown;
    try {
      staging.commit();
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect(String(error)).toMatch(/cannot move the results into place .*EIO.*nothing was changed/);
    staging.abort();
    expect(read(join(out, "name", "bg.csv"))).toBe("old");
    expect(read(join(out, "name_dim.png"))).toBe("old dim");
    expect(readdirSync(out).sort()).toEqual(["name", "name_dim.png"]);
  });

  it("refuses results another live process is writing", () => {
    const out = join(root, "locked");
    const first = new OutputStaging();
    first.write(join(out, "a.csv"), "1");
    const second = new OutputStaging();
    expect(() => second.write(join(out, "a.csv"), "2")).toThrow(/another run .* is writing/);
    second.abort();
    first.commit();
    expect(read(join(out, "a.csv"))).toBe("1");
    expect(readdirSync(out)).toEqual(["a.csv"]);
  });
});
