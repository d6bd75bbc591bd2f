/**
 * Members' Wi-Fi credentials: issuing one (a login `local@realm` from the person's e-mail or name, unique in the
 * tenant; the realm claimed for the tenant across all tenants; a generated password), rotating the password, and
 * following the person's memberships and status (whether RADIUS may accept the login now, and until when).
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { WifiContext } from './wifi-config.ts'
import { ntHash } from './nt-hash.ts'
import { newWifiPassword } from './wifi-password.ts'
import { sealPassword } from './password-box.ts'
import { claimRealm, findCredential, insertCredential, localPartsLike, replacePassword, setValidity } from '../store/credentials-store.ts'
import type { Validity } from '../store/credentials-store.ts'
import { membershipValidity } from './eligibility.ts'
import { openSessionsOf } from '../store/sessions-store.ts'
import { sendDisconnect } from './disconnect-request.ts'

/** A login local part from an e-mail or a name: lower-case letters, digits, `.`, `_`, `-`; at most 60 characters. */
export function localPartFrom(email: string | null, name: string): string {
  const raw = (email ? email.split('@')[0]! : name).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
  const cleaned = raw.replace(/[^a-z0-9._-]+/g, '.').replace(/^[^a-z0-9]+/, '').replace(/[.]{2,}/g, '.').slice(0, 56).replace(/[._-]+$/, '')
  return cleaned || 'member'
}

/**
 * Gives `person` a credential if they have none, with `validity`. Returns whether one was created. A realm held by
 * another tenant is a 409 (nothing is written).
 */
async function ensureCredential(ctx: WifiContext, person: { id: string; email: string | null; name: string }, validity: Validity): Promise<boolean> {
  const personId = person.id
  if (await findCredential(ctx.db, personId)) return false
  const { realm, passwordLength } = ctx.config()
  if (!(await claimRealm(ctx.db, realm))) throw problem.conflict(`The Wi-Fi realm "${realm}" belongs to another tenant: configure another realm.`)
  const base = localPartFrom(person.email, person.name)
  const taken = await localPartsLike(ctx.db, base)
  let localPart = base
  for (let n = 2; taken.has(localPart); n++) localPart = `${base}-${n}`
  const password = newWifiPassword(passwordLength)
  await insertCredential(ctx.db, {
    personId, localPart, realm, passwordBox: sealPassword(ctx, password, personId), ntHash: ntHash(password),
    ...validity,
  })
  await ctx.audit.record({ action: 'wifi.credential.issue', target: `person:${personId}`, data: { username: `${localPart}@${realm}` } })
  return true
}

/** Gives `personId` a new generated password (the old one stops working at RADIUS at once); false without a credential. */
export async function rotatePassword(ctx: WifiContext, personId: string): Promise<boolean> {
  const password = newWifiPassword(ctx.config().passwordLength)
  const done = await replacePassword(ctx.db, personId, sealPassword(ctx, password, personId), ntHash(password))
  if (done) await ctx.audit.record({ action: 'wifi.password.rotate', target: `person:${personId}` })
  return done
}

/**
 * Re-reads `personId`'s memberships (their own and their organisation's, see `eligibility.ts`) and status and applies
 * them to the credential (creating it for a newly eligible member): Wi-Fi needs an active membership of a plan that
 * gives Wi-Fi and a person whose status is `active` (not suspended, not left).
 */
export async function followMemberships(ctx: WifiContext, personId: string): Promise<void> {
  const person = await ctx.services.get(membersDirectory).getPerson(personId)
  if (!person) return
  const fromMemberships = await membershipValidity(ctx, personId, person.organisationId ?? null)
  const v = { ...fromMemberships, allowed: fromMemberships.allowed && person.status === 'active' && !person.anonymised }
  if (v.allowed && (await ensureCredential(ctx, person, v))) return
  if (!(await findCredential(ctx.db, personId))) return
  await setValidity(ctx.db, personId, v)
  const now = Date.now()
  const usable = v.allowed && (!v.validFrom || Date.parse(v.validFrom) <= now) && (!v.validUntil || Date.parse(v.validUntil) > now)
  if (!usable) await disconnectSessions(ctx, personId)
}

/** What a NAS answered to one Disconnect-Request. */
export type DisconnectOutcome = Awaited<ReturnType<typeof sendDisconnect>>

/**
 * Ends `personId`'s live sessions at their NAS (when the tenant configured `disconnect`); results are logged and
 * returned, one per open session (none without `disconnect`).
 */
export async function disconnectSessions(ctx: WifiContext, personId: string): Promise<DisconnectOutcome[]> {
  const d = ctx.config().disconnect
  if (!d) return []
  const outcomes: DisconnectOutcome[] = []
  for (const s of await openSessionsOf(ctx.db, personId)) {
    const outcome = await sendDisconnect(s.nasIp, d.port, d.secret, s)
    ctx.log.info({ personId, sessionId: s.sessionId, nas: s.nasIp, outcome }, 'wifi: Disconnect-Request')
    outcomes.push(outcome)
  }
  return outcomes
}
