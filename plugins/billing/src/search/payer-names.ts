/**
 * Billing's searchable copy of payers' names (`billing.payer_names`, migration 009), read from members' contract
 * only: `refreshPayerName` asks members' `directory` for the person's or organisation's current name and stores it
 * (NULL when the person is anonymised or unknown, or the organisation is gone, so they are no longer found by name);
 * `backfillPayerNames` fills the copy for payers with invoices but no copy yet. Both run in the current tenant's
 * transaction (RLS scopes them), are idempotent, and converge on members' current state whatever order events arrive in.
 */
import type { PluginContext } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { PayerType } from '../domain/payer.ts'

/** Stores the current name of the payer from members (NULL when anonymised, unknown or deleted). */
export async function refreshPayerName(ctx: PluginContext, payerType: PayerType, payerId: string): Promise<void> {
  const directory = ctx.services.get(membersDirectory)
  let name: string | null = null
  if (payerType === 'person') {
    const person = await directory.getPerson(payerId)
    name = person && !person.anonymised ? person.name : null
  } else {
    name = (await directory.getOrganisation(payerId))?.name ?? null
  }
  await ctx.db.query(
    `INSERT INTO billing.payer_names (payer_type, payer_id, name) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, payer_type, payer_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
       WHERE payer_names.name IS DISTINCT FROM EXCLUDED.name`,
    [payerType, payerId, name],
  )
}

/** Stores the payer's name unless a copy exists already. */
export async function ensurePayerName(ctx: PluginContext, payerType: PayerType, payerId: string): Promise<void> {
  const known = await ctx.db.one('SELECT 1 AS known FROM billing.payer_names WHERE payer_type = $1 AND payer_id = $2', [payerType, payerId])
  if (!known) await refreshPayerName(ctx, payerType, payerId)
}

/**
 * Copies the names of every invoiced payer who has no copy yet, in batches; returns how many it copied.
 */
export async function backfillPayerNames(ctx: PluginContext): Promise<number> {
  const batch = 200
  let done = 0
  for (;;) {
    const missing = await ctx.db.many<{ payerType: PayerType; payerId: string }>(
      `SELECT DISTINCT i.payer_type AS "payerType", i.payer_id::text AS "payerId" FROM billing.invoices i
        WHERE NOT EXISTS (SELECT 1 FROM billing.payer_names n
                           WHERE n.tenant_id = i.tenant_id AND n.payer_type = i.payer_type AND n.payer_id = i.payer_id)
        LIMIT $1`,
      [batch],
    )
    for (const p of missing) await refreshPayerName(ctx, p.payerType, p.payerId)
    done += missing.length
    if (missing.length < batch) break
  }
  return done
}
