/**
 * Why a person's Wi-Fi login does not work now, told from the same rules that decide it (`eligibility.ts`,
 * `credentials.ts` `followMemberships`): first the person's member record (suspended, left, anonymised), then their
 * and their organisation's memberships in this plugin's copy (none, suspended, ended, not started yet), then the
 * plans (none of the active ones gives Wi-Fi); an eligible person without a working login gets it with the next
 * membership update (`not-issued`).
 */
import type { Person } from '@tessera/plugin-members/contract'
import type { WifiRefusal } from '../contract/index.ts'
import type { WifiContext } from './wifi-config.ts'
import { membershipValidity } from './eligibility.ts'
import { membershipsOf } from '../store/memberships-store.ts'

const DAY = 86_400_000
const dayOf = (iso: string) => iso.slice(0, 10)

/** The refusal of `person` (who has no working login at `now`). */
export async function wifiRefusal(ctx: WifiContext, person: Person, now = Date.now()): Promise<WifiRefusal> {
  if (person.anonymised) return { code: 'person-anonymised', message: 'Their personal data was anonymised.' }
  if (person.status === 'suspended') return { code: 'person-suspended', message: 'Their member record is suspended.' }
  if (person.status === 'left') return { code: 'person-left', message: 'Their member record says they have left.' }
  const organisationId = person.organisationId ?? null
  const rows = await membershipsOf(ctx.db, person.id, organisationId)
  if (rows.length === 0) return { code: 'no-membership', message: 'No membership (their own or their organisation\'s) gives them Wi-Fi yet.' }
  const v = await membershipValidity(ctx, person.id, organisationId)
  if (v.allowed) {
    if (v.validFrom && Date.parse(v.validFrom) > now) return { code: 'membership-not-started', message: `Their membership starts on ${dayOf(v.validFrom)}.` }
    if (v.validUntil && Date.parse(v.validUntil) <= now) {
      return { code: 'membership-ended', message: `Their membership ended on ${dayOf(new Date(Date.parse(v.validUntil) - DAY).toISOString())}.` }
    }
    return { code: 'not-issued', message: 'They qualify: the login is issued with the next membership update.' }
  }
  const active = rows.filter((r) => r.status === 'active' && r.starts_on !== null)
  // the rows eligibility kept before plans were consulted (`activeMemberships`): what is left out now, plans left out
  if (active.some((r) => r.ends_on === null || r.ends_on >= r.starts_on)) return { code: 'plan-without-wifi', message: 'Their plan does not include Wi-Fi.' }
  if (rows.some((r) => r.status === 'suspended')) return { code: 'membership-suspended', message: 'Their membership is suspended.' }
  const lastDay = active.map((r) => r.ends_on).filter((d): d is string => d !== null).sort().at(-1)
  if (lastDay) return { code: 'membership-ended', message: `Their membership ended on ${lastDay}.` }
  return { code: 'no-membership', message: 'No membership (their own or their organisation\'s) gives them Wi-Fi yet.' }
}
