/**
 * Bookings' events → e-mails to the booker (a person of members): confirmed (one per series for a recurring
 * booking: the series id is the key), moved, cancelled, released; made and moved bookings get a reminder scheduled,
 * cancelled and released ones lose it. Each message's key is the event id, so a redelivered event mails once.
 */
import { on } from '@tessera/sdk'
import { bookingCancelled, bookingCreated, bookingMoved, bookingReleased } from '@tessera/plugin-bookings/contract'
import type { BookingEventPayload } from '@tessera/plugin-bookings/contract'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { queueMessage } from '../domain/queue-message.ts'
import { cancelBookingReminder, scheduleBookingReminder } from '../domain/booking-reminders.ts'

const mail = (ctx: NotificationsContext, key: string, template: string, b: BookingEventPayload & { previous?: unknown }) =>
  queueMessage(ctx, { key, template, to: { personId: b.personId }, data: { ...b } })

/** `bookings.booking.created`: confirmation and reminder. */
export const onBookingCreated = on(bookingCreated, async (e, ctx: NotificationsContext) => {
  if (e.payload.status !== 'confirmed') return
  await mail(ctx, e.payload.seriesId ? `series:${e.payload.seriesId}` : e.id, 'bookings.confirmed', e.payload)
  await scheduleBookingReminder(ctx, e.payload)
})

/** `bookings.booking.moved`: the new time, and the reminder moved with it. */
export const onBookingMoved = on(bookingMoved, async (e, ctx: NotificationsContext) => {
  await mail(ctx, e.id, 'bookings.moved', e.payload)
  await scheduleBookingReminder(ctx, e.payload)
})

/** `bookings.booking.cancelled`. */
export const onBookingCancelled = on(bookingCancelled, async (e, ctx: NotificationsContext) => {
  await cancelBookingReminder(ctx, e.payload)
  await mail(ctx, e.id, 'bookings.cancelled', e.payload)
})

/** `bookings.booking.released` (a no-show). */
export const onBookingReleased = on(bookingReleased, async (e, ctx: NotificationsContext) => {
  await cancelBookingReminder(ctx, e.payload)
  await mail(ctx, e.id, 'bookings.released', e.payload)
})
