/**
 * The value (y) axis of a report chart, from the report's `format` and its figures: counts (`number`, or no format,
 * whose figures are all whole numbers — bookings by hour, no-shows, people) get whole-number ticks only (`precision: 0`,
 * so Chart.js never steps by 0.5 and never labels 1.5 bookings); a `number` report with fractional figures keeps
 * Chart.js's own steps; percentages and money keep their formatting (`format` of the figure formatter) and steps.
 * Pure, so it is tested without a browser.
 */
import type { ReportSpec } from '../manifest.ts'
import type { ReportSeries } from './report-data.ts'

/** The options of the chart's `scales.y` (a subset of Chart.js's linear scale options). */
export interface ValueAxisOptions {
  beginAtZero: true
  ticks: {
    /** Decimal places of the step: 0 for counts. */
    precision?: number
    callback: (value: number | string) => string
  }
}

/** Whether a report's figures are counts: plain numbers (not percent or money), every one a whole number. */
export function isCount(format: ReportSpec['format'], series: readonly ReportSeries[]): boolean {
  if (format === 'percent' || format === 'money') return false
  return series.every((s) => s.data.every((v) => v === null || Number.isInteger(v)))
}

/** The y-axis options for a report of `format` with these `series`; ticks are worded by `formatFigure`. */
export function valueAxisOptions(format: ReportSpec['format'], series: readonly ReportSeries[], formatFigure: (value: number | null) => string): ValueAxisOptions {
  const callback = (value: number | string) => formatFigure(Number(value))
  return { beginAtZero: true, ticks: isCount(format, series) ? { precision: 0, callback } : { callback } }
}
