/**
 * Hourly: rebuilds and pushes every connected agent's grant set, so the window of cached grants (the configured
 * horizon) keeps rolling forward and time windows that began or ended are reflected.
 */
import type { JobDefinition } from '@tessera/sdk'
import { syncAgents } from '../domain/grant-sync.ts'

export const refreshGrantsJob: JobDefinition = {
  cron: '7 * * * *',
  async handler(_job, ctx) {
    await syncAgents(ctx)
  },
}
