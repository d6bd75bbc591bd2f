/**
 * Invoices: open charges of a payer become the lines of a draft invoice; issuing takes the next number of the
 * tenant's gapless counter (its row locked `FOR UPDATE` in the issuing transaction, so a rollback gives the number
 * back and concurrent issuers queue); payments move an issued invoice to paid; void and credit notes correct it.
 * Every amount is integer minor units; line tax is rounded half-even per line and totals are sums of lines.
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { lineAmounts, AmountOutOfRange, MAX_INVOICE_TOTAL, MAX_QUANTITY } from '../contract/money.ts'
import type { LineAmounts } from '../contract/money.ts'
import { settings } from './billing-config.ts'
import { requirePayer } from './payer-check.ts'
import type { Payer, PayerType } from './payer.ts'
import type { ChargeInput } from '../contract/accounts-service.ts'
import type { Invoice, InvoiceLine } from '../contract/wire-types.ts'
import { invoiceDrafted, invoiceIssued, invoicePaid, invoiceUpdated, invoiceVoided } from '../contract/invoice-events.ts'

export type { ChargeInput } from '../contract/accounts-service.ts'
export type { Invoice, InvoiceLine } from '../contract/wire-types.ts'

const COLS = `id, kind, number, payer_type, payer_id, period, credit_for, status, currency, subtotal::float8, tax::float8,
  total::float8, amount_paid::float8, amount_credited::float8, payment_attempts, issued_at, due_on::text, paid_at, created_at`

/** Formats an invoice number: `INV-000042` / `CN-000007`. */
export const formatNumber = (kind: string, n: number | null): string | null => (n === null ? null : numberText(kind, n))

/** The text of invoice number `n` of `kind`. */
const numberText = (kind: string, n: number): string => `${kind === 'credit_note' ? 'CN' : 'INV'}-${String(n).padStart(6, '0')}`

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : (v as string | null))

function toInvoice(r: Record<string, any>): Invoice {
  return {
    id: r.id, kind: r.kind, number: formatNumber(r.kind, r.number), payerType: r.payer_type, payerId: r.payer_id,
    period: r.period, creditFor: r.credit_for, status: r.status, currency: r.currency, subtotal: r.subtotal, tax: r.tax,
    total: r.total, amountPaid: r.amount_paid, amountCredited: r.amount_credited,
    // a draft shows what it will ask for once issued; paid and void invoices ask for nothing
    amountDue: r.kind === 'invoice' && (r.status === 'issued' || r.status === 'draft') ? Math.max(0, r.total - r.amount_paid - r.amount_credited) : 0,
    paymentAttempts: r.payment_attempts, issuedAt: iso(r.issued_at), dueOn: r.due_on, paidAt: iso(r.paid_at), createdAt: iso(r.created_at)!,
  }
}

/**
 * The amounts of a line, or a 422 naming `pointer` (the line's `unitAmount`) when quantity × unit amount lies outside
 * the bounds of `money.ts` — so that nothing is stored that a later invoice could not sum.
 */
function boundedLine(quantity: number, unitAmount: number, rateBp: number, inclusive: boolean, pointer: string): LineAmounts {
  try {
    if (!Number.isInteger(quantity) || Math.abs(quantity) > MAX_QUANTITY) throw new AmountOutOfRange(quantity, unitAmount)
    return lineAmounts(quantity, unitAmount, rateBp, inclusive)
  } catch (err) {
    if (!(err instanceof AmountOutOfRange)) throw err
    throw problem.unprocessable(`The line is out of range: ${err.message}.`, [{ pointer, detail: 'quantity × unitAmount is out of range' }])
  }
}

/**
 * Adds a charge unless its source was charged before; returns whether it was new. 422 when its amount is out of range
 * or its payer does not exist in this tenant (`/body/payerId`).
 */
export async function addCharge(ctx: BillingContext, c: ChargeInput): Promise<boolean> {
  boundedLine(c.quantity ?? 1, c.unitAmount, c.taxRateBp ?? 0, c.taxInclusive ?? settings(ctx).pricesIncludeTax, '/body/unitAmount')
  await requirePayer(ctx, c)
  const row = await ctx.db.one(
    `INSERT INTO billing.charges (payer_type, payer_id, description, quantity, unit_amount, tax_rate_bp, source, tax_inclusive, location_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, source) DO NOTHING RETURNING id`,
    [c.payerType, c.payerId, c.description, c.quantity ?? 1, c.unitAmount, c.taxRateBp ?? 0, c.source, c.taxInclusive ?? null, c.locationId ?? null])
  return !!row
}

/**
 * Takes back the charge of `source`: deleted while it waits for an invoice; credited with a credit note (the same
 * line) once invoiced. Returns what happened.
 */
export async function removeCharge(ctx: BillingContext, source: string, reason: string): Promise<'none' | 'deleted' | 'credited'> {
  const c = await ctx.db.one<Record<string, any>>(`SELECT id, invoice_id, description, quantity, unit_amount::float8, tax_rate_bp, tax_inclusive, location_id FROM billing.charges WHERE source = $1 FOR UPDATE`, [source])
  if (!c) return 'none'
  if (!c.invoice_id) {
    await ctx.db.query('DELETE FROM billing.charges WHERE id = $1', [c.id])
    return 'deleted'
  }
  const inv = await getInvoice(ctx, c.invoice_id)
  if (!inv || inv.status === 'void') return 'none'
  if (inv.status === 'draft') {
    await ctx.db.query('DELETE FROM billing.invoice_lines WHERE invoice_id = $1 AND source = $2', [inv.id, source])
    await ctx.db.query('DELETE FROM billing.charges WHERE id = $1', [c.id])
    await recomputeTotals(ctx, inv.id)
    return 'deleted'
  }
  await ctx.db.query(`UPDATE billing.charges SET source = source || ':credited:' || id WHERE id = $1`, [c.id])
  await creditNote(ctx, inv.id, [{ description: `${reason}: ${c.description}`, quantity: c.quantity, unitAmount: c.unit_amount, taxRateBp: c.tax_rate_bp, taxInclusive: c.tax_inclusive ?? undefined, locationId: c.location_id }])
  return 'credited'
}

async function recomputeTotals(ctx: BillingContext, invoiceId: string): Promise<void> {
  await ctx.db.query(
    `UPDATE billing.invoices i SET subtotal = s.net, tax = s.tax, total = s.gross
     FROM (SELECT coalesce(sum(net), 0) AS net, coalesce(sum(tax), 0) AS tax, coalesce(sum(gross), 0) AS gross
           FROM billing.invoice_lines WHERE invoice_id = $1) s WHERE i.id = $1`, [invoiceId])
}

type NewLine = { description: string; quantity: number; unitAmount: number; taxRateBp: number; taxInclusive?: boolean | null; source?: string | null; locationId?: string | null }

/**
 * Inserts `lines` (amounts computed and bounded first: every line within the line bound, their gross sum within
 * `MAX_INVOICE_TOTAL`, else a 422 naming `pointer/<i>/unitAmount` or `pointer`) and recomputes the totals.
 */
async function insertLines(ctx: BillingContext, invoiceId: string, lines: NewLine[], pointer = '/body/lines'): Promise<void> {
  const tenantInclusive = settings(ctx).pricesIncludeTax
  const computed = lines.map((l, i) => {
    const inclusive = l.taxInclusive ?? tenantInclusive
    return { l, inclusive, a: boundedLine(l.quantity, l.unitAmount, l.taxRateBp, inclusive, `${pointer}/${i}/unitAmount`) }
  })
  const gross = computed.reduce((sum, c) => sum + BigInt(c.a.gross), 0n)
  if (gross > BigInt(MAX_INVOICE_TOTAL) || gross < -BigInt(MAX_INVOICE_TOTAL)) {
    throw problem.unprocessable(`The lines add up to ${gross} minor units, more than an invoice may total (${MAX_INVOICE_TOTAL}).`, [{ pointer, detail: 'total out of range' }])
  }
  const start = (await ctx.db.one<{ n: number }>('SELECT coalesce(max(position), 0)::int AS n FROM billing.invoice_lines WHERE invoice_id = $1', [invoiceId]))!.n
  let pos = start
  for (const { l, inclusive, a } of computed) {
    await ctx.db.query(
      `INSERT INTO billing.invoice_lines (invoice_id, position, description, quantity, unit_amount, tax_rate_bp, net, tax, gross, source, tax_inclusive, location_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [invoiceId, ++pos, l.description, l.quantity, l.unitAmount, l.taxRateBp, a.net, a.tax, a.gross, l.source ?? null, inclusive, l.locationId ?? null])
  }
  await recomputeTotals(ctx, invoiceId)
}

/**
 * Creates a draft invoice of `payer` holding all their open charges. With a `runKey`, at most one invoice per key
 * ever exists: a second (or concurrent) call returns `undefined`. Returns `undefined` when there is nothing to bill.
 */
export async function draftFromCharges(ctx: BillingContext, payer: Payer, options: { runKey?: string; period?: string } = {}): Promise<string | undefined> {
  const inv = await ctx.db.one<{ id: string }>(
    `INSERT INTO billing.invoices (payer_type, payer_id, period, run_key, currency) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, run_key) DO NOTHING RETURNING id`,
    [payer.payerType, payer.payerId, options.period ?? null, options.runKey ?? null, settings(ctx).currency])
  if (!inv) return undefined
  const charges = await ctx.db.many<Record<string, any>>(
    `UPDATE billing.charges SET invoice_id = $3 WHERE id IN (
       SELECT id FROM billing.charges WHERE invoice_id IS NULL AND payer_type = $1 AND payer_id = $2 ORDER BY created_at, id FOR UPDATE)
     AND invoice_id IS NULL
     RETURNING description, quantity, unit_amount::float8, tax_rate_bp, tax_inclusive, source, location_id, created_at, id`,
    [payer.payerType, payer.payerId, inv.id])
  if (!charges.length) {
    await ctx.db.query('DELETE FROM billing.invoices WHERE id = $1', [inv.id])
    return undefined
  }
  charges.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.source < b.source ? -1 : 1))
  await insertLines(ctx, inv.id, charges.map((c) => ({ description: c.description, quantity: c.quantity, unitAmount: c.unit_amount, taxRateBp: c.tax_rate_bp, taxInclusive: c.tax_inclusive, source: c.source, locationId: c.location_id })), '/charges')
  await ctx.events.publish(invoiceDrafted, { id: inv.id, payerType: payer.payerType, payerId: payer.payerId })
  return inv.id
}

async function nextNumber(ctx: BillingContext, kind: 'invoice' | 'credit_note'): Promise<number> {
  await ctx.db.query('INSERT INTO billing.number_counters (kind) VALUES ($1) ON CONFLICT DO NOTHING', [kind])
  const row = await ctx.db.one<{ last_value: number }>('SELECT last_value FROM billing.number_counters WHERE kind = $1 FOR UPDATE', [kind])
  const n = row!.last_value + 1
  await ctx.db.query('UPDATE billing.number_counters SET last_value = $2 WHERE kind = $1', [kind, n])
  return n
}

/** Issues a draft: gapless number, issue date, due date. An invoice of 0 is paid at once. */
export async function issueInvoice(ctx: BillingContext, id: string): Promise<Invoice> {
  const inv = await lockInvoice(ctx, id)
  if (inv.status !== 'draft') throw problem.conflict(`The invoice is ${inv.status}, not a draft.`)
  const n = await nextNumber(ctx, inv.kind)
  const terms = settings(ctx).paymentTermsDays
  await ctx.db.query(
    `UPDATE billing.invoices SET number = $2, status = CASE WHEN total <= 0 AND kind = 'invoice' THEN 'paid' ELSE 'issued' END,
       issued_at = now(), due_on = (now() AT TIME ZONE 'UTC')::date + $3::int,
       paid_at = CASE WHEN total <= 0 AND kind = 'invoice' THEN now() END WHERE id = $1`, [id, n, terms])
  const out = (await getInvoice(ctx, id))!
  await ctx.events.publish(invoiceIssued, { id, number: numberText(out.kind, n), payerType: out.payerType, payerId: out.payerId, total: out.total, kind: out.kind })
  return out
}

/** Voids a draft or an issued invoice without payments; its charges stay on it (bill them again by a new charge). */
export async function voidInvoice(ctx: BillingContext, id: string): Promise<Invoice> {
  const inv = await lockInvoice(ctx, id)
  if (inv.status === 'void') return inv
  if (inv.status === 'paid' || inv.amountPaid > 0) throw problem.conflict('A paid invoice cannot be voided: issue a credit note.')
  await ctx.db.query(`UPDATE billing.invoices SET status = 'void', voided_at = now() WHERE id = $1`, [id])
  await ctx.events.publish(invoiceVoided, { id, payerType: inv.payerType, payerId: inv.payerId })
  return (await getInvoice(ctx, id))!
}

/** Issues a credit note against an issued or paid invoice (never more than its total minus earlier credits). */
export async function creditNote(ctx: BillingContext, invoiceId: string, lines: { description: string; quantity?: number; unitAmount: number; taxRateBp?: number; taxInclusive?: boolean; locationId?: string | null }[]): Promise<Invoice> {
  const inv = await lockInvoice(ctx, invoiceId)
  if (inv.kind !== 'invoice' || (inv.status !== 'issued' && inv.status !== 'paid')) throw problem.conflict('Only an issued or paid invoice can be credited.')
  const cn = (await ctx.db.one<{ id: string }>(
    `INSERT INTO billing.invoices (kind, payer_type, payer_id, period, credit_for, currency) VALUES ('credit_note', $1, $2, $3, $4, $5) RETURNING id`,
    [inv.payerType, inv.payerId, inv.period, inv.id, inv.currency]))!
  await insertLines(ctx, cn.id, lines.map((l) => ({ description: l.description, quantity: l.quantity ?? 1, unitAmount: l.unitAmount, taxRateBp: l.taxRateBp ?? 0, taxInclusive: l.taxInclusive, locationId: l.locationId })))
  const total = (await getInvoice(ctx, cn.id))!.total
  if (total + inv.amountCredited > inv.total) throw problem.unprocessable('The credit exceeds what is left of the invoice.')
  await ctx.db.query('UPDATE billing.invoices SET amount_credited = amount_credited + $2 WHERE id = $1', [inv.id, total])
  const issued = await issueInvoice(ctx, cn.id)
  if (!(await settleIfCovered(ctx, inv.id))) await publishUpdated(ctx, inv.id)
  return issued
}

/** `billing.invoice.updated`: a payment or credit changed what is due, without settling the invoice. */
async function publishUpdated(ctx: BillingContext, id: string): Promise<void> {
  const inv = (await getInvoice(ctx, id))!
  await ctx.events.publish(invoiceUpdated, { id, payerType: inv.payerType, payerId: inv.payerId, status: inv.status, amountDue: inv.amountDue })
}

/** Marks an issued invoice paid when payments and credits cover it. */
async function settleIfCovered(ctx: BillingContext, id: string): Promise<boolean> {
  const row = await ctx.db.one<{ id: string; payer_type: PayerType; payer_id: string; total: number }>(
    `UPDATE billing.invoices SET status = 'paid', paid_at = now()
     WHERE id = $1 AND status = 'issued' AND amount_paid + amount_credited >= total RETURNING id, payer_type, payer_id, total::float8`, [id])
  if (row) await ctx.events.publish(invoicePaid, { id, payerType: row.payer_type, payerId: row.payer_id, total: row.total })
  return !!row
}

/**
 * Records a payment of an invoice once: the Stripe PaymentIntent id (or a manual reference) is the natural key, so
 * the same payment reported twice (API answer and webhook, or a webhook redelivered) is counted once.
 */
export async function recordPayment(ctx: BillingContext, invoiceId: string, p: { method: 'card' | 'manual' | 'cash'; amount: number; paymentIntentId?: string; reference?: string; gateway?: string; paidAt?: string }): Promise<{ recorded: boolean; invoice: Invoice }> {
  const inv = await lockInvoice(ctx, invoiceId)
  if (inv.kind !== 'invoice' || inv.status === 'draft') throw problem.conflict(`A ${inv.status} ${inv.kind.replace('_', ' ')} cannot be paid.`)
  if (inv.amountPaid + p.amount > MAX_INVOICE_TOTAL) throw problem.unprocessable(`Payments of one invoice may not exceed ${MAX_INVOICE_TOTAL} minor units.`, [{ pointer: '/body/amount', detail: 'out of range' }])
  const row = await ctx.db.one(
    `INSERT INTO billing.payments (invoice_id, method, amount, payment_intent_id, reference, gateway, created_at) VALUES ($1, $2, $3, $4, $5, $6, coalesce($7::timestamptz, now()))
     ON CONFLICT (tenant_id, payment_intent_id) DO NOTHING RETURNING id`,
    [invoiceId, p.method, p.amount, p.paymentIntentId ?? null, p.reference ?? null, p.gateway ?? null, p.paidAt ?? null])
  if (!row) return { recorded: false, invoice: inv }
  await ctx.db.query('UPDATE billing.invoices SET amount_paid = amount_paid + $2 WHERE id = $1', [invoiceId, p.amount])
  if (!(await settleIfCovered(ctx, invoiceId))) await publishUpdated(ctx, invoiceId)
  return { recorded: true, invoice: (await getInvoice(ctx, invoiceId))! }
}

/** Locks an invoice row (`FOR UPDATE`) and returns it, or a 404. */
export async function lockInvoice(ctx: BillingContext, id: string): Promise<Invoice> {
  const r = await ctx.db.one(`SELECT ${COLS} FROM billing.invoices WHERE id = $1 FOR UPDATE`, [id])
  if (!r) throw problem.notFound('No such invoice.')
  return toInvoice(r)
}

/** One invoice with its lines, or `undefined`. */
export async function getInvoice(ctx: BillingContext, id: string, withLines = false): Promise<Invoice | undefined> {
  const r = await ctx.db.one(`SELECT ${COLS} FROM billing.invoices WHERE id = $1`, [id])
  if (!r) return undefined
  const inv = toInvoice(r)
  if (withLines) {
    inv.lines = (await ctx.db.many<Record<string, any>>(
      `SELECT position, description, quantity, unit_amount::float8, tax_rate_bp, net::float8, tax::float8, gross::float8, source, location_id
       FROM billing.invoice_lines WHERE invoice_id = $1 ORDER BY position`, [id]))
      .map((l) => ({ position: l.position, description: l.description, quantity: l.quantity, unitAmount: l.unit_amount, taxRateBp: l.tax_rate_bp, net: l.net, tax: l.tax, gross: l.gross, source: l.source, locationId: l.location_id }))
  }
  return inv
}

/** Invoices filtered by payer, status, kind, period. */
export async function listInvoices(ctx: BillingContext, f: { payerType?: string; payerId?: string; status?: string; kind?: string; period?: string; limit?: number; offset?: number }): Promise<{ items: Invoice[]; total: number }> {
  const where: string[] = []
  const args: unknown[] = []
  for (const [col, v] of [['payer_type', f.payerType], ['payer_id', f.payerId], ['status', f.status], ['kind', f.kind], ['period', f.period]] as const) {
    if (v !== undefined) { args.push(v); where.push(`${col} = $${args.length}`) }
  }
  const w = where.length ? `WHERE ${where.join(' AND ')}` : ''
  const total = (await ctx.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM billing.invoices ${w}`, args))!.n
  const rows = await ctx.db.many(`SELECT ${COLS} FROM billing.invoices ${w} ORDER BY created_at DESC, number DESC NULLS FIRST LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, f.limit ?? 50, f.offset ?? 0])
  return { items: rows.map(toInvoice), total }
}
