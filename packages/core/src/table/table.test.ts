import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatFloat } from "./python-repr.js";
import { ColumnBlock, Table, TableSchema } from "./table.js";

/** [IEEE bits, Python 3.11 `repr(float.fromhex-of-bits)`], made with `struct` + `repr`. */
// biome-ignore format: a table of cases
const PYTHON_REPR: [string, string][] = [
  ["0000000000000000", "0.0"],
  ["8000000000000000", "-0.0"],
  ["3ff0000000000000", "1.0"],
  ["bff0000000000000", "-1.0"],
  ["409bb80000000000", "1774.0"],
  ["3fb999999999999a", "0.1"],
  ["3f1a36e2eb1c432d", "0.0001"],
  ["3f1a36e2eb1c432c", "9.999999999999999e-05"],
  ["3ee4f8b588e368f1", "1e-05"],
  ["3eef75104d551d69", "1.5e-05"],
  ["3f202e4b6ce5dc68", "0.00012345"],
  ["430c6bf526340000", "1000000000000000.0"],
  ["4341c37937e07fff", "9999999999999998.0"],
  ["4341c37937e08000", "1e+16"],
  ["4345eddb25e04800", "1.2345e+16"],
  ["437b69b4ba630f35", "1.2345678901234568e+17"],
  ["444b1ae4d6e2ef50", "1e+21"],
  ["4480f0cf064dd592", "1e+22"],
  ["3e7ad7f29abcaf48", "1e-07"],
  ["3e8421f5f40d8376", "1.5e-07"],
  ["0000000000000001", "5e-324"],
  ["0010000000000000", "2.2250738585072014e-308"],
  ["7fefffffffffffff", "1.7976931348623157e+308"],
  ["3fe3d785982de1d6", "0.6200588199854404"],
  ["405b54c89a35a815", "109.32474379768276"],
  ["4004000000000000", "2.5"],
  ["4059000000000000", "100.0"],
  ["54b249ad2594c37d", "1e+100"],
  ["bdf593f248725119", "-3.14e-10"],
  ["40fe240c9fbe76c9", "123456.789"],
  ["3fd3333333333333", "0.3"],
  ["3fd5555555555555", "0.3333333333333333"],
  ["3fe5555555555555", "0.6666666666666666"],
  ["f2a74de452e6b438", "-1.989032661366619e+244"],
  ["6513270e269e0d37", "7.761117632285041e+178"],
  ["0c5c7fd0a6a3a450", "3.980498358697587e-249"],
  ["d23f0824128b2f33", "-1.5432835417340557e+88"],
  ["1818e811892f902b", "1.3647584518757569e-192"],
  ["9531985d5d9dc9f8", "-1.3701135617873088e-206"],
  ["e8e25d940ed90475", "-1.7160537630466207e+197"],
  ["36f675cc81e74ef5", "6.294675241195386e-44"],
  ["1600a35a099950d8", "1.0613447212142254e-202"],
  ["6b0d549b6f03675a", "4.708325160387546e+207"],
  ["3d9c172411e20b8f", "6.387016158513563e-12"],
  ["8d116ece1738f7d9", "-9.973130378568733e-246"],
  ["c380c2965c684d6d", "-1.5096162171497206e+17"],
  ["3f8acf513989e59a", "0.013090738838615935"],
  ["41e376fbb5544fce", "2612518314.634742"],
  ["4200adaf69091ef4", "8954178849.140114"],
  ["3e525eb07f4d6975", "1.7108284528077355e-08"],
  ["3e799199af37605e", "9.525102111858401e-08"],
  ["3ee7c458daadca7f", "1.1332979587418524e-05"],
  ["bf060fa1f9afe337", "-4.207814273366475e-05"],
  ["41c8402c675248e4", "813717710.6428494"],
  ["c395434621537ad7", "-3.8303635179613126e+17"],
  ["3ece88f4cab11e31", "3.6400538952240917e-06"],
  ["4242ffbfaf4e775c", "163200327324.9325"],
  ["beda2eeb2d543c8b", "-6.242579464257131e-06"],
  ["3e79a1f30bf506dd", "9.548893141911562e-08"],
  ["4207faa388156b2d", "12873658626.677332"],
  ["c29564f21e23f5e0", "-5880825743613.469"],
];

function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe("formatFloat", () => {
  it("equals Python's repr(float)", () => {
    for (const [bits, repr] of PYTHON_REPR) expect(formatFloat(fromBits(bits))).toBe(repr);
  });

  it("writes nan and the infinities as Python does", () => {
    expect(formatFloat(Number.NaN)).toBe("nan");
    expect(formatFloat(Number.POSITIVE_INFINITY)).toBe("inf");
    expect(formatFloat(Number.NEGATIVE_INFINITY)).toBe("-inf");
  });

  it("round-trips every double and follows Python's layout rules", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = formatFloat(x);
        expect(Object.is(Number(s), x)).toBe(true);
        const exponent = x === 0 ? 0 : Math.floor(Math.log10(Math.abs(x)));
        if (/e/.test(s)) expect(s).toMatch(/^-?\d(\.\d+)?e[+-]\d{2,3}$/);
        else expect(s).toMatch(/^-?\d+\.\d+$/);
        // fixed notation exactly for 1e-4 <= |x| < 1e16 (log10 can be off by one at powers of 10)
        if (Math.abs(exponent) > 1 && exponent > -4 && exponent < 15) expect(s).not.toMatch(/e/);
      }),
    );
  });
});

describe("Table", () => {
  const table = new Table(
    {
      C: Float64Array.of(1400.1127090657292, Number.NaN),
      area: Float64Array.of(9387, 1e-5),
      n: Int32Array.of(3, -1),
      note: ["a", 'say "hi", then'],
    },
    { index: [0, 2] },
  );

  it("writes the CSV pandas writes: empty index header, repr floats, NaN as empty", () => {
    expect(table.toCSV()).toBe(
      ',C,area,n,note\n0,1400.1127090657292,9387.0,3,a\n2,,1e-05,-1,"say ""hi"", then"\n',
    );
  });

  it("selects and reorders columns, keeping the index", () => {
    const picked = table.select(["n", "C"]);
    expect(picked.columns).toEqual(["n", "C"]);
    expect(picked.index).toEqual([0, 2]);
    expect(picked.row(0)).toEqual({ n: 3, C: 1400.1127090657292 });
    expect(picked.toRecords()[1]).toEqual({ index: 2, n: -1, C: Number.NaN });
  });

  it("prints aligned text", () => {
    expect(table.select(["n"]).toString()).toBe("    n\n0   3\n2  -1");
  });

  it("names the problem with bad columns", () => {
    expect(() => table.column("R")).toThrow(/no column "R"; the columns are C, area, n, note/);
    expect(() => new Table({ a: Float64Array.of(1), b: Float64Array.of(1, 2) })).toThrow(
      /column "b" has 2 values but the table has 1 rows/,
    );
    expect(
      () =>
        new Table([
          ["a", Float64Array.of(1)],
          ["a", Float64Array.of(2)],
        ]),
    ).toThrow(/column "a" appears twice/);
    expect(() => table.row(5)).toThrow(/row 5 is out of range for 2 rows/);
  });

  it("reads a column block (columns one after another) as separate columns", () => {
    const schema = new TableSchema(["G", "R", "area"]);
    const rows = [3, 7];
    const block = new Table(new ColumnBlock(schema, Float64Array.of(1.5, 2, 10, 20, 100, 101)), {
      index: rows,
    });
    const plain = new Table(
      { G: Float64Array.of(1.5, 2), R: Float64Array.of(10, 20), area: Float64Array.of(100, 101) },
      { index: rows },
    );
    expect(block.columns).toEqual(["G", "R", "area"]);
    expect(block.length).toBe(2);
    expect(Array.from(block.column("R") as Float64Array)).toEqual([10, 20]);
    expect(block.has("area") && !block.has("B")).toBe(true);
    expect(block.toCSV()).toBe(plain.toCSV());
    expect(block.toString()).toBe(plain.toString());
    expect(block.row(1)).toEqual(plain.row(1));
    expect(block.select(["area", "G"]).toCSV()).toBe(plain.select(["area", "G"]).toCSV());
    // Tables on one schema share its names.
    const other = new Table(new ColumnBlock(schema, new Float64Array(3)));
    expect(other.columns).toBe(block.columns);
    expect(other.index).toEqual([0]);
  });

  it("names the problem with a bad column block", () => {
    expect(() => new TableSchema(["a", "b", "a"])).toThrow(/column "a" appears twice/);
    const schema = new TableSchema(["a", "b"]);
    expect(() => new ColumnBlock(schema, new Float64Array(3))).toThrow(
      /block of 3 values does not hold 2 columns/,
    );
    expect(() => new Table(new ColumnBlock(schema, new Float64Array(4)), { index: [0] })).toThrow(
      /block of 4 values does not hold 2 columns of 1 rows/,
    );
    expect(() => new Table(new ColumnBlock(schema, new Float64Array(4))).column("c")).toThrow(
      /no column "c"; the columns are a, b/,
    );
  });
});
