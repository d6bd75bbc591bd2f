/**
 * Guest vouchers: generated at the tenant's UniFi controller and recorded here with their codes — by staff from the
 * vouchers screen, automatically for a POS sale of the configured day-pass product (one voucher per unit; a sale
 * issues its vouchers once, however often its event is delivered) and for a visitor's arrival (one voucher, once per
 * visitor). Automatic vouchers are printed on a `vouchers` printer when the tenant asks for it (`dayPass.print`,
 * `visitors.print`).
 */
import { problem } from '@tessera/sdk'
import type { SaleCompletedPayload } from '@tessera/plugin-pos/contract'
import type { VisitorArrived } from '@tessera/plugin-visitors/contract'
import { vouchersIssued } from '../contract/index.ts'
import type { Voucher } from '../contract/index.ts'
import type { WifiContext } from './wifi-config.ts'
import { createVouchers } from './unifi-client.ts'
import type { UnifiSettings } from './unifi-client.ts'
import { claimSale, claimVisitor, insertVoucher } from '../store/vouchers-store.ts'
import { printVoucher } from './voucher-print.ts'

function unifiOf(ctx: WifiContext): UnifiSettings {
  const u = ctx.config().unifi
  if (!u) throw problem.conflict('No UniFi controller is configured for this tenant (Wi-Fi settings: unifi).')
  return u
}

/** Generates vouchers at the controller and records them. */
export async function issueVouchers(ctx: WifiContext, r: { name: string; count: number; durationMinutes: number; dataLimitMb?: number; source: Voucher['source']; saleId?: string; visitorId?: string }): Promise<Voucher[]> {
  const made = await createVouchers(unifiOf(ctx), { name: r.name, count: r.count, timeLimitMinutes: r.durationMinutes, dataUsageLimitMBytes: r.dataLimitMb })
  const out: Voucher[] = []
  for (const v of made) {
    out.push(await insertVoucher(ctx.db, {
      unifiId: v.id, code: v.code, name: r.name, durationMinutes: r.durationMinutes, dataLimitMb: r.dataLimitMb ?? null, source: r.source, saleId: r.saleId ?? null,
      visitorId: r.visitorId ?? null,
    }))
  }
  await ctx.audit.record({ action: 'wifi.vouchers.create', data: { count: out.length, source: r.source, saleId: r.saleId ?? null, visitorId: r.visitorId ?? null } })
  if (out.length) await ctx.events.publish(vouchersIssued, { count: out.length, source: r.source, saleId: r.saleId ?? null, visitorId: r.visitorId ?? null })
  return out
}

/** For a completed sale with day-pass lines: one voucher per unit sold, once per sale. */
export async function vouchersForSale(ctx: WifiContext, sale: SaleCompletedPayload): Promise<Voucher[]> {
  const dayPass = ctx.config().dayPass
  if (!dayPass) return []
  const units = sale.lines.filter((l) => l.sku === dayPass.sku).reduce((n, l) => n + l.quantity, 0)
  if (units === 0 || !(await claimSale(ctx.db, sale.id))) return []
  const made = await issueVouchers(ctx, {
    name: `Day pass ${sale.id.slice(0, 8)}`, count: Math.min(units, 100), durationMinutes: dayPass.durationMinutes,
    dataLimitMb: dayPass.dataLimitMb, source: 'pos', saleId: sale.id,
  })
  if (dayPass.print) for (const v of made) await printVoucher(ctx, v, { requestId: `wifi:voucher:${v.id}`, required: false })
  return made
}

/**
 * For a visitor's arrival (when the tenant configured `visitors`): one voucher named after the visitor, once per
 * visitor, printed at the visitor's location when `visitors.print` is on. Without a UniFi controller nothing is issued.
 */
export async function voucherForVisitor(ctx: WifiContext, arrival: VisitorArrived): Promise<Voucher | undefined> {
  const cfg = ctx.config()
  if (!cfg.visitors || !cfg.unifi || !(await claimVisitor(ctx.db, arrival.visitorId))) return undefined
  const [voucher] = await issueVouchers(ctx, {
    name: `Visitor ${arrival.name}`.slice(0, 100), count: 1, durationMinutes: cfg.visitors.durationMinutes,
    dataLimitMb: cfg.visitors.dataLimitMb, source: 'visitor', visitorId: arrival.visitorId,
  })
  if (voucher && cfg.visitors.print) await printVoucher(ctx, voucher, { requestId: `wifi:voucher:${voucher.id}`, locationId: arrival.locationId ?? null, required: false })
  return voucher
}
