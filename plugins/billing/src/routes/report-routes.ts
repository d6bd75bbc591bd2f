/**
 * Billing's report and profile reads (billing.read): `GET /reports/revenue` (net revenue by plan/product/month, from/to
 * at most a year, locationId, `format=csv`) and `GET /charges/open` (a payer's charges not yet invoiced — POS sales on
 * account, bookings, manual charges — shown on the member profile).
 */
import { assertReportRange, reportAnswer, reportQueryProperties, uuid } from '@tessera/sdk'
import type { CsvReply, PluginApp } from '@tessera/sdk'
import type { BillingContext } from '../domain/billing-config.ts'
import { revenueReport } from '../domain/revenue-report.ts'
import { billingPermissions } from '../contract/permissions.ts'
import { payerType } from '../contract/route-schemas.ts'

const str = { type: 'string' } as const
const int = { type: 'integer' } as const

/** Registers the report routes. */
export function reportRoutes(app: PluginApp, ctx: BillingContext): void {
  app.get('/reports/revenue', {
    config: { permission: billingPermissions.read },
    schema: {
      querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: reportQueryProperties },
      response: { 200: { type: 'object', properties: { from: str, to: str, currency: str, rows: { type: 'array', items: { type: 'object', properties: { month: str, kind: str, item: str, net: int } } } }, description: 'JSON, or text/csv with format=csv' } },
    },
  }, async (req, reply) => {
    const q = req.query
    assertReportRange(q)
    const rows = await revenueReport(ctx, q)
    const currency = ctx.config().currency
    if (q.format !== 'csv') return { from: q.from, to: q.to, currency, rows }
    reportAnswer(q, reply as unknown as CsvReply, 'revenue', rows, [
      { header: 'month', value: (r) => r.month }, { header: 'kind', value: (r) => r.kind }, { header: 'item', value: (r) => r.item },
      { header: 'net_minor_units', value: (r) => r.net }, { header: 'currency', value: () => currency },
    ])
    return undefined   // sent as CSV
  })

  app.get('/charges/open', {
    config: { permission: billingPermissions.read },
    schema: {
      querystring: { type: 'object', additionalProperties: false, required: ['payerType', 'payerId'], properties: { payerType, payerId: uuid } },
      response: { 200: { type: 'object', properties: { currency: str, total: int, items: { type: 'array', items: { type: 'object', properties: { id: str, description: str, quantity: int, unitAmount: int, amount: int, source: str, createdAt: str } } } } } },
    },
  }, async (req) => {
    const rows = await ctx.db.many<{ id: string; description: string; quantity: number; unit_amount: string; source: string; created_at: Date }>(
      `SELECT id, description, quantity, unit_amount, source, created_at FROM billing.charges
        WHERE payer_type = $1 AND payer_id = $2 AND invoice_id IS NULL ORDER BY created_at DESC, id LIMIT 200`,
      [req.query.payerType, req.query.payerId],
    )
    const items = rows.map((c) => ({ id: c.id, description: c.description, quantity: c.quantity, unitAmount: Number(c.unit_amount), amount: c.quantity * Number(c.unit_amount), source: c.source, createdAt: c.created_at.toISOString() }))
    return { currency: ctx.config().currency, total: items.reduce((s, c) => s + c.amount, 0), items }
  })
}
