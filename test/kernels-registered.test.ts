/**
 * Every kernel module of @nima-ts/core is registered, with every kernel it defines, on the
 * main thread and in the pool's workers alike (the worker imports the same builtin list).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  closeSharedPools,
  DataArray,
  type KernelModule,
  kernelNames,
  registerKernelModule,
} from "@nima-ts/core";
import { afterAll, describe, expect, it } from "vitest";

const entry = fileURLToPath(import.meta.resolve("@nima-ts/core"));
const dist = dirname(entry);
const src = join(dist, "..", "src");

/** The source modules that define kernels (`export const kernels`), as dist paths. */
function kernelModules(dir = src): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return kernelModules(path);
    if (!e.name.endsWith(".ts") || e.name.endsWith(".test.ts")) return [];
    if (!/^export const kernels\b/m.test(readFileSync(path, "utf8"))) return [];
    return [join(dist, relative(src, path)).replace(/\.ts$/, ".js")];
  });
}

afterAll(() => closeSharedPools());

describe("the kernel registry", () => {
  const modules = kernelModules();

  it("finds the kernel modules of every layer", () => {
    const where = modules.map((m) => relative(dist, m));
    for (const folder of ["kernels/", "nima/", "io/"]) {
      expect(where.some((m) => m.startsWith(folder))).toBe(true);
    }
  });

  it("knows every kernel of every module on the main thread", async () => {
    const names = new Set(kernelNames());
    for (const path of modules) {
      const mod = (await import(pathToFileURL(path).href)) as KernelModule;
      for (const name of Object.keys(mod.kernels)) {
        expect(names.has(name), `${name} of ${relative(dist, path)}`).toBe(true);
      }
    }
  });

  it("knows the same kernels in a worker", async () => {
    const probe = fileURLToPath(new URL("./fixtures/registry-probe.mjs", import.meta.url));
    await registerKernelModule(probe);
    const size = 1 << 14;
    const registry = pathToFileURL(join(dist, "kernels", "registry.js")).href;
    const x = DataArray.from(new Uint8Array(1), { shape: [1, 1], dims: ["Y", "X"] });
    const out = await x
      .mapPlanes(
        "test.kernel_names",
        { registry, size },
        { coreDims: { byte: size }, dtype: "uint8" },
      )
      .compute({ workers: 1 });
    const bytes = out.values as Uint8Array;
    const text = new TextDecoder().decode(bytes.subarray(0, bytes.indexOf(0)));
    const report = JSON.parse(text) as { names: string[]; isMainThread: boolean };
    expect(report.isMainThread).toBe(false);
    const inWorker = report.names.filter((n) => !n.startsWith("test."));
    const inMain = kernelNames().filter((n) => !n.startsWith("test."));
    expect(inWorker).toEqual(inMain);
    expect(inWorker.length).toBeGreaterThan(30);
  });
});
