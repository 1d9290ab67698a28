/**
 * The CLI figures, read as SVG: scale bar (in the file's unit, else pixels), colour bars with
 * units, channels in the order given, a cell legend on every measurement panel, axis titles,
 * rounded bg titles; and a bounded size whatever the plane's aspect (a valid 384×1 image
 * used to make a 1808×432146-pixel PNG, 6.3 GB and 200 s). PNGs of the figures for review go
 * to test/artifacts/figures/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bgTitleLines, DataArray, displayData, roundLength, Table } from "@nima-ts/core";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { dimSpec } from "./dim.js";
import { measSpec } from "./meas.js";
import { panelSize } from "./panels.js";
import { renderSvg, svgToPng } from "./render.js";

const ARTIFACTS = join(import.meta.dirname, "../../../../test/artifacts/figures");
mkdirSync(ARTIFACTS, { recursive: true });

/** A (T, C, Y, X) image of two bright discs on a dark background, and its (T, Y, X) labels. */
function sample(ny: number, nx: number, channels: string[], attrs: Record<string, unknown> = {}) {
  const nt = 2;
  const nc = channels.length;
  const values = new Float64Array(nt * nc * ny * nx);
  const labels = new Int32Array(nt * ny * nx);
  for (let t = 0; t < nt; t++) {
    for (let y = 0; y < ny; y++) {
      for (let x = 0; x < nx; x++) {
        const k = x < nx / 2 ? 1 : 2;
        const inside =
          (y - ny / 2) ** 2 + (x - (k === 1 ? nx / 4 : (3 * nx) / 4)) ** 2 < (nx / 6) ** 2;
        if (inside) labels[(t * ny + y) * nx + x] = k;
        for (let c = 0; c < nc; c++) {
          values[((t * nc + c) * ny + y) * nx + x] = inside ? 1000 * (c + 1) : 10;
        }
      }
    }
  }
  const image = DataArray.from(values, {
    shape: [nt, nc, ny, nx],
    dims: ["T", "C", "Y", "X"],
    coords: { C: channels },
    attrs,
  });
  const labelArray = DataArray.from(labels, { shape: [nt, ny, nx], dims: ["T", "Y", "X"] });
  return { image, labels: labelArray };
}

const texts = (svg: string) =>
  [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    m[1].replace(/&amp;/g, "&").replace(/&#x2212;|−/g, "−"),
  );

describe("the _dim figure", () => {
  it("has a scale bar in µm from the file's pixel size, colour bars in counts, channels in the order given", async () => {
    const { image, labels } = sample(120, 100, ["G", "R", "C"], {
      physicalSize: { X: 0.5, Y: 0.5, unit: "µm" },
    });
    const svg = await renderSvg(dimSpec({ image, labels, channels: ["G", "R", "C"] }));
    const words = texts(svg);
    // 20 % of 100 px × 0.5 µm = 10 µm: the bar is 10 µm (20 px) long.
    expect(words.filter((w) => w === "10 µm").length).toBe(2 * 4);
    expect(words.filter((w) => w === "counts − bg").length).toBe(2 * 3);
    const titles = words.filter((w) => /, frame 0$/.test(w));
    expect(titles).toEqual(["G, frame 0", "R, frame 0", "C, frame 0", "cells, frame 0"]);
    writeFileSync(join(ARTIFACTS, "dim-test.png"), svgToPng(svg));
  });

  it("says px when the file gives no pixel size, and times with their unit when it gives them", async () => {
    const { image, labels } = sample(60, 80, ["C", "R"]);
    const spec = dimSpec({
      image,
      labels,
      channels: ["C", "R"],
      times: { values: [0, 2.5], unit: "s" },
    });
    const words = texts(await renderSvg(spec));
    expect(words).toContain("10 px");
    expect(words).toContain("C, t = 2.5 s");
  });

  it("has a bounded size for a 384×1 plane (and a 1×384 one)", async () => {
    for (const [ny, nx] of [
      [384, 1],
      [1, 384],
    ]) {
      const { image, labels } = sample(ny, nx, ["G", "R", "C"]);
      const t0 = performance.now();
      const png = decode(
        svgToPng(await renderSvg(dimSpec({ image, labels, channels: ["G", "R", "C"] }))),
      );
      const seconds = (performance.now() - t0) / 1000;
      expect(png.width, `${ny}×${nx}`).toBeLessThan(2500);
      expect(png.height, `${ny}×${nx}`).toBeLessThan(2500);
      expect(seconds).toBeLessThan(20);
    }
  });

  it("panelSize keeps the aspect inside its box and never goes below the minimum side", () => {
    expect(panelSize(320, 384, 300)).toEqual({ width: 300, height: 360 });
    expect(panelSize(1, 384, 300)).toEqual({ width: 24, height: 450 });
    expect(panelSize(384, 1, 300)).toEqual({ width: 300, height: 24 });
    expect(panelSize(100_000, 100_000, 300)).toEqual({ width: 300, height: 300 });
  });

  it("rounds scale bar lengths to 1, 2 or 5 × 10^k", () => {
    expect([0.7, 1, 3, 9.9, 64, 250].map(roundLength)).toEqual([0.5, 1, 2, 5, 50, 200]);
  });
});

describe("the _meas figure", () => {
  it("colours each cell with a legend on every panel and titles every axis", async () => {
    const tables = new Map<number, Table>();
    for (const id of [1, 2, 3]) {
      const column = (v: number) => Float64Array.from([v, v + 1, v + 2]);
      tables.set(
        id,
        new Table({
          G: column(100 * id),
          R: column(50 * id),
          C: column(20 * id),
          r_pH: column(5 + id / 10),
          r_cl: column(0.5 + id / 10),
        }),
      );
    }
    const bgs = DataArray.from(
      Float64Array.from({ length: 9 }, (_, i) => 400 + i),
      {
        shape: [3, 3],
        dims: ["T", "C"],
        coords: { C: ["G", "R", "C"] },
      },
    );
    const svg = await renderSvg(
      measSpec({
        bgs,
        tables,
        channels: ["G", "R", "C"],
        channelsCl: ["C", "R"],
        channelsPh: ["G", "C"],
      }),
    );
    const words = texts(svg);
    // pH, Cl, G, R, C: five panels with a cell legend; the bg panel's legend is the channels.
    expect(words.filter((w) => w === "cell").length).toBe(5);
    expect(words).toContain("channel");
    expect(words.filter((w) => w === "frame").length).toBe(6);
    for (const title of ["G/C ratio", "C/R ratio", "G (counts − bg)", "background (counts)"]) {
      expect(words).toContain(title);
    }
    writeFileSync(join(ARTIFACTS, "meas-test.png"), svgToPng(svg));
  });
});

describe("the bg figure title", () => {
  it("rounds nima's 17-digit percentiles and says what they are", () => {
    expect(
      bgTitleLines(
        "li_adaptive adaptive_radius=161\n(421.05076272084125, 443.9084397626, 474.042)",
      ),
    ).toEqual([
      "li_adaptive adaptive_radius=161",
      "background percentiles 25/50/75: 421.1, 443.9, 474.0 counts (median = bg)",
    ]);
  });
});

describe("the static notebook fallback (nbconvert, classic notebook)", () => {
  it("draws a colour bar with the contrast limits and a scale bar under each image preview", async () => {
    const { image } = sample(60, 80, ["G", "R"], { physicalSize: { X: 0.25, unit: "micron" } });
    const data = await displayData(image, { title: "cells" });
    const html = String(data["text/html"]);
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html.match(/class="nima-colorbar"/g)).toHaveLength(2);
    // 20 % of 80 px × 0.25 µm = 4 µm → a 2 µm bar.
    expect(html.match(/class="nima-scalebar"[^>]*aria-label="scale bar 2 µm"/g)).toHaveLength(2);
    expect(html).toContain("pct. stretch");
    writeFileSync(join(ARTIFACTS, "static-array.html"), html);
  });
});
