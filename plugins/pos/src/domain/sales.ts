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
 * gross, so partial refunds always add up to the line exactly. Tax and rounding are billing's (`lineAmounts`,
 * `divRoundHalfEven` from its contract), so a POS line and the invoice line it becomes cannot differ by a cent.
 */
import { problem, ProblemError } from '@tessera/sdk'
import { billingAccounts, billingPayments, divRoundHalfEven, lineAmounts } from '@tessera/plugin-billing/contract'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { saleCompleted, saleRefunded } from '../contract/index.ts'
import type { RefundInput, SaleInput } from '../contract/index.ts'
import { addStock, lockProducts, returnStock } from '../store/products-store.ts'
import { addLineRefund, insertRefund, insertSale, insertSaleLine, lockSale, refundableLines, setPaymentIntent, setRefundAmount } from '../store/sales-store.ts'
import type { PosContext } from './pos-config.ts'

const actorLabel = (ctx: PosContext) => ctx.actor().label ?? ctx.actor().id

/** Records and pays a sale; returns its id and the change for cash. */
export async function createSale(ctx: PosContext, input: SaleInput): Promise<{ id: string; change: number | null }> {
  if (input.method === 'account' && !input.payerId) throw problem.unprocessable('A sale on account needs a payer.', [{ pointer: '/body/payerId', detail: 'required for account' }])
  const payerType = input.payerId ? (input.payerType ?? 'person') : null
  if (input.payerId) {
    // FK-like check through members.directory (tenant-scoped): another tenant's or a random id is unknown
    const dir = ctx.services.get(membersDirectory)
    const found = payerType === 'person' ? await dir.getPerson(input.payerId) : await dir.getOrganisation(input.payerId)
    if (!found) throw problem.unprocessable(`No such ${payerType}.`, [{ pointer: '/body/payerId', detail: `unknown ${payerType}` }])
  }
  if (input.method === 'card' && !input.paymentMethodId) throw problem.unprocessable('A card sale needs a payment method.', [{ pointer: '/body/paymentMethodId', detail: 'required for card' }])
  const qty = new Map<string, number>()
  for (const l of input.lines) qty.set(l.productId, (qty.get(l.productId) ?? 0) + l.quantity)
  const ids = [...qty.keys()].sort()
  const byId = new Map((await lockProducts(ctx.db, ids)).map((p) => [p.id, p]))
  const errors = ids.flatMap((id) => {
    const p = byId.get(id)
    if (!p || !p.active) return [{ pointer: '/lines', detail: `unknown or inactive product ${id}` }]
    if (p.trackStock && p.stock < qty.get(id)!) return [{ pointer: '/lines', detail: `only ${p.stock} of ${p.sku} in stock` }]
    return []
  })
  if (errors.some((e) => e.detail.startsWith('unknown'))) throw problem.unprocessable('Unknown products.', errors)
  if (errors.length) throw problem.conflict('Not enough stock.', { errors })
  for (const id of ids) {
    if (byId.get(id)!.trackStock) await addStock(ctx.db, id, -qty.get(id)!)
  }
  const inc = ctx.config().pricesIncludeTax
  const lines = input.lines.map((l, i) => {
    const p = byId.get(l.productId)!
    return {
      position: i + 1, productId: p.id, sku: p.sku, name: p.name, category: p.category, quantity: l.quantity, unitPrice: p.price, taxRateBp: p.taxRateBp,
      ...lineAmounts(l.quantity, p.price, p.taxRateBp, inc),
    }
  })
  const sum = (k: 'net' | 'tax' | 'gross') => lines.reduce((s, l) => s + l[k], 0)
  const total = sum('gross')
  if (input.method === 'cash' && (input.cashTendered ?? 0) < total) throw problem.unprocessable('The cash tendered does not cover the total.', [{ pointer: '/cashTendered', detail: `at least ${total}` }])
  const saleId = await insertSale(ctx.db, {
    method: input.method, payerType, payerId: input.payerId ?? null, net: sum('net'), tax: sum('tax'), total,
    cashTendered: input.method === 'cash' ? input.cashTendered! : null, soldBy: actorLabel(ctx),
  })
  for (const l of lines) await insertSaleLine(ctx.db, saleId, l)
  const accounts = ctx.services.get(billingAccounts)
  if (input.method === 'account') {
    for (const l of lines) {
      await accounts.addCharge({
        payerType: payerType!, payerId: input.payerId!, description: `${l.name} (front desk)`, quantity: l.quantity,
        unitAmount: l.unitPrice, taxRateBp: l.taxRateBp, taxInclusive: inc, source: `pos:${saleId}:${l.position}`,
      })
    }
  } else if (input.method === 'card' && total > 0) {
    const r = await ctx.services.get(billingPayments).chargeCard({
      amount: total, paymentMethodId: input.paymentMethodId!, description: `Front desk sale ${saleId}`, idempotencyKey: `pos-sale-${saleId}`, metadata: { posSaleId: saleId },
    })
    if (r.outcome !== 'succeeded') throw new ProblemError(402, 'Payment Required', { detail: 'The card was declined.', extra: { declineCode: r.declineCode } })
    await setPaymentIntent(ctx.db, saleId, r.paymentIntentId)
  }
  await ctx.events.publish(saleCompleted, {
    id: saleId, method: input.method, currency: accounts.currency(), net: sum('net'), tax: sum('tax'), total, payerType, payerId: input.payerId ?? null,
    lines: lines.map((l) => ({ position: l.position, productId: l.productId, sku: l.sku, name: l.name, category: l.category, quantity: l.quantity, unitPrice: l.unitPrice, taxRateBp: l.taxRateBp, gross: l.gross })),
  })
  return { id: saleId, change: input.method === 'cash' ? input.cashTendered! - total : null }
}

/** Refunds quantities of a sale's lines (all that is left when `lines` is omitted). */
export async function refundSale(ctx: PosContext, saleId: string, input: RefundInput): Promise<{ id: string; amount: number }> {
  const sale = await lockSale(ctx.db, saleId)
  if (!sale) throw problem.notFound('No such sale.')
  const lines = await refundableLines(ctx.db, saleId)
  const wanted = input.lines ?? lines.map((l) => ({ position: l.position, quantity: l.quantity - l.refundedQuantity })).filter((l) => l.quantity > 0)
  if (!wanted.length) throw problem.conflict('Nothing left to refund.')
  const refundId = await insertRefund(ctx.db, saleId, wanted, input.reason ?? null, actorLabel(ctx))
  let amount = 0
  const inc = ctx.config().pricesIncludeTax
  const accounts = ctx.services.get(billingAccounts)
  const refunded: { position: number; productId: string; sku: string; quantity: number; gross: number }[] = []
  for (const w of wanted) {
    const l = lines.find((x) => x.position === w.position)
    if (!l) throw problem.unprocessable(`No line ${w.position} on this sale.`)
    const left = l.quantity - l.refundedQuantity
    if (w.quantity > left) throw problem.conflict(`Only ${left} of line ${w.position} can still be refunded.`)
    const gross = w.quantity === left ? l.gross - l.refundedGross : divRoundHalfEven(l.gross * w.quantity, l.quantity)
    amount += gross
    refunded.push({ position: l.position, productId: l.productId, sku: l.sku, quantity: w.quantity, gross })
    await addLineRefund(ctx.db, l.id, w.quantity, gross)
    await returnStock(ctx.db, l.productId, w.quantity)
    if (sale.method === 'account') {
      await accounts.addCharge({
        payerType: sale.payerType!, payerId: sale.payerId!, description: `Refund: ${l.name} (front desk)`, quantity: -w.quantity,
        unitAmount: l.unitPrice, taxRateBp: l.taxRateBp, taxInclusive: inc, source: `pos-refund:${refundId}:${l.position}`,
      })
    }
  }
  if (sale.method === 'card' && sale.paymentIntentId && amount > 0) {
    await ctx.services.get(billingPayments).refundCard({ paymentIntentId: sale.paymentIntentId, amount, idempotencyKey: `pos-refund-${refundId}` })
  }
  await setRefundAmount(ctx.db, saleId, refundId, amount, sale.refunded + amount)
  await ctx.events.publish(saleRefunded, {
    id: saleId, refundId, method: sale.method, currency: accounts.currency(), amount, payerType: sale.payerType, payerId: sale.payerId, lines: refunded,
  })
  return { id: refundId, amount }
}
