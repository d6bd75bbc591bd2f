/**
 * Hourly: rebuilds and pushes every connected agent's grant set, so the window of cached grants (the configured
 * horizon) keeps rolling forward and time windows that began or ended are reflected; forgets bookings long past.
 */
import type { JobDefinition } from '@tessera/sdk'
import { syncAgents } from '../domain/grant-sync.ts'

export const refreshGrantsJob: JobDefinition = {
  cron: '7 * * * *',
  async handler(_job, ctx) {
    await ctx.db.query(`DELETE FROM access.booking_windows WHERE ends_at < now() - interval '2 days'`)
    await syncAgents(ctx)
  },
}
