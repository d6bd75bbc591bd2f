/**
 * Recording what Xero did with a document: the row's state, the `xero.document.synced` / `xero.document.failed` event
 * (staff browsers update the sync log live), and for a failure Xero's validation message as the document's error.
 */
import { documentFailed, documentSynced } from '../contract/xero-events.ts'
import type { XeroContext } from './xero-config.ts'
import { markFailed, markSynced } from '../store/document-store.ts'
import type { DocumentRow } from '../store/document-store.ts'

/** The document is in Xero as `xeroId`. */
export async function synced(ctx: XeroContext, doc: DocumentRow, xeroId: string, snapshot?: { status: string; total: number; amountDue: number }): Promise<void> {
  await markSynced(ctx.db, doc.id, xeroId, snapshot)
  await ctx.events.publish(documentSynced, { id: doc.id, kind: doc.kind, tesseraId: doc.tessera_id, xeroId })
}

/** Xero refused the document (or it cannot be written): `error` is shown on it. */
export async function failed(ctx: XeroContext, doc: DocumentRow, error: string): Promise<void> {
  const message = error.slice(0, 2000)
  await markFailed(ctx.db, doc.id, message)
  await ctx.events.publish(documentFailed, { id: doc.id, kind: doc.kind, tesseraId: doc.tessera_id, error: message })
}

/** Minor units → Xero's decimal amount. */
export const toAmount = (minor: number) => Math.round(minor) / 100
/** Xero's decimal amount → minor units. */
export const toMinor = (amount: number | undefined) => Math.round((amount ?? 0) * 100)
