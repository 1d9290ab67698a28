/** The distinct values of a stream, as np.unique gives them, or null past the limit. */
import { describe, expect, it } from "vitest";
import { seeded } from "../../../../test/helpers/tiled-planes.js";
import { distinctSorted } from "./distinct.js";

const random = seeded(12);

describe("distinctSorted", () => {
  it("gives np.unique's values (−0 and +0 one), growing its table, or null past the limit", async () => {
    const a = Float64Array.from({ length: 50_000 }, () => Math.floor(random() * 30_000) / 7);
    a[10] = -0;
    a[11] = 0;
    const stream = (visit: (v: number) => void) => {
      for (const v of a) visit(v);
      return Promise.resolve();
    };
    const unique = [...new Set(Array.from(a, (v) => v + 0))].sort((x, y) => x - y);
    const got = await distinctSorted(stream);
    expect(got && Array.from(got)).toEqual(unique);
    expect(await distinctSorted(stream, 1000)).toBe(null);
  });
});
