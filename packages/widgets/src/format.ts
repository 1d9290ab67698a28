/** Value formatting shared by the viewers; no DOM, so Node code can import it. */
/** A number shown compactly: integers as they are, others with 4 significant digits. */
export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6)
    ? value.toExponential(3)
    : String(Number(value.toPrecision(4)));
}
