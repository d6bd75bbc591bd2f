/**
 * Recurring bookings: `POST /series` checks the RRULE strictly (400 naming the bad part) and expands it in the
 * location's timezone into occurrences that share a series id, `startsAt` first, all or nothing — a rule making more
 * than `maxOccurrences` or reaching past the resource's horizon is a 422 with the count and the limit, one occurrence
 * breaking a rule is a 422, one clashing with an existing booking a 409 naming the clashing starts. A single occurrence is
 * cancelled through `POST /bookings/:id/cancel` (an exception); `POST /series/:id/cancel` cancels the rest.
 */
import type { FastifyInstance } from 'fastify'
import { problem, ProblemError } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, emptyBody } from '@tessera/sdk'
import { createSeriesBody, seriesSchema } from '../schemas/series-schemas.ts'
import { listBookings } from '../store/booking-store.ts'
import { caller, bookingPerson } from '../domain/booker.ts'
import type { Caller } from '../domain/booker.ts'
import { expandOccurrences } from '../domain/recurrence.ts'
import { parseRule } from '../domain/recurrence-rule.ts'
import { ruleProblems } from '../domain/booking-rules.ts'
import { placeBooking } from '../domain/place-booking.ts'
import { publishBooking } from '../domain/booking-events.ts'
import { bookingsConfig } from '../domain/bookings-config.ts'
import type { BookingsConfig } from '../domain/bookings-config.ts'
import { resourceOr422 } from './bookings-routes.ts'

type Params = { id: string }

interface SeriesRow {
  id: string
  resourceId: string
  personId: string
  rrule: string
  timezone: string
  firstStart: Date
  durationMinutes: number
  title: string | null
  cancelledAt: Date | null
}

async function loadSeries(ctx: PluginContext, who: Caller, id: string) {
  const s = await ctx.db.one<SeriesRow & Record<string, unknown>>(
    `SELECT id, resource_id AS "resourceId", person_id AS "personId", rrule, timezone, first_start AS "firstStart",
            duration_minutes AS "durationMinutes", title, cancelled_at AS "cancelledAt" FROM bookings.series WHERE id = $1`,
    [id],
  )
  if (!s || (!who.seesAll && s.personId !== who.self?.id)) throw problem.notFound('No such recurring booking.')
  const { items } = await listBookings(ctx.db, { seriesId: id, limit: 1000, offset: 0 })
  return { ...s, bookings: items }
}

/** Registers `/series` routes. */
export function seriesRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.post('/series', {
    config: { permission: 'bookings.book' },
    schema: { body: createSeriesBody, response: { 201: seriesSchema } },
  }, async (req, reply) => {
    const body = req.body as { resourceId: string; personId?: string; startsAt: string; endsAt: string; rrule: string; title?: string | null }
    const who = await caller(ctx)
    const person = await bookingPerson(ctx, who, body.personId)
    const resource = await resourceOr422(ctx, body.resourceId)
    const start = new Date(body.startsAt)
    const length = new Date(body.endsAt).getTime() - start.getTime()
    if (length <= 0 || length % 60_000) throw problem.unprocessable('endsAt must be whole minutes after startsAt.', [{ pointer: '/body/endsAt', detail: 'must be after startsAt' }])
    const config = bookingsConfig(ctx.config() as Partial<BookingsConfig>)
    const rule = parseRule(body.rrule)
    const starts = await expandOccurrences(ctx.db, rule, start, resource.location.timezone, { maxOccurrences: config.maxOccurrences, maxDaysAhead: resource.rules.maxDaysAhead })

    const broken: { startsAt: string; problems: string[] }[] = []
    for (const s of starts) {
      const errors = await ruleProblems(ctx.db, resource, s.getTime(), s.getTime() + length, who.staff)
      if (errors.length) broken.push({ startsAt: s.toISOString(), problems: errors.map((e) => e.detail) })
    }
    if (broken.length) throw new ProblemError(422, 'Unprocessable Content', { detail: `${broken.length} occurrences break the rules of this resource.`, extra: { occurrences: broken } })

    const actor = ctx.actor()
    const series = await ctx.db.one<{ id: string }>(
      `INSERT INTO bookings.series (resource_id, person_id, rrule, timezone, first_start, duration_minutes, title, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [resource.id, person.id, rule.text, resource.location.timezone, start, length / 60_000, body.title ?? null, `${actor.type}:${actor.id}`],
    )
    const clashes: string[] = []
    for (const s of starts) {
      try {
        await ctx.db.savepoint(() => placeBooking(ctx, { resource, person, start: s, end: new Date(s.getTime() + length), title: body.title, seriesId: series!.id, staff: who.staff }))
      } catch (err) {
        const code = (err as { code?: string }).code
        if ((err instanceof ProblemError && err.status === 409) || code === '23P01') clashes.push(s.toISOString())
        else throw err
      }
    }
    if (clashes.length) throw problem.conflict(`${clashes.length} occurrences clash with existing bookings.`, { clashes })
    const created = await loadSeries(ctx, who, series!.id)
    for (const b of created.bookings) await publishBooking(ctx, 'bookings.booking.created', b)
    reply.code(201)
    return created
  })

  app.get('/series/:id', {
    config: { permission: 'bookings.book' },
    schema: { params: idParams, response: { 200: seriesSchema } },
  }, async (req) => loadSeries(ctx, await caller(ctx), (req.params as Params).id))

  app.post('/series/:id/cancel', {
    config: { permission: 'bookings.book' },
    schema: { params: idParams, body: emptyBody, response: { 200: seriesSchema } },
  }, async (req) => {
    const who = await caller(ctx)
    const s = await loadSeries(ctx, who, (req.params as Params).id)
    if (!who.staff && s.personId !== who.self?.id) throw problem.forbidden('You can only cancel your own bookings.')
    const ids = await ctx.db.many<{ id: string }>(
      `UPDATE bookings.bookings SET status = 'cancelled', cancelled_at = now(), revision = revision + 1, updated_at = now()
        WHERE series_id = $1 AND status = 'confirmed' AND lower(during) > now() RETURNING id`,
      [s.id],
    )
    await ctx.db.query('UPDATE bookings.series SET cancelled_at = now() WHERE id = $1', [s.id])
    await ctx.audit.record({ action: 'series.cancel', target: `series:${s.id}`, data: { occurrences: ids.length } })
    const after = await loadSeries(ctx, who, s.id)
    for (const b of after.bookings.filter((x) => ids.some((i) => i.id === x.id))) await publishBooking(ctx, 'bookings.booking.cancelled', b)
    return after
  })
}
