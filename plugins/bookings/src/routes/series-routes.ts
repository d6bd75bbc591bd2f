/**
 * Recurring bookings (`domain/series-actions.ts`): `POST /series` books every occurrence of an RRULE or nothing,
 * `GET /series/:id` reads one with its occurrences, `POST /series/:id/cancel` cancels the occurrences still to come.
 */
import type { PluginApp } from '@tessera/sdk'
import { idParams, emptyBody } from '@tessera/sdk'
import { createSeriesBody, seriesSchema, bookingsPermissions } from '../contract/index.ts'
import { createSeries, readSeries, cancelSeries } from '../domain/series-actions.ts'
import type { BookingsContext } from '../domain/bookings-config.ts'

/** Registers `/series` routes. */
export function seriesRoutes(app: PluginApp, ctx: BookingsContext): void {
  const permission = bookingsPermissions.book

  app.post('/series', {
    config: { permission },
    schema: { body: createSeriesBody, response: { 201: seriesSchema } },
  }, async (req, reply) => {
    const series = await createSeries(ctx, req.body)
    reply.code(201)
    return series
  })

  app.get('/series/:id', {
    config: { permission },
    schema: { params: idParams, response: { 200: seriesSchema } },
  }, async (req) => readSeries(ctx, req.params.id))

  app.post('/series/:id/cancel', {
    config: { permission },
    schema: { params: idParams, body: emptyBody, response: { 200: seriesSchema } },
  }, async (req) => cancelSeries(ctx, req.params.id))
}
