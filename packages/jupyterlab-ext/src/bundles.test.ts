import { type ArrayBundle, type TableBundle, thresholdApplyCode } from "@nima-ts/core";
import { describe, expect, it } from "vitest";
import { describeBundle, findBundle, isNimaMimeType, pipelineSteps } from "./bundles.js";

const arrayBundle: ArrayBundle = {
  version: 1,
  kind: "array",
  id: "a1",
  title: "image",
  lazy: false,
  pipeline: [],
  array: {
    dims: ["T", "C", "Y", "X"],
    shape: [3, 2, 4, 5],
    dtype: "uint16",
    coords: { C: ["G", "R"] },
    attrs: {},
    range: [0, 10],
    data: {
      storage: "zarr",
      path: ".nima-ts/a1.zarr",
      array: "0",
      layout: "ome-zarr",
      chunks: [1, 1, 4, 5],
    },
  },
};

describe("findBundle", () => {
  it("reads a bundle stored as an object or as its JSON text (tslab's display.raw)", () => {
    const mime = "application/vnd.nima-ts.array+json";
    expect(findBundle({ [mime]: arrayBundle })?.bundle).toEqual(arrayBundle);
    expect(findBundle({ "text/html": "<b/>", [mime]: JSON.stringify(arrayBundle) })).toEqual({
      mime,
      bundle: arrayBundle,
    });
    expect(findBundle({ "text/plain": "x" })).toBeNull();
    expect(isNimaMimeType("application/vnd.nima-ts.threshold+json")).toBe(true);
  });

  it("names the problem for a bundle of an unknown version", () => {
    const data = { "application/vnd.nima-ts.array+json": { ...arrayBundle, version: 2 } };
    expect(() => findBundle(data)).toThrow(/version 2 is not supported/);
  });
});

describe("describeBundle", () => {
  it("gives dims, shape and dtype of arrays, rows and columns of tables", () => {
    expect(describeBundle(arrayBundle)).toBe("(T, C, Y, X) 3×2×4×5 uint16");
    const table: TableBundle = {
      version: 1,
      kind: "table",
      id: "t",
      table: {
        index: [0, 1],
        indexName: "t",
        columns: [{ name: "r_pH", dtype: "float64", values: [1, null] }],
      },
    };
    expect(describeBundle(table)).toBe("2 rows × 1 columns");
  });
});

describe("thresholdApplyCode (core's, used by Apply) on the viewer's parameters", () => {
  it("writes a const the next cells can pass to nima.segment", () => {
    const code = thresholdApplyCode("nimaThreshold", {
      method: "li",
      threshold: 123.5,
      minSize: 640,
      index: { T: 2 },
    });
    expect(code).toBe(
      'const nimaThreshold = {"thresholdMethod":"li","method":"li","threshold":123.5,"minSize":640,"index":{"T":2}} as const;',
    );
  });

  it("has no segment method for otsu and manual, and null for a NaN threshold", () => {
    const code = thresholdApplyCode("p", {
      method: "manual",
      threshold: Number.NaN,
      minSize: 1,
      index: {},
    });
    expect(code).toContain('"thresholdMethod":null');
    expect(code).toContain('"threshold":null');
  });

  it("refuses a variable that is not an identifier", () => {
    const params = { method: "yen" as const, threshold: 1, minSize: 1, index: {}, count: 0 };
    expect(() => thresholdApplyCode("x; alert(1)", params)).toThrow(
      /variable must be an identifier/,
    );
  });
});

describe("pipelineSteps", () => {
  it("lists the steps that made an array, sources first", () => {
    expect(pipelineSteps(arrayBundle)).toBeUndefined();
    const steps = [
      { label: "read", kernel: "io.read_chunk" },
      { label: "clipmin", kernel: "expr" },
      { label: "nima.segment", kernel: "nima.segment" },
    ];
    expect(pipelineSteps({ ...arrayBundle, pipeline: steps })).toBe(
      "read → clipmin → nima.segment",
    );
  });
});
