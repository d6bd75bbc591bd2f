/**
 * Jobs of the bookings plugin: `release-no-show` (one per booking, at start + grace) and `sweep-no-shows` (cron, every
 * five minutes per tenant, catching anything a per-booking job missed). Both run in the tenant's transaction.
 */
import type { JobDefinition } from '@tessera/sdk'
import { releaseNoShow, sweepNoShows } from '../domain/no-show.ts'
import type { BookingsConfig } from '../domain/bookings-config.ts'

/** `release-no-show`: releases the booking `bookingId` if it is an overdue no-show. */
export const releaseNoShowJob: JobDefinition<BookingsConfig> = {
  async handler(job, ctx) {
    const bookingId = job.data.bookingId
    if (typeof bookingId === 'string') await releaseNoShow(ctx, bookingId)
  },
}

/** `sweep-no-shows`: releases every overdue no-show of the tenant. */
export const sweepNoShowsJob: JobDefinition<BookingsConfig> = {
  cron: '*/5 * * * *',
  async handler(_job, ctx) {
    const n = await sweepNoShows(ctx)
    if (n) ctx.log.info({ released: n }, 'released no-show bookings')
  },
}
