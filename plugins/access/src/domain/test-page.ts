/**
 * A printer's test page: a badge-sized PDF naming the printer, its device and driver, its location and purposes and
 * the time — sent through the same queue as every print, so it also tests the agent link. The route is idempotent by
 * its `Idempotency-Key` (the kernel replays the first answer), so a double click prints once.
 */
import { randomUUID } from 'node:crypto'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { PrintJob } from '../contract/index.ts'
import type { AccessContext } from './access-config.ts'
import type { PrinterRow } from '../store/printers-store.ts'
import { submitPrint } from './print-jobs.ts'

/** Queues a test page on `printer`. */
export async function testPage(ctx: AccessContext, printer: PrinterRow): Promise<PrintJob> {
  const location = await ctx.services.get(spacesCatalog).getLocation(printer.location_id)
  const lines = [
    'Tessera test page',
    printer.name.slice(0, 120),
    `Device ${printer.device_id} (${printer.driver})`.slice(0, 120),
    `Location ${location?.name ?? printer.location_id}`.slice(0, 120),
    `Purposes ${printer.purposes.join(', ') || 'none'}`.slice(0, 120),
    new Date().toISOString(),
  ]
  return submitPrint(ctx, { requestId: `access:test-page:${randomUUID()}`, printerId: printer.id, title: `Test page ${printer.name}`.slice(0, 100), document: { kind: 'lines', lines } }, 'access')
}
