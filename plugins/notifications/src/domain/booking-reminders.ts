/**
 * Booking reminders: when a booking is made or moved, a `reminder` job is scheduled for `reminderLeadMinutes`
 * before it starts and the booking's row in `reminders` records the revision it is for (state `none` when that moment
 * has passed: no reminder, and the earlier revision's is void); a cancellation or release marks the row cancelled. The job claims the row only while it is still scheduled for
 * its revision — a moved booking's earlier job, or a cancelled booking's, sends nothing — and queues the e-mail under
 * `reminder:<booking>:<revision>` (once per revision).
 */
import type { BookingEventPayload } from '@tessera/plugin-bookings/contract'
import type { NotificationsContext } from './notifications-config.ts'
import { queueMessage } from './queue-message.ts'
import { cancelReminder, claimReminder, saveReminder } from '../store/reminders-store.ts'

const rowOf = (b: BookingEventPayload) => ({
  bookingId: b.id, personId: b.personId, resourceId: b.resourceId, startsAt: b.startsAt, endsAt: b.endsAt, revision: b.revision,
})

/** Schedules the reminder of a confirmed booking (made or moved). */
export async function scheduleBookingReminder(ctx: NotificationsContext, b: BookingEventPayload): Promise<void> {
  if (b.status !== 'confirmed') return
  const remindAt = new Date(Date.parse(b.startsAt) - ctx.config().reminderLeadMinutes * 60_000)
  const due = remindAt.getTime() > Date.now()
  // a booking moved to a time too close for a reminder still supersedes its earlier reminder
  if ((await saveReminder(ctx.db, { ...rowOf(b), remindAt, state: due ? 'scheduled' : 'none' })) && due) {
    await ctx.jobs.send('reminder', { bookingId: b.id, revision: b.revision }, { startAfter: remindAt })
  }
}

/** Cancels the reminder of a cancelled or released booking. */
export async function cancelBookingReminder(ctx: NotificationsContext, b: BookingEventPayload): Promise<void> {
  await cancelReminder(ctx.db, rowOf(b))
}

/** The `reminder` job: queues the e-mail if the reminder is still scheduled for this revision. */
export async function sendBookingReminder(ctx: NotificationsContext, bookingId: string, revision: number): Promise<void> {
  const r = await claimReminder(ctx.db, bookingId, revision)
  if (!r) return
  await queueMessage(ctx, {
    key: `reminder:${bookingId}:${revision}`, template: 'bookings.reminder', to: { personId: r.personId },
    data: { id: r.bookingId, resourceId: r.resourceId, startsAt: r.startsAt, endsAt: r.endsAt },
  })
}
