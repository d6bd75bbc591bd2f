/**
 * Small helpers shared by the benchmarks: medians, percentiles, rounding and a printed table. (Result files:
 * `results-file.ts`; the machine's description: `machine-state.ts`.)
 */

/** The median of a list of numbers (NaN when empty). */
export function median(values: number[]): number {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (!v.length) return NaN
  const m = v.length >> 1
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2
}

/** The p-th percentile (0..100) of a list, nearest rank. */
export function percentile(values: number[], p: number): number {
  const v = [...values].sort((a, b) => a - b)
  if (!v.length) return NaN
  return v[Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1))]
}

/** Rounds for display and JSON. */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

/** Prints rows as an aligned table. */
export function printTable(title: string, rows: Record<string, unknown>[]): void {
  console.log(`\n## ${title}\n`)
  if (!rows.length) return
  const cols = [...new Set(rows.flatMap((r) => Object.keys(r)))]
  const text = rows.map((r) => cols.map((c) => (r[c] === undefined ? '' : String(r[c]))))
  const widths = cols.map((c, i) => Math.max(c.length, ...text.map((t) => t[i].length)))
  const line = (cells: string[]) => `| ${cells.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`
  console.log(line(cols))
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`)
  for (const t of text) console.log(line(t))
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))
