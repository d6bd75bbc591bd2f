/**
 * Sales and refunds. A sale locks its products (`FOR UPDATE`, in id order so concurrent carts cannot deadlock),
 * takes the quantities off stock (the `stock >= 0` check makes overselling impossible even under races) and is then
 * paid one of three ways, all on the same transaction:
 *
 * - `account`: one charge per line on the payer's next invoice through `billing.accounts` (source `pos:<sale>:<line>`);
 * - `card`: a Stripe PaymentIntent now through `billing.payments` (idempotency key `pos-sale-<sale>`); a decline is a
 *   402 and rolls the whole sale back, stock included;
 * - `cash`: the tendered amount must cover the total; the change is returned.
 *
 * A refund takes back quantities of lines (stock returns), and pays back the same way: a negative line on the next
 * invoice, a Stripe refund (key `pos-refund-<refund>`), or cash. The last refund of a line gets what is left of its
 * gross, so partial refunds always add up to the line exactly.
 */
import { problem, ProblemError } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { lineAmounts, divRoundHalfEven } from './money.ts'
import { accountsOf, paymentsOf, directoryOf } from './peer-services.ts'

/** A sale request. */
export interface SaleInput {
  lines: { productId: string; quantity: number }[]
  method: 'account' | 'card' | 'cash'
  payerType?: 'person' | 'organisation'
  payerId?: string
  paymentMethodId?: string
  cashTendered?: number
}

const inclusive = (ctx: PluginContext) => ((ctx.config() as { pricesIncludeTax?: boolean }).pricesIncludeTax ?? true)

/** Records and pays a sale; returns its id and the change for cash. */
export async function createSale(ctx: PluginContext, input: SaleInput): Promise<{ id: string; change: number | null }> {
  if (input.method === 'account' && !input.payerId) throw problem.unprocessable('A sale on account needs a payer.', [{ pointer: '/body/payerId', detail: 'required for account' }])
  if (input.payerId) {
    // FK-like check through members.directory (tenant-scoped): another tenant's or a random id is unknown
    const payerType = input.payerType ?? 'person'
    const dir = directoryOf(ctx)
    const found = payerType === 'person' ? await dir.getPerson(input.payerId) : await dir.getOrganisation(input.payerId)
    if (!found) throw problem.unprocessable(`No such ${payerType}.`, [{ pointer: '/body/payerId', detail: `unknown ${payerType}` }])
  }
  if (input.method === 'card' && !input.paymentMethodId) throw problem.unprocessable('A card sale needs a payment method.', [{ pointer: '/body/paymentMethodId', detail: 'required for card' }])
  const qty = new Map<string, number>()
  for (const l of input.lines) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.quantity)
  const ids = [...qty.keys()].sort()
  const locked = await ctx.db.many<Record<string, any>>(
    'SELECT id, sku, name, category, price::float8, tax_rate_bp, track_stock, stock, active FROM pos.products WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE', [ids])
  const byId = new Map(locked.map((p) => [p.id, p]))
  const errors = ids.flatMap((id) => {
    const p = byId.get(id)
    if (!p || !p.active) return [{ pointer: '/lines', detail: `unknown or inactive product ${id}` }]
    if (p.track_stock && p.stock < qty.get(id)!) return [{ pointer: '/lines', detail: `only ${p.stock} of ${p.sku} in stock` }]
    return []
  })
  if (errors.some((e) => e.detail.startsWith('unknown'))) throw problem.unprocessable('Unknown products.', errors)
  if (errors.length) throw problem.conflict('Not enough stock.', { errors })
  for (const id of ids) {
    if (byId.get(id)!.track_stock) await ctx.db.query('UPDATE pos.products SET stock = stock - $2 WHERE id = $1', [id, qty.get(id)])
  }
  const inc = inclusive(ctx)
  const lines = input.lines.map((l, i) => {
    const p = byId.get(l.productId)!
    return { position: i + 1, p, quantity: l.quantity, ...lineAmounts(l.quantity, p.price, p.tax_rate_bp, inc) }
  })
  const sum = (k: 'net' | 'tax' | 'gross') => lines.reduce((s, l) => s + l[k], 0)
  const total = sum('gross')
  if (input.method === 'cash' && (input.cashTendered ?? 0) < total) throw problem.unprocessable('The cash tendered does not cover the total.', [{ pointer: '/cashTendered', detail: `at least ${total}` }])
  const sale = (await ctx.db.one<{ id: string }>(
    `INSERT INTO pos.sales (method, payer_type, payer_id, net, tax, total, cash_tendered, sold_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [input.method, input.payerId ? (input.payerType ?? 'person') : null, input.payerId ?? null, sum('net'), sum('tax'), total,
      input.method === 'cash' ? input.cashTendered : null, ctx.actor().label ?? ctx.actor().id]))!
  for (const l of lines) {
    await ctx.db.query(
      `INSERT INTO pos.sale_lines (sale_id, position, product_id, sku, name, category, quantity, unit_price, tax_rate_bp, net, tax, gross)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [sale.id, l.position, l.p.id, l.p.sku, l.p.name, l.p.category, l.quantity, l.p.price, l.p.tax_rate_bp, l.net, l.tax, l.gross])
  }
  if (input.method === 'account') {
    for (const l of lines) {
      await accountsOf(ctx).addCharge({
        payerType: input.payerType ?? 'person', payerId: input.payerId!, description: `${l.p.name} (front desk)`, quantity: l.quantity,
        unitAmount: l.p.price, taxRateBp: l.p.tax_rate_bp, taxInclusive: inc, source: `pos:${sale.id}:${l.position}`,
      })
    }
  } else if (input.method === 'card' && total > 0) {
    const r = await paymentsOf(ctx).chargeCard({ amount: total, paymentMethodId: input.paymentMethodId!, description: `Front desk sale ${sale.id}`, idempotencyKey: `pos-sale-${sale.id}`, metadata: { posSaleId: sale.id } })
    if (r.outcome !== 'succeeded') throw new ProblemError(402, 'Payment Required', { detail: 'The card was declined.', extra: { declineCode: r.declineCode } })
    await ctx.db.query('UPDATE pos.sales SET payment_intent_id = $2 WHERE id = $1', [sale.id, r.paymentIntentId])
  }
  await ctx.events.publish('pos.sale.completed', { id: sale.id, method: input.method, total })
  return { id: sale.id, change: input.method === 'cash' ? input.cashTendered! - total : null }
}

/** Refunds quantities of a sale's lines (all that is left when `lines` is omitted). */
export async function refundSale(ctx: PluginContext, saleId: string, input: { lines?: { position: number; quantity: number }[]; reason?: string }): Promise<{ id: string; amount: number }> {
  const sale = await ctx.db.one<Record<string, any>>('SELECT id, method, payer_type, payer_id, payment_intent_id, total::float8, refunded::float8 FROM pos.sales WHERE id = $1 FOR UPDATE', [saleId])
  if (!sale) throw problem.notFound('No such sale.')
  const lines = await ctx.db.many<Record<string, any>>(
    'SELECT id, position, product_id, name, quantity, unit_price::float8, tax_rate_bp, gross::float8, refunded_quantity, refunded_gross::float8 FROM pos.sale_lines WHERE sale_id = $1 ORDER BY position', [saleId])
  const wanted = input.lines ?? lines.map((l) => ({ position: l.position, quantity: l.quantity - l.refunded_quantity })).filter((l) => l.quantity > 0)
  if (!wanted.length) throw problem.conflict('Nothing left to refund.')
  const refund = (await ctx.db.one<{ id: string }>('INSERT INTO pos.refunds (sale_id, amount, lines, reason, refunded_by) VALUES ($1, 0, $2, $3, $4) RETURNING id',
    [saleId, JSON.stringify(wanted), input.reason ?? null, ctx.actor().label ?? ctx.actor().id]))!
  let amount = 0
  const inc = inclusive(ctx)
  for (const w of wanted) {
    const l = lines.find((x) => x.position === w.position)
    if (!l) throw problem.unprocessable(`No line ${w.position} on this sale.`)
    const left = l.quantity - l.refunded_quantity
    if (w.quantity > left) throw problem.conflict(`Only ${left} of line ${w.position} can still be refunded.`)
    const gross = w.quantity === left ? l.gross - l.refunded_gross : divRoundHalfEven(l.gross * w.quantity, l.quantity)
    amount += gross
    await ctx.db.query('UPDATE pos.sale_lines SET refunded_quantity = refunded_quantity + $2, refunded_gross = refunded_gross + $3 WHERE id = $1', [l.id, w.quantity, gross])
    await ctx.db.query('UPDATE pos.products SET stock = stock + $2 WHERE id = $1 AND track_stock', [l.product_id, w.quantity])
    if (sale.method === 'account') {
      await accountsOf(ctx).addCharge({
        payerType: sale.payer_type, payerId: sale.payer_id, description: `Refund: ${l.name} (front desk)`, quantity: -w.quantity,
        unitAmount: l.unit_price, taxRateBp: l.tax_rate_bp, taxInclusive: inc, source: `pos-refund:${refund.id}:${l.position}`,
      })
    }
  }
  if (sale.method === 'card' && sale.payment_intent_id && amount > 0) {
    await paymentsOf(ctx).refundCard({ paymentIntentId: sale.payment_intent_id, amount, idempotencyKey: `pos-refund-${refund.id}` })
  }
  const refunded = sale.refunded + amount
  await ctx.db.query(`UPDATE pos.refunds SET amount = $2 WHERE id = $1`, [refund.id, amount])
  await ctx.db.query(`UPDATE pos.sales SET refunded = $2, status = CASE WHEN $2 >= total THEN 'refunded' ELSE 'partially_refunded' END WHERE id = $1`, [saleId, refunded])
  await ctx.events.publish('pos.sale.refunded', { id: saleId, refundId: refund.id, amount })
  return { id: refund.id, amount }
}
