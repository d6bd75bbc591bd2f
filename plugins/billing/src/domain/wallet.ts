/**
 * The credits wallet of a payer: a balance row (locked `FOR UPDATE` while it changes, never below zero) and a ledger
 * of entries whose `source` is unique, so a top-up, a booking debit or a refund happens once however often it is asked.
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { MAX_WALLET_BALANCE } from '../contract/money.ts'
import type { Payer } from './payer.ts'

/** The payer's balance, locked until the transaction ends. */
export async function lockWallet(ctx: BillingContext, p: Payer): Promise<number> {
  await ctx.db.query('INSERT INTO billing.wallets (payer_type, payer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [p.payerType, p.payerId])
  const row = await ctx.db.one<{ balance: number }>('SELECT balance FROM billing.wallets WHERE payer_type = $1 AND payer_id = $2 FOR UPDATE', [p.payerType, p.payerId])
  return row!.balance
}

/**
 * Applies `delta` credits once per `source`; returns whether it was applied. A balance that would leave the stored
 * `integer` range is a 422 (a negative one stays the table's CHECK, a 400).
 */
export async function applyCredits(ctx: BillingContext, p: Payer, delta: number, reason: string, source: string): Promise<boolean> {
  if (delta === 0) return false
  const balance = await lockWallet(ctx, p)
  if (balance + delta > MAX_WALLET_BALANCE) throw problem.unprocessable(`A wallet balance may not exceed ${MAX_WALLET_BALANCE} credits.`, [{ pointer: '/body/delta', detail: 'the balance would be out of range' }])
  const entry = await ctx.db.one(
    `INSERT INTO billing.wallet_entries (payer_type, payer_id, delta, reason, source) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, source) DO NOTHING RETURNING id`, [p.payerType, p.payerId, delta, reason, source])
  if (!entry) return false
  await ctx.db.query('UPDATE billing.wallets SET balance = balance + $3 WHERE payer_type = $1 AND payer_id = $2', [p.payerType, p.payerId, delta])
  return true
}

/** Balance and recent entries. */
export async function walletOf(ctx: BillingContext, p: Payer): Promise<{ balance: number; entries: { delta: number; reason: string; source: string; createdAt: string }[] }> {
  const w = await ctx.db.one<{ balance: number }>('SELECT balance FROM billing.wallets WHERE payer_type = $1 AND payer_id = $2', [p.payerType, p.payerId])
  const entries = await ctx.db.many<Record<string, any>>(
    `SELECT delta, reason, source, created_at FROM billing.wallet_entries WHERE payer_type = $1 AND payer_id = $2 ORDER BY id DESC LIMIT 100`, [p.payerType, p.payerId])
  return { balance: w?.balance ?? 0, entries: entries.map((e) => ({ delta: e.delta, reason: e.reason, source: e.source, createdAt: e.created_at.toISOString() })) }
}
