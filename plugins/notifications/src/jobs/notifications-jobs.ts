/**
 * Notifications' jobs: `deliver` sends one stored message (retries with backoff are re-enqueued by the handler
 * itself, so each attempt is recorded — `domain/deliver-message.ts`); `reminder` queues a booking's reminder at
 * its time if it is still due (`domain/booking-reminders.ts`).
 */
import type { JobDefinition } from '@tessera/sdk'
import type { NotificationsConfig } from '../domain/notifications-config.ts'
import { deliverMessage } from '../domain/deliver-message.ts'
import { sendBookingReminder } from '../domain/booking-reminders.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const uuidOf = (data: Record<string, unknown>, key: string): string => {
  const v = data[key]
  if (typeof v !== 'string' || !UUID.test(v)) throw new Error(`job data needs a uuid ${key}`)
  return v
}

/** Sends one message. */
export const deliverJob: JobDefinition<NotificationsConfig> = {
  async handler(job, ctx) {
    await deliverMessage(ctx, uuidOf(job.data, 'messageId'))
  },
}

/** Queues a booking's reminder. */
export const reminderJob: JobDefinition<NotificationsConfig> = {
  async handler(job, ctx) {
    const revision = job.data.revision
    if (typeof revision !== 'number' || !Number.isInteger(revision)) throw new Error('job data needs an integer revision')
    await sendBookingReminder(ctx, uuidOf(job.data, 'bookingId'), revision)
  },
}
