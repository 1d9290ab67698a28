/**
 * A small columnar table: named columns of equal length over an integer index (pandas'
 * DataFrame in the shape nima uses it: rows by time). Columns are typed arrays (float or
 * integer) or string lists; `toCSV()` writes what `DataFrame.to_csv()` writes.
 */
import { ShapeError } from "../array/errors.js";
import { formatFloat } from "./python-repr.js";

export type Column =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array
  | readonly string[];

export interface TableOptions {
  /** Row labels (integers), default 0..n−1. */
  index?: ArrayLike<number>;
  /** The index name: the first header cell of the CSV (pandas writes an empty cell). */
  indexName?: string;
}

export type Row = Record<string, number | string>;

/**
 * Column names and their positions, shared by every table built on them: nima.measure
 * gives one table per cell, and hundreds of thousands of cells must not each carry a map
 * of their column names.
 */
export class TableSchema {
  readonly names: readonly string[];
  private readonly positions: ReadonlyMap<string, number>;

  constructor(names: Iterable<string>) {
    this.names = [...names];
    const repeated = this.names.find((name, i) => this.names.indexOf(name) !== i);
    if (repeated !== undefined) throw new ShapeError(`Table: column "${repeated}" appears twice`);
    this.positions = new Map(this.names.map((name, i) => [name, i]));
  }

  /** The position of column `name`, or undefined. */
  position(name: string): number | undefined {
    return this.positions.get(name);
  }
}

/**
 * Float columns of equal length stored one after another in one array (column-major):
 * column k of a block of n rows is `values.subarray(k * n, (k + 1) * n)`. A table of one
 * row then costs one small array, not one per column.
 */
export class ColumnBlock {
  constructor(
    readonly schema: TableSchema,
    readonly values: Float64Array,
  ) {
    const width = schema.names.length;
    if (width === 0 ? values.length !== 0 : values.length % width !== 0) {
      throw new ShapeError(
        `Table: a block of ${values.length} values does not hold ${width} columns of equal length`,
      );
    }
  }
}

export class Table {
  readonly columns: readonly string[];
  readonly index: readonly number[];
  readonly indexName: string;
  private readonly schema: TableSchema;
  /** One column per schema name, or a ColumnBlock's values. */
  private readonly data: readonly Column[] | Float64Array;

  constructor(
    columns: Record<string, Column> | Iterable<readonly [string, Column]> | ColumnBlock,
    options: TableOptions = {},
  ) {
    let rows: number;
    if (columns instanceof ColumnBlock) {
      this.schema = columns.schema;
      this.data = columns.values;
      const width = columns.schema.names.length;
      rows = options.index?.length ?? (width === 0 ? 0 : columns.values.length / width);
      if (columns.values.length !== rows * width) {
        throw new ShapeError(
          `Table: a block of ${columns.values.length} values does not hold ${width} columns of ${rows} rows`,
        );
      }
    } else {
      const entries = Symbol.iterator in columns ? [...columns] : Object.entries(columns);
      this.schema = new TableSchema(entries.map(([name]) => name));
      rows = options.index?.length ?? entries[0]?.[1].length ?? 0;
      for (const [name, values] of entries) {
        if (values.length !== rows) {
          throw new ShapeError(
            `Table: column "${name}" has ${values.length} values but the table has ${rows} rows`,
          );
        }
      }
      this.data = entries.map(([, values]) => values);
    }
    this.columns = this.schema.names;
    this.index = options.index
      ? Array.from(options.index)
      : Array.from({ length: rows }, (_, i) => i);
    this.indexName = options.indexName ?? "";
  }

  /** Number of rows. */
  get length(): number {
    return this.index.length;
  }

  has(name: string): boolean {
    return this.schema.position(name) !== undefined;
  }

  column(name: string): Column {
    const k = this.schema.position(name);
    if (k === undefined) {
      throw new RangeError(
        `Table: no column "${name}"; the columns are ${this.columns.join(", ") || "(none)"}`,
      );
    }
    if (!(this.data instanceof Float64Array)) return this.data[k];
    const n = this.length;
    return this.data.subarray(k * n, (k + 1) * n);
  }

  /** The table with these columns, in this order (pandas `df[names]`). */
  select(names: readonly string[]): Table {
    return new Table(
      names.map((name) => [name, this.column(name)] as const),
      { index: this.index, indexName: this.indexName },
    );
  }

  /** Row `i` (position, not index label) as a record. */
  row(i: number): Row {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) {
      throw new RangeError(`Table: row ${i} is out of range for ${this.length} rows`);
    }
    return Object.fromEntries(this.columns.map((name) => [name, this.column(name)[i]]));
  }

  /** Every row as a record, with the index under `indexName` (or "index"). */
  toRecords(): Row[] {
    const key = this.indexName || "index";
    return this.index.map((label, i) => ({ [key]: label, ...this.row(i) }));
  }

  /**
   * The CSV pandas' `to_csv()` writes: a header with the index name (empty by default) and
   * the column names, then one line per row; floats as Python's `repr` (`1774.0`, `1e-05`),
   * NaN as an empty cell, strings quoted only when needed; every line ends with "\n".
   */
  toCSV(): string {
    const lines = [[this.indexName, ...this.columns].map(quoteCsv).join(",")];
    const cells = this.columns.map((name) => formatter(this.column(name)));
    for (let i = 0; i < this.length; i++) {
      lines.push([String(this.index[i]), ...cells.map((cell) => cell(i, "csv"))].join(","));
    }
    return `${lines.join("\n")}\n`;
  }

  /** An aligned text rendering (full precision), like printing a DataFrame. */
  toString(): string {
    const header = [this.indexName, ...this.columns];
    const cells = this.columns.map((name) => formatter(this.column(name)));
    const body = this.index.map((label, i) => [
      String(label),
      ...cells.map((cell) => cell(i, "text")),
    ]);
    const widths = header.map((h, c) => Math.max(h.length, ...body.map((r) => r[c].length)));
    const line = (cellsOfRow: string[]) =>
      cellsOfRow.map((cell, c) => cell.padStart(widths[c])).join("  ");
    return [line(header), ...body.map(line)].join("\n");
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

type CellFormatter = (i: number, style: "csv" | "text") => string;

function formatter(values: Column): CellFormatter {
  if (values instanceof Float64Array || values instanceof Float32Array) {
    // pandas writes NaN as an empty cell (na_rep="") and prints it as NaN.
    return (i, style) =>
      Number.isNaN(values[i]) ? (style === "csv" ? "" : "NaN") : formatFloat(values[i]);
  }
  if (Array.isArray(values)) {
    const strings = values as readonly string[];
    return (i, style) => (style === "csv" ? quoteCsv(strings[i]) : strings[i]);
  }
  const integers = values as Exclude<Column, readonly string[]>;
  return (i) => String(integers[i]);
}

/** Python csv's QUOTE_MINIMAL: quote a field holding the delimiter, a quote or a newline. */
function quoteCsv(field: string): string {
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}
