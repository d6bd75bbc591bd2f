/**
 * `visitors.visitor.arrived` (typed by the visitors plugin's contract; visitors need not be installed): a tenant
 * that configured `visitors` issues a guest voucher for the visitor at UniFi — once per visitor however often the
 * event is delivered — shown by `GET /wifi/visitors/:visitorId/voucher` (the visitors screen) and printed on the
 * location's vouchers printer when asked. A controller error fails the delivery, so the kernel retries it.
 */
import { on } from '@tessera/sdk'
import { visitorArrived } from '@tessera/plugin-visitors/contract'
import type { WifiContext } from '../domain/wifi-config.ts'
import { voucherForVisitor } from '../domain/vouchers.ts'

/** Issues an arriving visitor's voucher. */
export const onVisitorArrived = on(visitorArrived, async (e, ctx: WifiContext) => {
  await voucherForVisitor(ctx, e.payload)
})
