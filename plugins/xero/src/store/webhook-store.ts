/**
 * SQL of `xero.webhook_events` and `xero.xero_payments`: a webhook event applies once; a payment Xero reported is
 * recorded once (by Xero's payment id) and never written back to Xero.
 */
import type { Db } from '@tessera/sdk'

/** Records a webhook event id; false when it was applied before. */
export async function firstDelivery(db: Db, eventId: string): Promise<boolean> {
  const r = await db.query('INSERT INTO xero.webhook_events (event_id) VALUES ($1) ON CONFLICT DO NOTHING', [eventId])
  return (r.rowCount ?? 0) > 0
}

/** Records a payment Xero reported; false when known. */
export async function recordXeroPayment(db: Db, xeroPaymentId: string, invoiceId: string, amount: number): Promise<boolean> {
  const r = await db.query('INSERT INTO xero.xero_payments (xero_payment_id, invoice_id, amount) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [xeroPaymentId, invoiceId, amount])
  return (r.rowCount ?? 0) > 0
}

/** Whether a Tessera payment reference came from Xero (so it is not echoed back). */
export async function isXeroPayment(db: Db, xeroPaymentId: string): Promise<boolean> {
  return !!(await db.one('SELECT 1 FROM xero.xero_payments WHERE xero_payment_id = $1', [xeroPaymentId]))
}
