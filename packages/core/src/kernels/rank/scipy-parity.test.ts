/**
 * Exact parity with scipy.ndimage 1.10 (median_filter / percentile_filter / rank_filter),
 * computed here by /usr/bin/python3 on seeded random planes. Skipped, with a message, where
 * that Python with scipy is missing (CI installs python3-scipy, so it runs there).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TypedArray } from "../../array/dtype.js";
import { parseNpy } from "../../io/npy.js";
import type { BorderMode } from "../border.js";
import { diskFootprint as disk, type Footprint } from "../footprint.js";
import { medianFilter, percentileFilter, rankFilter } from "./rank-filter.js";
import { setRankWasmEnabled } from "./wasm.js";

const PYTHON = "/usr/bin/python3";
const hasScipy =
  spawnSync(PYTHON, ["-c", "import scipy.ndimage"], { stdio: "ignore" }).status === 0;

type Win = { size: number | [number, number] } | { footprint: string };
interface Case {
  dtype: "uint8" | "uint16" | "int32" | "float32" | "float64";
  shape: [number, number];
  /** "noise", "ties" (few values), "nan" (noise with NaN and -0). */
  data: "noise" | "ties" | "nan";
  win: Win;
  op: { median: true } | { percentile: number } | { rank: number };
  mode: BorderMode;
  cval: number;
  origin: number | [number, number];
}

const FOOTPRINTS: Record<string, Footprint> = {
  disk1: disk(1),
  disk2: disk(2),
  // An even, asymmetric mask: scipy puts its origin at index (2, 1).
  odd4x3: { data: Uint8Array.from([1, 0, 1, 0, 1, 1, 1, 1, 0, 0, 0, 1]), shape: [4, 3] },
};

function cases(): Case[] {
  const out: Case[] = [];
  const wins: Win[] = [
    { footprint: "disk1" },
    { size: 3 },
    { size: 5 },
    { size: 7 },
    { size: 4 },
    { size: [3, 5] },
    { size: 1 },
    { footprint: "disk2" },
    { footprint: "odd4x3" },
  ];
  const modes: BorderMode[] = ["reflect", "nearest", "mirror", "constant", "wrap", "grid-wrap"];
  const base = { cval: 0, origin: 0 } as const;
  for (const dtype of ["float64", "uint16"] as const) {
    for (const mode of modes) {
      for (const win of wins) {
        for (const data of ["noise", "ties"] as const) {
          out.push({ ...base, dtype, shape: [19, 23], data, win, op: { median: true }, mode });
        }
      }
    }
  }
  for (const dtype of ["uint8", "int32", "float32"] as const) {
    for (const win of wins) {
      out.push({
        ...base,
        dtype,
        shape: [16, 9],
        data: "ties",
        win,
        op: { median: true },
        mode: "reflect",
      });
    }
  }
  for (const percentile of [0, 10, 25, 50, 99, 100, -10, -100]) {
    for (const win of [{ size: 7 }, { size: 4 }, { footprint: "disk2" }] as Win[]) {
      out.push({
        ...base,
        dtype: "float64",
        shape: [21, 17],
        data: "ties",
        win,
        op: { percentile },
        mode: "mirror",
      });
    }
  }
  for (const rank of [1, -2, 0]) {
    out.push({
      ...base,
      dtype: "uint16",
      shape: [12, 14],
      data: "noise",
      win: { size: [2, 5] },
      op: { rank },
      mode: "nearest",
    });
  }
  // cval is cast to the input dtype before ranking (uint16: 3.7 -> 3; float32: rounded).
  const cvals = [
    ["uint16", 3.7],
    ["uint16", -1],
    ["uint16", Number.NaN],
    ["uint8", 300.7],
    ["int32", 3e9],
    ["float32", 0.1],
    ["float64", -1e300],
    ["float64", Number.NaN],
    ["float64", -0],
  ] as const;
  for (const [dtype, cval] of cvals) {
    for (const win of [{ size: 3 }, { size: 7 }, { footprint: "disk1" }] as Win[]) {
      out.push({
        ...base,
        dtype,
        shape: [10, 13],
        data: "ties",
        win,
        op: { median: true },
        mode: "constant",
        cval,
      });
    }
  }
  const shifted: [Win, number | [number, number]][] = [
    [{ size: 3 }, 1],
    [{ size: 3 }, [-1, 1]],
    [{ size: 5 }, [2, -2]],
    [{ size: 7 }, [-3, 1]],
    [{ size: 4 }, [1, -2]],
    [{ footprint: "disk1" }, [0, 1]],
    [{ footprint: "disk2" }, [-2, 0]],
  ];
  for (const [win, origin] of shifted) {
    out.push({
      ...base,
      dtype: "float64",
      shape: [11, 15],
      data: "noise",
      win,
      op: { median: true },
      mode: "reflect",
      origin,
    });
  }
  // Windows larger than the plane: the border modes keep extending periodically.
  for (const shape of [
    [1, 1],
    [2, 3],
    [3, 1],
    [4, 6],
  ] as [number, number][]) {
    for (const mode of modes) {
      for (const win of [{ size: 7 }, { size: [5, 9] }, { footprint: "disk2" }] as Win[]) {
        out.push({
          ...base,
          dtype: "float64",
          shape,
          data: "noise",
          win,
          op: { median: true },
          mode,
        });
      }
    }
  }
  // NaN / -0 planes go through the generic path, which follows scipy's NI_Select.
  for (const win of wins) {
    for (const op of [{ median: true }, { percentile: 30 }] as Case["op"][]) {
      out.push({
        ...base,
        dtype: "float64",
        shape: [15, 16],
        data: "nan",
        win,
        op,
        mode: "reflect",
      });
    }
  }
  return out;
}

const PY = `
import json, sys, numpy as np, scipy.ndimage as ndi
d = sys.argv[1]
fps = {k: np.array(v["data"], bool).reshape(v["shape"]) for k, v in json.loads(sys.argv[2]).items()}
for i, c in enumerate(json.loads(sys.stdin.read())):
    rng = np.random.default_rng(i)
    shape = tuple(c["shape"])
    if c["data"] == "ties":
        a = rng.integers(0, 5, shape).astype(float) * 1.5
    else:
        a = np.round(rng.normal(40, 15, shape), 3)
    if c["data"] == "nan":
        a[rng.random(shape) < 0.12] = np.nan
        a[rng.random(shape) < 0.05] = -0.0
        a[rng.random(shape) < 0.05] = 0.0
    a = a.astype(c["dtype"])
    kw = dict(mode=c["mode"], cval=float(c["cval"]), origin=c["origin"])
    w = c["win"]
    if "size" in w: kw["size"] = w["size"]
    else: kw["footprint"] = fps[w["footprint"]]
    op = c["op"]
    if "median" in op: r = ndi.median_filter(a, **kw)
    elif "percentile" in op: r = ndi.percentile_filter(a, op["percentile"], **kw)
    else: r = ndi.rank_filter(a, op["rank"], **kw)
    np.save(f"{d}/in{i}.npy", a)
    np.save(f"{d}/out{i}.npy", r)
`;

function run(c: Case, src: TypedArray): TypedArray {
  const [ny, nx] = c.shape;
  const win = "size" in c.win ? { size: c.win.size } : { footprint: FOOTPRINTS[c.win.footprint] };
  const opts = { ...win, mode: c.mode, cval: c.cval, origin: c.origin };
  if ("median" in c.op) return medianFilter(src, ny, nx, opts);
  if ("percentile" in c.op) return percentileFilter(src, ny, nx, { ...opts, ...c.op });
  return rankFilter(src, ny, nx, { ...opts, ...c.op });
}

/** Same values bit for bit (NaN matches NaN; -0 must match -0). */
function sameBits(got: TypedArray, want: TypedArray): boolean {
  return got.length === want.length && want.every((v, i) => Object.is(v, got[i]));
}

describe.skipIf(!hasScipy)(
  hasScipy ? "scipy.ndimage parity" : `scipy.ndimage parity (SKIPPED: no scipy in ${PYTHON})`,
  () => {
    const all = cases();
    let dir = "";
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), "rank-parity-"));
      const fps = Object.fromEntries(
        Object.entries(FOOTPRINTS).map(([k, f]) => [
          k,
          { data: Array.from(f.data), shape: f.shape },
        ]),
      );
      // JSON has no NaN or -0: send them as strings, which Python's float() reads back.
      const json = JSON.stringify(all, (_, v) =>
        Number.isNaN(v) ? "NaN" : Object.is(v, -0) ? "-0" : v,
      );
      const py = spawnSync(PYTHON, ["-c", PY, dir, JSON.stringify(fps)], {
        input: json,
        encoding: "utf8",
      });
      if (py.status !== 0) throw new Error(`scipy reference run failed:\n${py.stderr}`);
    });
    afterAll(() => {
      setRankWasmEnabled(true);
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it(`matches scipy exactly on ${all.length} cases, with wasm and with plain JS`, () => {
      const failures: string[] = [];
      all.forEach((c, i) => {
        const src = parseNpy(readFileSync(join(dir, `in${i}.npy`))).data;
        const want = parseNpy(readFileSync(join(dir, `out${i}.npy`))).data;
        for (const wasm of [true, false]) {
          setRankWasmEnabled(wasm);
          const got = run(c, src);
          if (!sameBits(got, want)) failures.push(`${JSON.stringify(c)} wasm=${wasm}`);
        }
      });
      expect(failures).toEqual([]);
    });
  },
);
