/**
 * Revenue by plan, product and month: the net of the lines of issued and paid invoices (credit notes subtract; drafts
 * and voided invoices do not count), by the UTC month the invoice was issued in, grouped by what was sold — a plan
 * (membership lines, by the plan's name), bookings, a product (POS sales on account, by product name) or other
 * charges — optionally only the lines sold at one location. POS sales paid at the till by card or cash are not
 * invoiced and so are not here (POS's daily report has them).
 */
import type { BillingContext } from './billing-config.ts'

/** One row: a month, a kind of sale, what was sold and the net in minor units. */
export type RevenueRow = { month: string; kind: 'plan' | 'booking' | 'product' | 'other'; item: string; net: number }

/** Revenue by month and item, issued from `from` to `to` (inclusive UTC dates). */
export function revenueReport(ctx: BillingContext, r: { from: string; to: string; locationId?: string }): Promise<RevenueRow[]> {
  return ctx.db.many<RevenueRow & Record<string, unknown>>(
    `WITH lines AS (
       SELECT to_char(i.issued_at AT TIME ZONE 'UTC', 'YYYY-MM') AS month,
              CASE WHEN l.source LIKE 'membership:%' THEN 'plan' WHEN l.source LIKE 'booking:%' THEN 'booking'
                   WHEN l.source LIKE 'pos:%' OR l.source LIKE 'pos-refund:%' THEN 'product' ELSE 'other' END AS kind,
              l.source, l.description, CASE WHEN i.kind = 'credit_note' THEN -l.net ELSE l.net END AS net
         FROM billing.invoice_lines l JOIN billing.invoices i ON i.id = l.invoice_id
        WHERE i.status IN ('issued', 'paid') AND i.issued_at >= ($1::date)::timestamp AT TIME ZONE 'UTC'
          AND i.issued_at < ($2::date + 1)::timestamp AT TIME ZONE 'UTC' AND ($3::uuid IS NULL OR l.location_id = $3))
     SELECT month, kind,
            CASE kind WHEN 'plan' THEN coalesce(p.name, 'Plan') WHEN 'booking' THEN 'Bookings'
                      WHEN 'product' THEN regexp_replace(regexp_replace(lines.description, '^Refund: ', ''), ' \\(front desk\\)$', '') ELSE 'Other charges' END AS item,
            sum(lines.net)::int8 AS net
       FROM lines
       LEFT JOIN billing.memberships m ON lines.kind = 'plan' AND m.id::text = split_part(lines.source, ':', 2)
       LEFT JOIN billing.plans p ON p.id = m.plan_id
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [r.from, r.to, r.locationId ?? null],
  ).then((rows) => rows.map((x) => ({ month: x.month, kind: x.kind, item: x.item, net: Number(x.net) })))
}
