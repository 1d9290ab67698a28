/**
 * Every string a user controls (array and table names, titles, channel and coord labels,
 * column names, string index values and cells, attrs, progress labels and messages) reaches
 * the static HTML fallback escaped; and the renderers build DOM nodes, never HTML strings.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataArray } from "../array/data-array.js";
import { calculateBg } from "../nima/calculate-bg.js";
import { genStack } from "../nima/generat/stack.js";
import { Table } from "../table/table.js";
import { displayData } from "./display.js";
import { withProgress } from "./progress.js";
import { type DisplayMessage, setDisplaySink } from "./sink.js";
import { thresholdView } from "./threshold-bundle.js";

const PAYLOADS = [
  `<script>alert(1)</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'><svg onload=alert(1)>`,
];
const inline = { workers: 0 } as const;

const TAG =
  /<\/?([a-zA-Z][\w:-]*)((?:\s+[^\s=>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s=>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

/**
 * No element or attribute a payload could have injected: every tag (quoted attribute values
 * skipped properly) is a known one, with no event handler and no source but inline images.
 */
function expectInert(html: string): void {
  expect(html.length).toBeGreaterThan(0);
  for (const [, tag, attrs] of html.matchAll(TAG)) {
    expect(["script", "iframe", "object", "embed", "style", "link", "meta"]).not.toContain(
      tag.toLowerCase(),
    );
    for (const [, name, ...values] of (attrs ?? "").matchAll(ATTR)) {
      expect(name.toLowerCase()).not.toMatch(/^on/);
      const value = values.find((v) => v !== undefined) ?? "";
      if (/^(src|href|xlink:href)$/i.test(name)) expect(value).toMatch(/^data:image\/(png|svg)/);
    }
  }
  // What is left once every tag is removed is text: it may hold no raw "<".
  expect(html.replace(TAG, "")).not.toContain("<");
}

const htmlOf = (data: Record<string, unknown>) => String(data["text/html"]);

describe.each(PAYLOADS)("the HTML fallback escapes %s", (bad) => {
  it("in an image's name, title, channel labels and attrs", async () => {
    const x = DataArray.from(new Float64Array(2 * 4 * 4), {
      shape: [2, 4, 4],
      dims: ["C", "Y", "X"],
      coords: { C: [bad, `${bad}2`] },
      name: bad,
      attrs: { [bad]: bad },
    });
    expectInert(htmlOf(await displayData(x, { ...inline, title: bad })));
    const labels = DataArray.from(new Int32Array(16).fill(1), {
      shape: [4, 4],
      dims: ["Y", "X"],
      name: bad,
    });
    expectInert(htmlOf(await displayData(labels, { ...inline, kind: "labels", title: bad })));
  });

  it("in a table's index name, string index, columns, string cells and title", async () => {
    const table = new Table(
      { [bad]: Float64Array.of(1, 2), text: [bad, bad] },
      { index: [bad, `${bad}b`] as unknown as number[], indexName: `${bad}i` },
    );
    expectInert(htmlOf(await displayData(table, { title: bad })));
    const bgs = DataArray.from(Float64Array.of(1, 2), {
      shape: [2],
      dims: [bad],
      coords: { [bad]: [bad, `${bad}x`] },
      name: `${bad}v`,
    });
    expectInert(htmlOf(await displayData(bgs, inline)));
  });

  it("in measurements, threshold views and background figures", async () => {
    const meas = new Map([
      [1, new Table({ [bad]: Float64Array.of(1, 2), r_cl: Float64Array.of(1, 2) })],
    ]);
    expectInert(htmlOf(await displayData(meas, { title: bad })));
    const { image } = genStack({ T: 1, Y: 24, X: 24, seed: 3 });
    const computed = await image.compute(inline);
    const C = (computed.coords.C ?? []).map((c, i) => (i === 0 ? bad : c));
    const named = DataArray.from(computed.values, {
      shape: computed.shape,
      dims: computed.dims,
      coords: { ...computed.coords, C },
    });
    const view = thresholdView(named, { channels: [bad, String(C[1])], minSize: 4 });
    expectInert(htmlOf(await displayData(view, { ...inline, title: bad })));
    const plane = await image.isel({ T: 0 }).sel({ C: "G" }).compute(inline);
    const { figures } = calculateBg(plane, { kind: "li_adaptive" }, { figures: true });
    expectInert(htmlOf(await displayData(figures!, { plane, title: bad })));
  });

  it("in progress labels and failure messages", async () => {
    const shown: DisplayMessage[] = [];
    setDisplaySink((message) => shown.push(structuredClone(message)));
    try {
      await withProgress(
        async () => {
          throw new Error(bad);
        },
        { label: bad },
      ).catch(() => {});
    } finally {
      setDisplaySink(undefined);
    }
    expect(shown.length).toBeGreaterThan(0);
    for (const message of shown) expectInert(JSON.stringify(message.data["text/html"] ?? ""));
  });
});

/** All .ts files under `dir`, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry) && !entry.includes(".test.") ? [path] : [];
  });
}

describe("the renderers", () => {
  it("never parse strings as HTML (widgets, JupyterLab extension, display)", () => {
    const root = join(import.meta.dirname, "../../..");
    const files = ["widgets/src", "jupyterlab-ext/src", "core/src/display"].flatMap((d) =>
      sources(join(root, d)),
    );
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) =>
      /\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML|document\.write|createContextualFragment|dangerouslySetInnerHTML/.test(
        readFileSync(f, "utf8"),
      ),
    );
    expect(offenders).toEqual([]);
  });
});
