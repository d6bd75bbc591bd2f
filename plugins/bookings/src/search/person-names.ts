/**
 * Bookings' searchable copy of booked people's names (`bookings.person_names`, migration 004), read from members'
 * contract only: `refreshPersonName` asks members' `directory` for the person's current name and stores it (NULL when
 * the person is anonymised or unknown, so they are no longer found by name); `backfillPersonNames` fills the copy for
 * people with bookings but no copy yet. Both run in the current tenant's transaction (RLS scopes them), are idempotent,
 * and converge on members' current state whatever order events arrive in.
 */
import type { PluginContext } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'

/** Stores the current name of `personId` from members (NULL when anonymised or unknown). */
export async function refreshPersonName(ctx: PluginContext, personId: string): Promise<void> {
  const person = await ctx.services.get(membersDirectory).getPerson(personId)
  const name = person && !person.anonymised ? person.name : null
  await ctx.db.query(
    `INSERT INTO bookings.person_names (person_id, name) VALUES ($1, $2)
     ON CONFLICT (tenant_id, person_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
       WHERE person_names.name IS DISTINCT FROM EXCLUDED.name`,
    [personId, name],
  )
}

/** Stores the name of `personId` unless a copy exists already. */
export async function ensurePersonName(ctx: PluginContext, personId: string): Promise<void> {
  const known = await ctx.db.one('SELECT 1 AS known FROM bookings.person_names WHERE person_id = $1', [personId])
  if (!known) await refreshPersonName(ctx, personId)
}

/**
 * Copies the names of every booked person who has no copy yet, in batches; returns how many it copied.
 */
export async function backfillPersonNames(ctx: PluginContext): Promise<number> {
  const batch = 200
  let done = 0
  for (;;) {
    const missing = await ctx.db.many<{ personId: string }>(
      `SELECT DISTINCT b.person_id::text AS "personId" FROM bookings.bookings b
        WHERE NOT EXISTS (SELECT 1 FROM bookings.person_names n WHERE n.tenant_id = b.tenant_id AND n.person_id = b.person_id)
        LIMIT $1`,
      [batch],
    )
    for (const { personId } of missing) await refreshPersonName(ctx, personId)
    done += missing.length
    if (missing.length < batch) break
  }
  return done
}
