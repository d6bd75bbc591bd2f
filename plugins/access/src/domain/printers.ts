/**
 * Printer rules: a printer is a device of a (non-revoked) agent — not one of its doors — at a location of `spaces`,
 * with purpose tags; it may be its location's default for some of its purposes (replacing the printer that was). When
 * the agent has announced its devices (hello), the device must be a printer run by the named driver. Registration,
 * changes and removal are audited; removing a printer fails its open jobs. A request picks a printer by id or by
 * purpose (and location): the default first, then the first by name.
 */
import { problem } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { PURPOSE_PATTERN } from '../contract/index.ts'
import type { Printer, PrinterChoice, PrinterInput, PrinterPatch } from '../contract/index.ts'
import type { AccessContext } from './access-config.ts'
import { agentIsActive } from '../store/agents-store.ts'
import { deviceIsDoor } from '../store/doors-store.ts'
import { choosePrinterRow, deletePrinter, deviceIsPrinter, getPrinterRow, insertPrinter, pruneDefaults, setDefaults, toPrinter, updatePrinterRow } from '../store/printers-store.ts'
import type { PrinterRow } from '../store/printers-store.ts'
import { failPrinterJobs } from '../store/print-jobs-store.ts'
import { publishJob } from './print-job-events.ts'

const field = (name: string, detail: string) => [{ pointer: `/body/${name}`, detail }]
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const PURPOSE = new RegExp(PURPOSE_PATTERN)

/** A printer row; 404 when there is none. */
export async function printerRowOr404(ctx: AccessContext, id: string): Promise<PrinterRow> {
  const row = await getPrinterRow(ctx.db, id)
  if (!row) throw problem.notFound('No such printer.')
  return row
}

async function checkLocation(ctx: AccessContext, locationId: string): Promise<void> {
  if (!(await ctx.services.get(spacesCatalog).getLocation(locationId))) throw problem.unprocessable('No such location.', field('locationId', 'no such location'))
}

function checkDefaults(purposes: string[], defaultFor: string[]): void {
  const extra = defaultFor.filter((p) => !purposes.includes(p))
  if (extra.length) throw problem.unprocessable('A printer can only be the default for its own purposes.', field('defaultFor', `not among purposes: ${extra.join(', ')}`))
}

/** What the agent said about the device in its hello, checked against the registration. */
async function checkAnnouncedDevice(ctx: AccessContext, agentId: string, deviceId: string, driver: string): Promise<void> {
  const row = await ctx.db.one<{ devices: { deviceId?: unknown; driver?: unknown; kind?: unknown }[] }>('SELECT devices FROM access.agents WHERE id = $1', [agentId])
  const devices = Array.isArray(row?.devices) ? row.devices : []
  if (devices.length === 0) return // the agent has not connected yet: the first print tells
  const device = devices.find((d) => d?.deviceId === deviceId)
  if (!device) return
  if (device.kind !== 'printer') throw problem.unprocessable(`The agent's device "${deviceId}" is a ${String(device.kind)}, not a printer.`, field('deviceId', 'not a printer'))
  if (device.driver !== driver) throw problem.unprocessable(`The agent runs "${deviceId}" with the ${String(device.driver)} driver, not ${driver}.`, field('driver', `the agent says ${String(device.driver)}`))
}

/** Registers a printer. */
export async function createPrinter(ctx: AccessContext, b: PrinterInput): Promise<Printer> {
  await checkLocation(ctx, b.locationId)
  if (!(await agentIsActive(ctx.db, b.agentId))) throw problem.unprocessable('No such agent.', field('agentId', 'no such agent'))
  const purposes = b.purposes ?? []
  checkDefaults(purposes, b.defaultFor ?? [])
  if (await deviceIsPrinter(ctx.db, b.agentId, b.deviceId)) throw problem.conflict('This device of the agent is already a printer.')
  if (await deviceIsDoor(ctx.db, b.agentId, b.deviceId)) throw problem.conflict('This device of the agent is a door.')
  await checkAnnouncedDevice(ctx, b.agentId, b.deviceId, b.driver)
  const id = await insertPrinter(ctx.db, { name: b.name, agentId: b.agentId, deviceId: b.deviceId, driver: b.driver, locationId: b.locationId, purposes })
  if (b.defaultFor?.length) await setDefaults(ctx.db, id, b.locationId, b.defaultFor)
  await ctx.audit.record({ action: 'printer.create', target: `printer:${id}`, data: { name: b.name, agentId: b.agentId, deviceId: b.deviceId, driver: b.driver, locationId: b.locationId, purposes, defaultFor: b.defaultFor ?? [] } })
  return toPrinter(await printerRowOr404(ctx, id))
}

/** Changes a printer's name, location, purposes or defaults. */
export async function updatePrinter(ctx: AccessContext, id: string, b: PrinterPatch): Promise<Printer> {
  const current = await printerRowOr404(ctx, id)
  if (b.locationId) await checkLocation(ctx, b.locationId)
  const purposes = b.purposes ?? current.purposes
  if (b.defaultFor) checkDefaults(purposes, b.defaultFor)
  await updatePrinterRow(ctx.db, id, b)
  if (b.defaultFor) await setDefaults(ctx.db, id, b.locationId ?? current.location_id, b.defaultFor)
  else await pruneDefaults(ctx.db, id)
  await ctx.audit.record({ action: 'printer.update', target: `printer:${id}`, data: { ...b } })
  return toPrinter(await printerRowOr404(ctx, id))
}

/** Removes a printer; its open jobs fail with `printer-removed`. */
export async function removePrinter(ctx: AccessContext, id: string): Promise<void> {
  const printer = await printerRowOr404(ctx, id)
  for (const job of await failPrinterJobs(ctx.db, id)) await publishJob(ctx, job)
  await deletePrinter(ctx.db, id)
  await ctx.audit.record({ action: 'printer.remove', target: `printer:${id}`, data: { name: printer.name, agentId: printer.agent_id, deviceId: printer.device_id } })
}

/**
 * The printer a choice names, or undefined; a `printerId` that does not exist is undefined too, and so is a choice
 * that is not well-formed (the service is called by other plugins' code, not through a route schema).
 */
export async function choosePrinter(ctx: AccessContext, choice: PrinterChoice): Promise<PrinterRow | undefined> {
  if (choice.printerId) return typeof choice.printerId === 'string' && UUID.test(choice.printerId) ? getPrinterRow(ctx.db, choice.printerId) : undefined
  if (typeof choice.purpose !== 'string' || !PURPOSE.test(choice.purpose)) return undefined
  if (choice.locationId != null && (typeof choice.locationId !== 'string' || !UUID.test(choice.locationId))) return undefined
  return choosePrinterRow(ctx.db, choice.purpose, choice.locationId ?? null)
}
