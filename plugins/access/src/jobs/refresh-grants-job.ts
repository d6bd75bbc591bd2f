/**
 * Hourly: rebuilds and pushes every connected agent's grant set, so the window of cached grants (the configured
 * horizon) keeps rolling forward and time windows that began or ended are reflected; forgets bookings long past.
 */
import type { JobDefinition } from '@tessera/sdk'
import type { AccessConfig } from '../domain/access-config.ts'
import { forgetPastBookings } from '../store/booking-windows-store.ts'
import { syncAgents } from '../domain/grant-sync.ts'

export const refreshGrantsJob: JobDefinition<AccessConfig> = {
  cron: '7 * * * *',
  async handler(_job, ctx) {
    await forgetPastBookings(ctx.db)
    await syncAgents(ctx)
  },
}
