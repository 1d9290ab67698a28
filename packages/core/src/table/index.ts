/** A small columnar table with pandas-identical CSV output. */
export { formatFloat, shortestDigits } from "./python-repr.js";
export {
  type Column,
  ColumnBlock,
  type Row,
  Table,
  type TableOptions,
  TableSchema,
} from "./table.js";
