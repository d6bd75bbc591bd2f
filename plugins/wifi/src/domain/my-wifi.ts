/**
 * The signed-in member's Wi-Fi: their person (through members' directory), their login and password, whether
 * RADIUS accepts it now, and their accounting sessions with the data used.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { MyWifi } from '../contract/index.ts'
import type { WifiContext } from './wifi-config.ts'
import { openPassword } from './password-box.ts'
import { findCredential } from '../store/credentials-store.ts'
import { sessionsOf } from '../store/sessions-store.ts'

/** The person of the signed-in user; 404 when the user has no member profile in this tenant. */
export async function selfPersonId(ctx: WifiContext): Promise<string> {
  const person = await ctx.services.get(membersDirectory).personByUserId(ctx.actor().id)
  if (!person) throw problem.notFound('Your account has no member profile in this space.')
  return person.id
}

/** The member's Wi-Fi; 404 when they have no Wi-Fi login (no membership yet). */
export async function myWifi(ctx: WifiContext, personId: string): Promise<MyWifi> {
  const c = await findCredential(ctx.db, personId)
  if (!c) throw problem.notFound('You have no Wi-Fi login yet: it comes with an active membership.')
  const now = Date.now()
  const active = c.allowed && (!c.valid_from || Date.parse(c.valid_from) <= now) && (!c.valid_until || Date.parse(c.valid_until) > now)
  const { sessions, totalBytes } = await sessionsOf(ctx.db, personId)
  return {
    username: `${c.local_part}@${c.realm}`, password: openPassword(ctx, c.password_box, personId), active,
    validUntil: c.valid_until ? new Date(c.valid_until).toISOString() : null, rotatedAt: c.rotated_at, sessions, totalBytes,
  }
}
