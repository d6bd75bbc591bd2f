/**
 * SQL of the overdue invoices: issued invoices whose due date has passed (in UTC, as `due_on` is set) with something
 * still due after payments and credit notes.
 */
import type { Db } from '@tessera/sdk'

const OVERDUE = `FROM billing.invoices WHERE kind = 'invoice' AND status = 'issued' AND due_on < (now() AT TIME ZONE 'UTC')::date
  AND total - amount_paid - amount_credited > 0`

/** How many, how much is due in total, and since when. */
export async function overdueTotals(db: Db): Promise<{ count: number; amountDue: number; oldestDueOn: string | null }> {
  const row = await db.one<{ count: number; due: number; oldest: string | null }>(
    `SELECT count(*)::int AS count, coalesce(sum(total - amount_paid - amount_credited), 0)::float8 AS due, min(due_on)::text AS oldest ${OVERDUE}`)
  return { count: row?.count ?? 0, amountDue: row?.due ?? 0, oldestDueOn: row?.oldest ?? null }
}

/** The `limit` longest-overdue invoices. */
export function longestOverdue(db: Db, limit: number): Promise<{ id: string; kind: string; number: number | null; payerType: 'person' | 'organisation'; payerId: string; amountDue: number; dueOn: string }[]> {
  return db.many(
    `SELECT id, kind, number, payer_type AS "payerType", payer_id AS "payerId", (total - amount_paid - amount_credited)::float8 AS "amountDue", due_on::text AS "dueOn"
     ${OVERDUE} ORDER BY due_on, number LIMIT $1`, [limit])
}
