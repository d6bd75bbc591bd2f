/**
 * The filters every report route takes — a range of dates (`from`..`to`, inclusive, at most {@link MAX_REPORT_DAYS}
 * days), an optional location and `format` (`json`, or `csv` for {@link toCsv}) — and the check of the range that a
 * schema cannot express.
 */
import { date, uuid } from './json-schemas.ts'
import { problem } from './problem-error.ts'
import { toCsv } from './csv.ts'
import type { CsvColumn } from './csv.ts'

/** The longest range a report covers: a year (leap years included). @public */
export const MAX_REPORT_DAYS = 366

/** Query properties of a report route: `from`, `to` (dates), `locationId`, `format` (`json` | `csv`). @public */
export const reportQueryProperties = {
  from: date, to: date, locationId: uuid, format: { enum: ['json', 'csv'], default: 'json' },
} as const

/** Throws a 422 unless `from` ≤ `to` and the range spans at most {@link MAX_REPORT_DAYS} days. @public */
export function assertReportRange(range: { from: string; to: string }): void {
  const days = (Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000 + 1
  if (days < 1) throw problem.unprocessable('The report ends before it starts.', [{ pointer: '/querystring/to', detail: `on or after ${range.from}` }])
  if (days > MAX_REPORT_DAYS) throw problem.unprocessable(`A report covers at most a year (${MAX_REPORT_DAYS} days); this range has ${days}.`, [{ pointer: '/querystring/to', detail: 'at most a year after from' }])
}

/** The part of a Fastify reply {@link reportAnswer} uses. @public */
export interface CsvReply {
  type(contentType: string): CsvReply
  header(name: string, value: string): CsvReply
  send(payload: string): unknown
}

/**
 * A report route's answer: `{ from, to, rows }` as JSON, or with `format: 'csv'` the rows sent as an RFC 4180 file
 * download named `<name>-<from>-<to>.csv` (return what this returns from the handler). @public
 */
export function reportAnswer<Row>(query: { from: string; to: string; format?: string }, reply: CsvReply, name: string, rows: Row[], columns: readonly CsvColumn<Row>[]): { from: string; to: string; rows: Row[] } | unknown {
  if (query.format !== 'csv') return { from: query.from, to: query.to, rows }
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}-${query.from}-${query.to}.csv"`).send(toCsv(columns, rows))
}
