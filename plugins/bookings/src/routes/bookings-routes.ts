/**
 * Booking routes: list, read, create, reschedule, cancel and check in. Staff (`bookings.manage`) act on any booking;
 * everyone else sees and changes only their own — another member's booking answers 404, as if it did not exist.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, pageOf, emptyBody } from '@tessera/sdk'
import { bookingSchema, createBookingBody, rescheduleBody, cancelBody, bookingQuery } from '../schemas/booking-schemas.ts'
import { getBooking, listBookings, moveBooking } from '../store/booking-store.ts'
import type { Booking, BookingFilter } from '../store/booking-store.ts'
import { caller, bookingPerson, visiblePerson } from '../domain/booker.ts'
import type { Caller } from '../domain/booker.ts'
import { catalogOf, seatsOf } from '../domain/peer-services.ts'
import type { PeerResource } from '../domain/peer-services.ts'
import { assertRules } from '../domain/booking-rules.ts'
import { placeBooking, hasStarted } from '../domain/place-booking.ts'
import { publishBooking, publishMoved } from '../domain/booking-events.ts'
import { scheduleNoShowCheck, checkInWindow } from '../domain/no-show.ts'

type Params = { id: string }

/** Loads a resource through the catalog (422 when unknown). */
export async function resourceOr422(ctx: PluginContext, id: string): Promise<PeerResource> {
  const r = await catalogOf(ctx).getResource(id)
  if (!r) throw problem.unprocessable('No such resource.', [{ pointer: '/body/resourceId', detail: 'no such resource' }])
  return r
}

/** A booking the caller may see, else 404. */
export async function visibleBooking(ctx: PluginContext, who: Caller, id: string): Promise<Booking> {
  const b = await getBooking(ctx.db, id)
  if (!b || (!who.seesAll && b.personId !== who.self?.id)) throw problem.notFound('No such booking.')
  return b
}

/** A booking the caller may change: staff any, others their own. */
async function changeableBooking(ctx: PluginContext, who: Caller, id: string): Promise<Booking> {
  const b = await visibleBooking(ctx, who, id)
  if (!who.staff && b.personId !== who.self?.id) throw problem.forbidden('You can only change your own bookings.')
  return b
}

/** Registers `/bookings` routes. */
export function bookingsRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/bookings', {
    config: { permission: 'bookings.book' },
    schema: { querystring: bookingQuery, response: { 200: pageOf(bookingSchema) } },
  }, async (req) => {
    const q = req.query as BookingFilter
    const who = await caller(ctx)
    const own = visiblePerson(who)
    if (own === null) return { items: [], total: 0, limit: q.limit, offset: q.offset }
    if (own && q.personId && q.personId !== own) return { items: [], total: 0, limit: q.limit, offset: q.offset }
    return { ...(await listBookings(ctx.db, { ...q, personId: own ?? q.personId })), limit: q.limit, offset: q.offset }
  })

  app.get('/bookings/:id', {
    config: { permission: 'bookings.book' },
    schema: { params: idParams, response: { 200: bookingSchema } },
  }, async (req) => visibleBooking(ctx, await caller(ctx), (req.params as Params).id))

  app.post('/bookings', {
    config: { permission: 'bookings.book' },
    schema: { body: createBookingBody, response: { 201: bookingSchema } },
  }, async (req, reply) => {
    const body = req.body as { resourceId: string; personId?: string; startsAt: string; endsAt: string; title?: string | null }
    const who = await caller(ctx)
    const person = await bookingPerson(ctx, who, body.personId)
    const resource = await resourceOr422(ctx, body.resourceId)
    const id = await placeBooking(ctx, {
      resource, person, start: new Date(body.startsAt), end: new Date(body.endsAt), title: body.title, staff: who.staff,
    })
    const booking = (await getBooking(ctx.db, id))!
    await publishBooking(ctx, 'bookings.booking.created', booking)
    reply.code(201)
    return booking
  })

  app.patch('/bookings/:id', {
    config: { permission: 'bookings.book' },
    schema: { params: idParams, body: rescheduleBody, response: { 200: bookingSchema } },
  }, async (req) => {
    const body = req.body as { resourceId?: string; startsAt?: string; endsAt?: string; title?: string | null }
    const who = await caller(ctx)
    const b = await changeableBooking(ctx, who, (req.params as Params).id)
    if (b.status !== 'confirmed') throw problem.conflict(`A ${b.status.replace('_', ' ')} booking cannot be changed.`)
    const start = body.startsAt ? new Date(body.startsAt) : b.startsAt
    const end = body.endsAt ? new Date(body.endsAt) : b.endsAt
    const moved = (body.resourceId !== undefined && body.resourceId !== b.resourceId) || start.getTime() !== b.startsAt.getTime() || end.getTime() !== b.endsAt.getTime()
    if (moved) {
      const resource = await resourceOr422(ctx, body.resourceId ?? b.resourceId)
      await assertRules(ctx.db, resource, start.getTime(), end.getTime(), who.staff)
      const started = hasStarted(start)
      await moveBooking(ctx.db, b.id, { resourceId: resource.id, locationId: resource.locationId, seats: seatsOf(resource), start, end, checkIn: started })
      if (!started && start.getTime() !== b.startsAt.getTime()) await scheduleNoShowCheck(ctx, b.id, start)
    }
    if (body.title !== undefined) await ctx.db.query('UPDATE bookings.bookings SET title = $2, updated_at = now() WHERE id = $1', [b.id, body.title])
    const after = (await getBooking(ctx.db, b.id))!
    await publishBooking(ctx, 'bookings.booking.updated', after)
    if (moved) await publishMoved(ctx, after, b)
    return after
  })

  app.post('/bookings/:id/cancel', {
    config: { permission: 'bookings.book' },
    schema: { params: idParams, body: cancelBody, response: { 200: bookingSchema } },
  }, async (req) => {
    const who = await caller(ctx)
    const b = await changeableBooking(ctx, who, (req.params as Params).id)
    if (b.status === 'cancelled') return b
    if (b.status !== 'confirmed') throw problem.conflict(`A ${b.status.replace('_', ' ')} booking cannot be cancelled.`)
    await ctx.db.query(`UPDATE bookings.bookings SET status = 'cancelled', cancelled_at = now(), revision = revision + 1, updated_at = now() WHERE id = $1`, [b.id])
    await ctx.audit.record({ action: 'booking.cancel', target: `booking:${b.id}`, data: { reason: (req.body as { reason?: string }).reason, seriesId: b.seriesId } })
    const after = (await getBooking(ctx.db, b.id))!
    await publishBooking(ctx, 'bookings.booking.cancelled', after)
    return after
  })

  app.post('/bookings/:id/check-in', {
    config: { permission: 'bookings.book' },
    schema: { params: idParams, body: emptyBody, response: { 200: bookingSchema } },
  }, async (req) => {
    const who = await caller(ctx)
    const b = await changeableBooking(ctx, who, (req.params as Params).id)
    if (b.status === 'checked_in') return b
    if (b.status !== 'confirmed') throw problem.conflict(`A ${b.status} booking cannot be checked in.`)
    const { opens, closes } = checkInWindow(ctx, b.startsAt)
    const now = Date.now()
    if (now < opens) throw problem.conflict(`Check-in opens at ${new Date(opens).toISOString()}.`)
    if (now > closes) throw problem.conflict('The check-in period is over (no-shows are released).')
    await ctx.db.query(`UPDATE bookings.bookings SET status = 'checked_in', checked_in_at = now(), updated_at = now() WHERE id = $1`, [b.id])
    const after = (await getBooking(ctx.db, b.id))!
    await publishBooking(ctx, 'bookings.booking.updated', after)
    return after
  })
}
