/**
 * nima's background figure title, "<method> <params>\n(p25, p50, p75)" with 17-digit floats,
 * as two readable lines: the method, then the rounded percentiles and what they are.
 */
export function bgTitleLines(title: string): [string, string] {
  const [method, rest = ""] = title.split("\n");
  const values = rest.match(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi)?.map(Number) ?? [];
  if (values.length !== 3) return [method, rest];
  const shown = values.map((v) => (Math.abs(v) >= 1000 ? v.toFixed(0) : v.toPrecision(4)));
  return [method, `background percentiles 25/50/75: ${shown.join(", ")} counts (median = bg)`];
}
