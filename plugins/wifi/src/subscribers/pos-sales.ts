/**
 * `pos.sale.completed` (typed by POS's contract; POS need not be installed): a sale of the configured day-pass
 * product creates guest vouchers at UniFi, shown on the vouchers screen (and by sale: `GET /wifi/vouchers?saleId=`).
 * A controller error fails the delivery, so the kernel retries it; the sale is claimed in the same transaction as
 * the vouchers, so a retry after a failure issues them, and a redelivery after success issues nothing.
 */
import { on } from '@tessera/sdk'
import { saleCompleted } from '@tessera/plugin-pos/contract'
import type { WifiContext } from '../domain/wifi-config.ts'
import { vouchersForSale } from '../domain/vouchers.ts'

/** Issues a day pass's vouchers. */
export const onSaleCompleted = on(saleCompleted, async (e, ctx: WifiContext) => {
  await vouchersForSale(ctx, e.payload)
})
