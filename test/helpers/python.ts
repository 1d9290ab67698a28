/**
 * Test oracle: runs a snippet in /usr/bin/python3 (numpy, scipy, scikit-image) and returns
 * its results, so tests compare against the real libraries. Arrays cross as base64 of their
 * bytes (exact); everything the snippet puts in the dict `O` comes back as a Float64Array,
 * Float32Array, Int32Array… (numpy scalars as 0-d arrays). Node only; tests skip when Python
 * or its packages are missing (see `pythonAvailable`).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const PYTHON = process.env.NIMA_PYTHON ?? "/usr/bin/python3";

type Array_ = Float64Array | Float32Array | Int32Array | Uint16Array | Uint8Array | Int16Array;
export type PyValue = Array_ | number | number[] | string | boolean | null;

const DTYPES: Record<string, string> = {
  Float64Array: "<f8",
  Float32Array: "<f4",
  Int32Array: "<i4",
  Uint16Array: "<u2",
  Uint8Array: "|u1",
  Int16Array: "<i2",
};

const PRELUDE = `
import sys, json, base64, numpy as np
def _dec(v):
    if isinstance(v, dict) and "__b64__" in v:
        return np.frombuffer(base64.b64decode(v["__b64__"]), dtype=v["dtype"]).copy()
    return v
I = {k: _dec(v) for k, v in json.load(sys.stdin).items()}
O = {}
`;

const EPILOGUE = `
def _enc(v):
    a = np.asarray(v)
    if a.dtype == np.bool_: a = a.astype(np.uint8)
    if a.dtype.kind == "i" and a.dtype.itemsize == 8: a = a.astype(np.int32)
    if a.dtype.kind == "u" and a.dtype.itemsize > 2: a = a.astype(np.float64)
    a = np.ascontiguousarray(a)
    return {"__b64__": base64.b64encode(a.tobytes()).decode(), "dtype": a.dtype.str, "shape": list(a.shape)}
json.dump({k: _enc(v) for k, v in O.items()}, sys.stdout)
`;

let available: boolean | undefined;

/** Whether python3 with numpy, scipy and scikit-image can be run. */
export function pythonAvailable(): boolean {
  if (available !== undefined) return available;
  if (!existsSync(PYTHON)) return (available = false);
  const r = spawnSync(PYTHON, ["-c", "import numpy, scipy, skimage"], { encoding: "utf8" });
  available = r.status === 0;
  return available;
}

let svml: boolean | undefined;

/**
 * Whether the oracle's numpy runs on a CPU with AVX-512 (SKX), where np.exp / np.log /
 * np.arcsinh go through SVML as on the machine that made the reference data: our ports
 * (kernels/stats/npmath.ts) follow those results. On other CPUs (AVX2 only, e.g. AMD EPYC)
 * numpy calls libm and differs in the last bit, so oracle tests of Gaussian weights, Li
 * iterations and arcsinh skip there; ../shared/reference's stored outputs still check them.
 */
export function numpyUsesSvml(): boolean {
  if (svml !== undefined) return svml;
  if (!pythonAvailable()) return (svml = false);
  const r = spawnSync(
    PYTHON,
    [
      "-c",
      "from numpy.core._multiarray_umath import __cpu_features__ as f; print(int(bool(f.get('AVX512_SKX'))))",
    ],
    { encoding: "utf8" },
  );
  svml = r.status === 0 && r.stdout.trim() === "1";
  if (!svml) console.warn(`${PYTHON}: numpy without AVX-512 SVML; exp/log oracle tests skip`);
  return svml;
}

function encode(v: PyValue): unknown {
  if (ArrayBuffer.isView(v)) {
    const a = v as Array_;
    const dtype = DTYPES[a.constructor.name];
    if (!dtype) throw new TypeError(`python oracle: unsupported array ${a.constructor.name}`);
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    return { __b64__: bytes.toString("base64"), dtype };
  }
  return v;
}

function decode(v: { __b64__: string; dtype: string; shape: number[] }): Array_ {
  const bytes = Buffer.from(v.__b64__, "base64");
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
  switch (v.dtype) {
    case "<f8":
      return new Float64Array(buffer);
    case "<f4":
      return new Float32Array(buffer);
    case "<i4":
      return new Int32Array(buffer);
    case "<u2":
      return new Uint16Array(buffer);
    case "|u1":
      return new Uint8Array(buffer);
    case "<i2":
      return new Int16Array(buffer);
    default:
      throw new TypeError(`python oracle: unsupported dtype ${v.dtype}`);
  }
}

/**
 * Runs `code` with the inputs available as `I[name]` (arrays as numpy arrays); returns the
 * entries of `O` decoded. Throws with Python's stderr when the snippet fails.
 */
export function runPython(
  code: string,
  inputs: Record<string, PyValue> = {},
): Record<string, Array_> {
  const payload = JSON.stringify(
    Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, encode(v)])),
  );
  const r = spawnSync(PYTHON, ["-c", PRELUDE + code + EPILOGUE], {
    input: payload,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`python failed:\n${r.stderr}`);
  const raw = JSON.parse(r.stdout) as Record<
    string,
    { __b64__: string; dtype: string; shape: number[] }
  >;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, decode(v)]));
}

/** A reproducible pseudo-random generator (mulberry32) for test inputs. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
