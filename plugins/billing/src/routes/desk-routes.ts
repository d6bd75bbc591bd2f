/**
 * Read models for the front desk: `GET /booking-quote` (what a booking would cost before it is made or changed;
 * members for themselves, staff for anyone — `domain/booking-quote.ts`) and `GET /overdue/summary` (the overdue invoices:
 * count, amount due, the five longest overdue; staff).
 */
import type { PluginApp } from '@tessera/sdk'
import type { BillingContext } from '../domain/billing-config.ts'
import { settings } from '../domain/billing-config.ts'
import { billingPermissions } from '../contract/permissions.ts'
import { bookingQuoteQuery, bookingQuoteSchema, overdueSummarySchema } from '../contract/desk-schemas.ts'
import { quoteBooking } from '../domain/booking-quote.ts'
import { formatNumber } from '../domain/invoicing.ts'
import { longestOverdue, overdueTotals } from '../store/overdue-store.ts'
import { withPayerNames } from '../domain/payer-contact.ts'

/** Registers `/booking-quote` and `/overdue/summary`. */
export function deskRoutes(app: PluginApp, ctx: BillingContext): void {
  app.get('/booking-quote', {
    config: { permission: billingPermissions.self },
    schema: { querystring: bookingQuoteQuery, response: { 200: bookingQuoteSchema } },
  }, async (req) => quoteBooking(ctx, req.query))

  app.get('/overdue/summary', {
    config: { permission: billingPermissions.read },
    schema: { response: { 200: overdueSummarySchema } },
  }, async () => {
    const [totals, rows] = await Promise.all([overdueTotals(ctx.db), longestOverdue(ctx.db, 5)])
    const items = (await withPayerNames(ctx, rows)).map((r) => ({ id: r.id, number: formatNumber(r.kind, r.number), payerName: r.payerName, amountDue: r.amountDue, dueOn: r.dueOn }))
    return { currency: settings(ctx).currency, ...totals, items }
  })
}
