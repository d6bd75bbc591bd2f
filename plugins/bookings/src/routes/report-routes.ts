/**
 * Bookings reports (bookings.read): `GET /reports/occupancy` (booked against available seat-hours by resource and
 * week), `GET /reports/hours` (bookings by hour of day), `GET /reports/no-shows` (no-show rate by week). Each takes
 * `from`/`to` (local dates, at most a year), `locationId` and `format=csv` (RFC 4180, a file download); the
 * computations are in `domain/booking-reports.ts`.
 */
import { assertReportRange, reportAnswer, reportQueryProperties } from '@tessera/sdk'
import type { CsvColumn, CsvReply, PluginApp, PluginContext } from '@tessera/sdk'
import { bookingsPermissions } from '../contract/bookings-permissions.ts'
import { occupancyReport, hoursReport, noShowReport } from '../domain/booking-reports.ts'
import type { ReportRange } from '../domain/booking-reports.ts'

const querystring = { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: reportQueryProperties } as const
const num = { type: 'number' } as const
const rate = { type: ['number', 'null'] } as const
const reportOf = (row: Record<string, unknown>) => ({
  200: { type: 'object', required: ['from', 'to', 'rows'], properties: { from: { type: 'string' }, to: { type: 'string' }, rows: { type: 'array', items: { type: 'object', properties: row } } }, description: 'JSON, or text/csv with format=csv' },
})

/** Registers the report routes. */
export function reportRoutes(app: PluginApp, ctx: PluginContext): void {
  const answer = async <Row>(q: ReportRange & { format?: string }, reply: CsvReply, name: string, run: (r: ReportRange) => Promise<Row[]>, columns: CsvColumn<Row>[]) => {
    assertReportRange(q)
    return reportAnswer(q, reply, name, await run({ from: q.from, to: q.to, locationId: q.locationId }), columns)
  }
  const config = { permission: bookingsPermissions.read }

  app.get('/reports/occupancy', {
    config,
    schema: { querystring, response: reportOf({ week: { type: 'string' }, resourceId: { type: 'string' }, resourceName: { type: 'string' }, locationName: { type: 'string' }, bookedHours: num, availableHours: num, utilisation: rate }) },
  }, async (req, reply) => answer(req.query, reply, 'occupancy', (r) => occupancyReport(ctx, r), [
    { header: 'week', value: (x) => x.week }, { header: 'location', value: (x) => x.locationName }, { header: 'resource', value: (x) => x.resourceName },
    { header: 'booked_hours', value: (x) => x.bookedHours }, { header: 'available_hours', value: (x) => x.availableHours }, { header: 'utilisation', value: (x) => x.utilisation },
  ]))

  app.get('/reports/hours', {
    config,
    schema: { querystring, response: reportOf({ hour: { type: 'integer' }, bookings: { type: 'integer' } }) },
  }, async (req, reply) => answer(req.query, reply, 'bookings-by-hour', (r) => hoursReport(ctx, r), [
    { header: 'hour', value: (x) => x.hour }, { header: 'bookings', value: (x) => x.bookings },
  ]))

  app.get('/reports/no-shows', {
    config,
    schema: { querystring, response: reportOf({ week: { type: 'string' }, bookings: { type: 'integer' }, noShows: { type: 'integer' }, rate }) },
  }, async (req, reply) => answer(req.query, reply, 'no-shows', (r) => noShowReport(ctx, r), [
    { header: 'week', value: (x) => x.week }, { header: 'bookings', value: (x) => x.bookings }, { header: 'no_shows', value: (x) => x.noShows }, { header: 'rate', value: (x) => x.rate },
  ]))
}
