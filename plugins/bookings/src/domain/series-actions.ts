/**
 * What the recurring-booking routes do. Creating checks the RRULE strictly (400 naming the bad part) and expands it in
 * the location's timezone into occurrences that share a series id, `startsAt` first, all or nothing — a rule making
 * more than `maxOccurrences` or reaching past the resource's horizon is a 422 with the count and the limit, one
 * occurrence breaking a rule is a 422, one clashing with an existing booking a 409 naming the clashing starts. A single
 * occurrence is cancelled through `POST /bookings/:id/cancel` (an exception); cancelling the series cancels the rest.
 */
import { problem, ProblemError } from '@tessera/sdk'
import { bookingCreated, bookingCancelled } from '../contract/index.ts'
import type { CreateSeriesBody, Series } from '../contract/index.ts'
import { listBookings, cancelFutureOccurrences } from '../store/booking-store.ts'
import type { Booking } from '../store/booking-store.ts'
import { getSeries, insertSeries, markSeriesCancelled } from '../store/series-store.ts'
import type { SeriesRow } from '../store/series-store.ts'
import { caller, bookingPerson } from './booker.ts'
import type { Caller } from './booker.ts'
import { expandOccurrences } from './recurrence.ts'
import { parseRule } from './recurrence-rule.ts'
import { ruleProblems } from './booking-rules.ts'
import { placeBooking } from './place-booking.ts'
import { publishBooking } from './booking-events.ts'
import { resourceOr422 } from './booking-actions.ts'
import { toWireSeries } from './booking-wire.ts'
import type { BookingsContext } from './bookings-config.ts'

/** A series the caller may see, with its occurrences, else 404. */
async function loadSeries(ctx: BookingsContext, who: Caller, id: string): Promise<{ series: SeriesRow; bookings: Booking[] }> {
  const series = await getSeries(ctx.db, id)
  if (!series || (!who.seesAll && series.personId !== who.self?.id)) throw problem.notFound('No such recurring booking.')
  const { items } = await listBookings(ctx.db, { seriesId: id, limit: 1000, offset: 0 })
  return { series, bookings: items }
}

/** One series the caller may see. */
export async function readSeries(ctx: BookingsContext, id: string): Promise<Series> {
  const s = await loadSeries(ctx, await caller(ctx), id)
  return toWireSeries(s.series, s.bookings)
}

/** Books every occurrence of `body.rrule`, or nothing. */
export async function createSeries(ctx: BookingsContext, body: CreateSeriesBody): Promise<Series> {
  const who = await caller(ctx)
  const person = await bookingPerson(ctx, who, body.personId)
  const resource = await resourceOr422(ctx, body.resourceId)
  const start = new Date(body.startsAt)
  const length = new Date(body.endsAt).getTime() - start.getTime()
  if (length <= 0 || length % 60_000) throw problem.unprocessable('endsAt must be whole minutes after startsAt.', [{ pointer: '/body/endsAt', detail: 'must be after startsAt' }])
  const rule = parseRule(body.rrule)
  const starts = await expandOccurrences(ctx.db, rule, start, resource.location.timezone, { maxOccurrences: ctx.config().maxOccurrences, maxDaysAhead: resource.rules.maxDaysAhead })

  const broken: { startsAt: string; problems: string[] }[] = []
  for (const s of starts) {
    const errors = await ruleProblems(ctx.db, resource, s.getTime(), s.getTime() + length, who.staff)
    if (errors.length) broken.push({ startsAt: s.toISOString(), problems: errors.map((e) => e.detail) })
  }
  if (broken.length) throw new ProblemError(422, 'Unprocessable Content', { detail: `${broken.length} occurrences break the rules of this resource.`, extra: { occurrences: broken } })

  const actor = ctx.actor()
  const seriesId = await insertSeries(ctx.db, {
    resourceId: resource.id, personId: person.id, rrule: rule.text, timezone: resource.location.timezone, firstStart: start,
    durationMinutes: length / 60_000, title: body.title ?? null, createdBy: `${actor.type}:${actor.id}`,
  })
  const clashes: string[] = []
  for (const s of starts) {
    try {
      await ctx.db.savepoint(() => placeBooking(ctx, { resource, person, start: s, end: new Date(s.getTime() + length), title: body.title, seriesId, staff: who.staff }))
    } catch (err) {
      const code = (err as { code?: string }).code
      if ((err instanceof ProblemError && err.status === 409) || code === '23P01') clashes.push(s.toISOString())
      else throw err
    }
  }
  if (clashes.length) throw problem.conflict(`${clashes.length} occurrences clash with existing bookings.`, { clashes })
  const created = await loadSeries(ctx, who, seriesId)
  for (const b of created.bookings) await publishBooking(ctx, bookingCreated, b)
  return toWireSeries(created.series, created.bookings)
}

/** Cancels the still-confirmed future occurrences of a series and the series itself. */
export async function cancelSeries(ctx: BookingsContext, id: string): Promise<Series> {
  const who = await caller(ctx)
  const { series } = await loadSeries(ctx, who, id)
  if (!who.staff && series.personId !== who.self?.id) throw problem.forbidden('You can only cancel your own bookings.')
  const ids = await cancelFutureOccurrences(ctx.db, series.id)
  await markSeriesCancelled(ctx.db, series.id)
  await ctx.audit.record({ action: 'series.cancel', target: `series:${series.id}`, data: { occurrences: ids.length } })
  const after = await loadSeries(ctx, who, series.id)
  for (const b of after.bookings.filter((x) => ids.includes(x.id))) await publishBooking(ctx, bookingCancelled, b)
  return toWireSeries(after.series, after.bookings)
}
