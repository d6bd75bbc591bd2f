/**
 * POS prints its receipts through the access plugin's printing contract (`access.printing`, an optional dependency):
 * after a sale has committed (`pos.sale.completed`, POS's own event), when the tenant turned `printReceipts` on and a
 * `receipts` printer exists at `receiptLocationId` (any location's, when unset), the receipt text is queued there under
 * the request id `pos:receipt:<sale>` — printed once however often the event is delivered. POS names a purpose and a
 * location only; which printer, which site agent and driver, and the retries while it is offline are access's.
 * Printing after the commit means a printer problem can never fail or slow down a sale.
 */
import { on } from '@tessera/sdk'
import { accessPrinting } from '@tessera/plugin-access/contract'
import { saleCompleted } from '../contract/index.ts'
import type { PosContext } from '../domain/pos-config.ts'
import { receiptText } from '../domain/receipt-text.ts'

/** Queues the receipt of a completed sale on the location's receipts printer. */
export const onSaleCompletedReceipt = on(saleCompleted, async (e, ctx: PosContext) => {
  const cfg = ctx.config()
  const printing = ctx.services.optional(accessPrinting)
  if (!cfg.printReceipts || !printing) return
  const choice = { purpose: 'receipts', locationId: cfg.receiptLocationId ?? null }
  if (!(await printing.findPrinter(choice))) {
    ctx.log.info({ saleId: e.payload.id }, 'pos: no receipts printer, receipt not printed')
    return
  }
  await printing.print({
    ...choice, requestId: `pos:receipt:${e.payload.id}`, title: `Receipt ${e.payload.id.slice(0, 8)}`,
    document: { kind: 'text', text: receiptText(e.payload, new Date(e.publishedAt), cfg.timezone) },
  })
})
