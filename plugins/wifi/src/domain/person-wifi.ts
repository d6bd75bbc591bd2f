/**
 * A person's Wi-Fi as staff see it (the member profile's Wi-Fi section): their login, whether RADIUS accepts it now
 * (the stored validity, which is what RADIUS reads) and why not (`wifi-refusal.ts`), when the password was last set,
 * the devices of their accounting sessions and the data used — never the password. Unknown people (another tenant's
 * included: members' directory reads under the tenant's RLS) are a 404.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { Person } from '@tessera/plugin-members/contract'
import type { PersonWifi } from '../contract/index.ts'
import type { WifiContext } from './wifi-config.ts'
import { wifiRefusal } from './wifi-refusal.ts'
import { findCredential } from '../store/credentials-store.ts'
import type { CredentialRow } from '../store/credentials-store.ts'
import { devicesOf } from '../store/sessions-store.ts'

const iso = (ts: string | null) => (ts ? new Date(ts).toISOString() : null)

/** Whether RADIUS accepts `c` at `now` (allowed and inside its validity window). */
export function credentialUsable(c: Pick<CredentialRow, 'allowed' | 'valid_from' | 'valid_until'>, now = Date.now()): boolean {
  return c.allowed && (!c.valid_from || Date.parse(c.valid_from) <= now) && (!c.valid_until || Date.parse(c.valid_until) > now)
}

/** The person `personId` of this tenant; a 404 problem when there is none. */
export async function personOrNotFound(ctx: WifiContext, personId: string): Promise<Person> {
  const person = await ctx.services.get(membersDirectory).getPerson(personId)
  if (!person) throw problem.notFound('There is no such person in this space.')
  return person
}

/** The staff view of `personId`'s Wi-Fi (404 for an unknown person). */
export async function personWifi(ctx: WifiContext, personId: string): Promise<PersonWifi> {
  const person = await personOrNotFound(ctx, personId)
  const c = await findCredential(ctx.db, personId)
  const active = c !== undefined && credentialUsable(c)
  const { devices, openSessions, totalBytes } = await devicesOf(ctx.db, personId)
  return {
    personId,
    username: c ? `${c.local_part}@${c.realm}` : null,
    active,
    refusal: active ? null : await wifiRefusal(ctx, person),
    validFrom: iso(c?.valid_from ?? null),
    validUntil: iso(c?.valid_until ?? null),
    rotatedAt: c?.rotated_at ?? null,
    devices, openSessions, totalBytes,
    canDisconnect: ctx.config().disconnect !== undefined,
  }
}
