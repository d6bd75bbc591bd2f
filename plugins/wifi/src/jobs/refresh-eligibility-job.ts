/**
 * Hourly: every payer's people are re-evaluated, so a plan whose features changed in billing (billing announces no
 * plan change) gives or takes Wi-Fi within the hour, and a person who joined an organisation before this plugin heard
 * of its membership gets their login.
 */
import type { JobDefinition } from '@tessera/sdk'
import type { WifiConfig } from '../domain/wifi-config.ts'
import { followMemberships } from '../domain/credentials.ts'
import { peopleCoveredBy } from '../domain/payer-people.ts'
import { payers } from '../store/memberships-store.ts'

export const refreshEligibilityJob: JobDefinition<WifiConfig> = {
  cron: '23 * * * *',
  async handler(_job, ctx) {
    const seen = new Set<string>()
    for (const p of await payers(ctx.db)) {
      for (const personId of await peopleCoveredBy(ctx, p.payer_type, p.payer_id)) {
        if (seen.has(personId)) continue
        seen.add(personId)
        await followMemberships(ctx, personId)
      }
    }
  },
}
