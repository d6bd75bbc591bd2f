/**
 * Marketing consent: a decision (granted or withdrawn) by staff, the member themself, an import or Mailchimp is
 * stored with its time and source, audited, and announced as `members.person.consent-changed` — only when it changes
 * what is recorded, so a repeated decision (a webhook delivered twice) publishes nothing. Anonymised people are
 * never changed.
 */
import type { PluginContext } from '@tessera/sdk'
import type { ConsentSource } from '../contract/person-schemas.ts'
import { personConsentChanged } from '../contract/members-events.ts'
import { setMarketingConsent } from '../store/person-store.ts'

/** Records `granted` from `source` for a person; returns false when nothing changed. */
export async function recordConsent(ctx: PluginContext, personId: string, granted: boolean, source: ConsentSource): Promise<boolean> {
  const at = await setMarketingConsent(ctx.db, personId, granted, source)
  if (!at) return false
  await ctx.audit.record({ action: granted ? 'person.consent.grant' : 'person.consent.withdraw', target: `person:${personId}`, data: { source } })
  await ctx.events.publish(personConsentChanged, { id: personId, granted, source, at })
  return true
}
