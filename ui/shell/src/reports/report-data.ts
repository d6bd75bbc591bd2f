/**
 * What a report card draws, computed from a report's rows and the plugin's `ui.reports` entry: the chart's labels
 * and series, the figures' wording (number, percentage, money), and the table that says the same for screen readers.
 * Pure, so the shaping is tested without a browser.
 */
import type { ReportSpec } from '../manifest.ts'

/** A row of a report answer, as the plugin's route sends it. */
export type ReportRow = Record<string, unknown>

/** One line or set of bars. */
export interface ReportSeries {
  label: string
  /** Aligned with {@link ReportChartData.labels}; `null` where the row has no figure (no opening hours, no bookings). */
  data: Array<number | null>
}

/** The chart's data before Chart.js sees it. */
export interface ReportChartData {
  labels: string[]
  series: ReportSeries[]
  /** True when no figure is above zero: the card shows its empty state instead of a flat chart. */
  empty: boolean
}

/** The most series a chart draws (the largest by total); the table lists every row. */
export const MAX_SERIES = 8

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v))
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null)

/** An x value as people read it: hours as `08:00`, everything else as sent (`2026-W03`, `2026-01`). */
export function axisLabel(spec: Pick<ReportSpec, 'x'>, value: unknown): string {
  if (spec.x === 'hour' && typeof value === 'number') return `${String(value).padStart(2, '0')}:00`
  return text(value)
}

/** Labels and series of a report: one series per value field, or per distinct `series` value when the report has one. */
export function chartData(spec: ReportSpec, rows: ReportRow[]): ReportChartData {
  const labels: string[] = []
  const index = new Map<string, number>()
  for (const row of rows) {
    const label = axisLabel(spec, row[spec.x])
    if (!index.has(label)) { index.set(label, labels.length); labels.push(label) }
  }
  let series: ReportSeries[]
  if (spec.series) {
    const value = spec.values[0].field
    const byName = new Map<string, ReportSeries>()
    for (const row of rows) {
      const name = text(row[spec.series]) || '—'
      let s = byName.get(name)
      if (!s) { s = { label: name, data: labels.map(() => null) }; byName.set(name, s) }
      const i = index.get(axisLabel(spec, row[spec.x]))!
      const v = num(row[value])
      if (v !== null) s.data[i] = (s.data[i] ?? 0) + v
    }
    const total = (s: ReportSeries) => s.data.reduce<number>((sum, v) => sum + Math.abs(v ?? 0), 0)
    series = [...byName.values()].sort((a, b) => total(b) - total(a) || a.label.localeCompare(b.label)).slice(0, MAX_SERIES)
  } else {
    series = spec.values.map((v) => ({ label: v.label, data: labels.map(() => null) }))
    for (const row of rows) {
      const i = index.get(axisLabel(spec, row[spec.x]))!
      spec.values.forEach((v, k) => { series[k].data[i] = num(row[v.field]) })
    }
  }
  const empty = !series.some((s) => s.data.some((v) => v !== null && v !== 0))
  return { labels, series, empty }
}

/** Formats a figure the way the report says it reads; money is in minor units of `currency`. */
export function figureFormatter(format: ReportSpec['format'], currency?: string, locale?: string): (value: number | null) => string {
  if (format === 'percent') {
    const f = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
    return (v) => (v === null ? '—' : f.format(v))
  }
  if (format === 'money' && currency) {
    const f = new Intl.NumberFormat(locale, { style: 'currency', currency })
    const digits = f.resolvedOptions().maximumFractionDigits ?? 2
    return (v) => (v === null ? '—' : f.format(v / 10 ** digits))
  }
  const f = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 })
  return (v) => (v === null ? '—' : f.format(v))
}

/** The CSV download of a report: its route with the same filters and `format=csv`. */
export function csvHref(pluginId: string, spec: Pick<ReportSpec, 'source'>, filters: { from: string; to: string; locationId?: string }): string {
  const q = new URLSearchParams({ from: filters.from, to: filters.to })
  if (filters.locationId) q.set('locationId', filters.locationId)
  q.set('format', 'csv')
  return `/api/v1/${pluginId}${spec.source}?${q}`
}
