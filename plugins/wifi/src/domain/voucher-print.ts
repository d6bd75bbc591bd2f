/**
 * Printing a guest voucher on a `vouchers` printer through the access plugin's printing contract (`access.printing`,
 * an optional dependency): an 80 mm ticket with the network's name, the code, how long it lasts and its data limit.
 * The location is the one asked for, else the tenant's `voucherPrintLocationId`, else any location's vouchers printer.
 * `requestId` decides how often it prints: once per voucher for automatic prints (`wifi:voucher:<id>`), once per click
 * for the screen's Print button (the route's idempotency key).
 */
import { problem } from '@tessera/sdk'
import { accessPrinting } from '@tessera/plugin-access/contract'
import type { PrintJob } from '@tessera/plugin-access/contract'
import type { Voucher } from '../contract/index.ts'
import type { WifiContext } from './wifi-config.ts'
import { formatMinutes } from '../../ui/wifi-format.ts'

/** The ticket's lines. */
export function voucherLines(v: Voucher): string[] {
  return [
    'Guest Wi-Fi',
    `Code ${v.code}`,
    `Valid for ${formatMinutes(v.durationMinutes)} from first use`,
    v.dataLimitMb ? `Data limit ${v.dataLimitMb} MB` : 'No data limit',
    v.name.slice(0, 120),
  ]
}

/**
 * Queues a voucher's ticket; `undefined` when nothing can print it (access not running, no vouchers printer) and
 * `required` is false, a 409 problem saying why when it is true.
 */
export async function printVoucher(ctx: WifiContext, v: Voucher, o: { requestId: string; locationId?: string | null; required: boolean }): Promise<PrintJob | undefined> {
  const printing = ctx.services.optional(accessPrinting)
  if (!printing) {
    if (o.required) throw problem.conflict('Vouchers are printed through the access plugin, which is not installed.')
    return undefined
  }
  const choice = { purpose: 'vouchers', locationId: o.locationId ?? ctx.config().voucherPrintLocationId ?? null }
  if (!(await printing.findPrinter(choice))) {
    if (o.required) throw problem.conflict('No printer has the purpose "vouchers" here: give one that purpose on the Printers screen.')
    ctx.log.info({ voucherId: v.id }, 'wifi: no vouchers printer, voucher not printed')
    return undefined
  }
  return printing.print({ ...choice, requestId: o.requestId, title: `Wi-Fi voucher ${v.code}`.slice(0, 100), document: { kind: 'lines', layout: 'ticket', lines: voucherLines(v) } })
}
