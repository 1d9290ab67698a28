import { describe, expect, it } from "vitest";
import { indexRanges, shellQuote } from "./executor.js";
import { csvField } from "./gather.js";
import { createManifest } from "./manifest.js";
import { slurmScript } from "./slurm.js";

describe("batch helpers", () => {
  it("writes Slurm's --array ranges", () => {
    expect(indexRanges([0, 1, 2, 3])).toBe("0-3");
    expect(indexRanges([7, 1, 2, 5, 3, 9, 10])).toBe("1-3,5,7,9-10");
    expect(indexRanges([4])).toBe("4");
  });

  it("quotes shell words and CSV fields only when needed", () => {
    expect(shellQuote("/data/out/manifest.json")).toBe("/data/out/manifest.json");
    expect(shellQuote("/my data/it's.json")).toBe(`'/my data/it'"'"'s.json'`);
    expect(csvField("a.tif")).toBe("a.tif");
    expect(csvField('a,"b".tif')).toBe('"a,""b"".tif"');
  });

  it("puts a resume's indices and the throttle in the script", () => {
    const manifest = createManifest({ files: ["/d/a.tif", "/d/b.tif", "/d/c.tif"], output: "/o" });
    const job = { manifest, manifestPath: "/o/.nima-batch/manifest.json", indices: [0, 2] };
    const script = slurmScript(job, { parallel: 4, sbatchArgs: ["--qos=short"], node: "node" });
    expect(script).toContain("#SBATCH --array=0,2%4\n");
    expect(script).toContain("#SBATCH --output=/o/.nima-batch/logs/%a.log\n");
    expect(script).toContain("#SBATCH --qos=short\n");
    expect(script).toMatch(
      /\nexec node \S+\/bin\/nima\.js task \/o\/\.nima-batch\/manifest\.json\n$/,
    );
    expect(script).not.toContain("--partition");
  });
});
