/**
 * Credentials. A PIN is never stored: at creation it is hashed for every registered agent with that agent's
 * credential key (`hashCredential(deriveCredentialKey(agentSecret), 'pin', pin)`, as the site agent computes it)
 * and only those hashes are kept. A card number is kept normalised (it is printed on, and readable from, the card)
 * so that agents registered later get its hash too. Within one agent a credential hash is unique among active
 * credentials, so a PIN or card can never open doors for two people.
 */
import { randomInt } from 'node:crypto'
import { deriveCredentialKey, hashCredential, normalizeCredential } from '@tessera/driver-sdk'
import type { CredentialType } from '@tessera/driver-sdk'
import { problem } from '@tessera/sdk'
import type { AccessContext } from './access-config.ts'
import { openSecret } from './secret-box.ts'
import type { Credential, CredentialQuery } from '../contract/index.ts'


type Row = { id: string; person_id: string; type: CredentialType; card_uid: string | null; label: string | null; agents: number; created_at: Date; revoked_at: Date | null }
const toCredential = (r: Row): Credential => ({
  id: r.id, personId: r.person_id, type: r.type, cardUid: r.card_uid, label: r.label, agents: Number(r.agents), createdAt: r.created_at.toISOString(), revokedAt: r.revoked_at?.toISOString() ?? null,
})
const SELECT = `SELECT c.id, c.person_id, c.type, c.card_uid, c.label, c.created_at, c.revoked_at,
  (SELECT count(*)::int FROM access.credential_hashes h WHERE h.credential_id = c.id AND h.active) AS agents FROM access.credentials c`

/** Lists credentials, optionally of one person. */
export async function listCredentials(ctx: AccessContext, filter: CredentialQuery): Promise<Credential[]> {
  const rows = await ctx.db.many<Row>(
    `${SELECT} WHERE ($1::uuid IS NULL OR c.person_id = $1) AND ($2 OR c.revoked_at IS NULL) ORDER BY c.created_at, c.id`,
    [filter.personId ?? null, filter.includeRevoked ?? false])
  return rows.map(toCredential)
}

/** One credential. */
export async function getCredential(ctx: AccessContext, id: string): Promise<Credential | undefined> {
  const row = await ctx.db.one<Row>(`${SELECT} WHERE c.id = $1`, [id])
  return row && toCredential(row)
}

/** Creates a credential and its per-agent hashes; 409 when an agent already has the same PIN or card active. */
export async function createCredential(ctx: AccessContext, input: { personId: string; type: CredentialType; value: string; label?: string }): Promise<Credential> {
  const value = normalizeCredential(input.type, input.value)
  if (input.type === 'pin' && !/^[0-9]{4,8}$/.test(value)) {
    throw problem.unprocessable('A PIN has 4 to 8 digits.', [{ pointer: '/body/value', detail: 'must be 4 to 8 digits' }])
  }
  if (input.type === 'card' && !/^[0-9A-F]{4,32}$/.test(value)) {
    throw problem.unprocessable('A card number is 4 to 32 hexadecimal digits.', [{ pointer: '/body/value', detail: 'must be 4 to 32 hex digits' }])
  }
  const agents = await ctx.db.many<{ id: string; secret_box: string }>('SELECT id, secret_box FROM access.agents WHERE revoked_at IS NULL')
  if (agents.length === 0 && input.type === 'pin') throw problem.unprocessable('Register a site agent first: a PIN is stored only as the agents\' hashes.')
  const hashes = agents.map((a) => ({ agentId: a.id, hash: hashCredential(deriveCredentialKey(openSecret(ctx, a.secret_box, a.id)), input.type, value) }))
  for (const h of hashes) {
    const taken = await ctx.db.one('SELECT 1 FROM access.credential_hashes WHERE agent_id = $1 AND type = $2 AND hash = $3 AND active', [h.agentId, input.type, h.hash])
    if (taken) throw problem.conflict(input.type === 'pin' ? 'This PIN is not available; choose another.' : 'This card is already in use.')
  }
  const row = await ctx.db.one<{ id: string }>(
    'INSERT INTO access.credentials (person_id, type, card_uid, label) VALUES ($1, $2, $3, $4) RETURNING id',
    [input.personId, input.type, input.type === 'card' ? value : null, input.label ?? null])
  for (const h of hashes) {
    await ctx.db.query('INSERT INTO access.credential_hashes (credential_id, agent_id, type, hash) VALUES ($1, $2, $3, $4)', [row!.id, h.agentId, input.type, h.hash])
  }
  return (await getCredential(ctx, row!.id))!
}

/** Revokes credentials (by id, or every active one of a person and type); returns the revoked ids. */
export async function revokeCredentials(ctx: AccessContext, where: { id?: string; personId?: string; type?: CredentialType }): Promise<string[]> {
  const rows = await ctx.db.many<{ id: string }>(
    `UPDATE access.credentials SET revoked_at = now() WHERE revoked_at IS NULL
       AND ($1::uuid IS NULL OR id = $1) AND ($2::uuid IS NULL OR person_id = $2) AND ($3::text IS NULL OR type = $3) RETURNING id`,
    [where.id ?? null, where.personId ?? null, where.type ?? null])
  const ids = rows.map((r) => r.id)
  if (ids.length) await ctx.db.query('UPDATE access.credential_hashes SET active = false WHERE credential_id = ANY($1::uuid[])', [ids])
  return ids
}

/**
 * Issues a random 6-digit PIN that no agent has active (self-service PINs are always generated: letting people
 * choose would tell them, by a refusal, which PINs others use). Returns the credential and the PIN, shown once.
 */
export async function issueGeneratedPin(ctx: AccessContext, personId: string, label?: string): Promise<Credential & { pin: string }> {
  for (let attempt = 0; ; attempt++) {
    const pin = String(randomInt(0, 1_000_000)).padStart(6, '0')
    try {
      return { ...(await createCredential(ctx, { personId, type: 'pin', value: pin, label })), pin }
    } catch (err) {
      if (attempt >= 20 || (err as { status?: number }).status !== 409) throw err
    }
  }
}

/** The active card numbers of a person, oldest first. */
export async function activeCardNumbers(ctx: AccessContext, personId: string): Promise<string[]> {
  const rows = await ctx.db.many<{ card_uid: string }>(
    `SELECT card_uid FROM access.credentials WHERE person_id = $1 AND type = 'card' AND revoked_at IS NULL AND card_uid IS NOT NULL ORDER BY created_at, id`, [personId])
  return rows.map((r) => r.card_uid)
}
