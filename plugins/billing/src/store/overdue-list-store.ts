/**
 * SQL of the staff's overdue view: issued invoices past their due date (UTC) with something still due, longest
 * overdue first, with their dunning step (off-session attempts made), when the last payment was received and the last
 * payment reminder staff sent (who, when).
 */
import type { Db } from '@tessera/sdk'

/** One overdue invoice. */
export type OverdueRow = {
  id: string; number: string | null; payerType: 'person' | 'organisation'; payerId: string; currency: string
  amountDue: number; dueOn: string; daysOverdue: number; paymentAttempts: number; lastPaymentAt: string | null
  lastReminder: { sentAt: string; sentBy: { id: string; name: string } } | null
}

/** A page of overdue invoices and how many there are. */
export async function overduePage(db: Db, page: { limit: number; offset: number }): Promise<{ items: OverdueRow[]; total: number }> {
  const where = `i.kind = 'invoice' AND i.status = 'issued' AND i.due_on < (now() AT TIME ZONE 'UTC')::date AND i.total - i.amount_paid - i.amount_credited > 0`
  const items = await db.many<OverdueRow>(
    `SELECT i.id, CASE WHEN i.number IS NULL THEN NULL ELSE 'INV-' || lpad(i.number::text, 6, '0') END AS number, i.payer_type AS "payerType", i.payer_id AS "payerId",
            i.currency, (i.total - i.amount_paid - i.amount_credited)::float8 AS "amountDue", i.due_on::text AS "dueOn",
            ((now() AT TIME ZONE 'UTC')::date - i.due_on)::int AS "daysOverdue", i.payment_attempts AS "paymentAttempts",
            (SELECT max(p.created_at) FROM billing.payments p WHERE p.invoice_id = i.id)::text AS "lastPaymentAt",
            (SELECT json_build_object('sentAt', to_char(r.sent_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'sentBy', json_build_object('id', r.sent_by_id, 'name', r.sent_by_name))
               FROM billing.invoice_reminders r WHERE r.invoice_id = i.id ORDER BY r.sent_at DESC LIMIT 1) AS "lastReminder"
       FROM billing.invoices i WHERE ${where} ORDER BY i.due_on, i.number LIMIT $1 OFFSET $2`, [page.limit, page.offset])
  const total = (await db.one<{ n: number }>(`SELECT count(*)::int AS n FROM billing.invoices i WHERE ${where}`))?.n ?? 0
  return { items, total }
}
