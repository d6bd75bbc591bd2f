/**
 * Execution of verified kernel commands. Only commands that passed `verifyCommand` reach this module; it checks
 * each payload, runs the command against the devices or the grant cache, and turns the outcome into a
 * `command-result` message. Command types: `unlock` {deviceId, durationMs, requestId, actor}, `lock` {deviceId},
 * `print` {deviceId, requestId, actor, contentType, documentBase64, title?, copies?} — printed once per request id,
 * answered from the print journal when the id was printed before — `print.cancel` {deviceId, requestId},
 * `grants.replace` {grantSet}, `status` {}.
 */
import { PRINT_DOCUMENT_MAX_BYTES } from '@tessera/driver-sdk'
import type { Actor, AgentCommand, AgentStatusReport, CommandErrorCode, CommandResultMessage, PrintContentType, PrinterDriver } from '@tessera/driver-sdk'
import type { DeviceSet } from './device-set.ts'
import type { GrantStore } from './grant-store.ts'
import type { PrintJournal } from './print-journal.ts'

/** What commands act on. */
export interface CommandContext {
  devices: DeviceSet
  grants: GrantStore
  prints: PrintJournal
  statusReport: () => Promise<AgentStatusReport>
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const MAX_BASE64 = Math.ceil(PRINT_DOCUMENT_MAX_BYTES / 3) * 4

/**
 * Run one verified command.
 *
 * @param command - the verified command
 * @param context - devices, grants, status
 * @returns the `command-result` message to send back
 */
export async function executeCommand(command: AgentCommand, context: CommandContext): Promise<CommandResultMessage> {
  const done = (result: unknown): CommandResultMessage => ({ type: 'command-result', commandId: command.id, commandType: command.type, ok: true, result })
  const fail = (code: CommandErrorCode, message: string): CommandResultMessage => ({
    type: 'command-result',
    commandId: command.id,
    commandType: command.type,
    ok: false,
    error: { code, message },
  })
  const payload = (command.payload ?? {}) as Record<string, unknown>
  if (typeof payload !== 'object' || Array.isArray(payload)) return fail('invalid-payload', 'payload must be an object')

  try {
    switch (command.type) {
      case 'unlock': {
        const lock = findLock(context, payload.deviceId)
        if (typeof lock === 'string') return fail('unknown-device', lock)
        const actor = payload.actor as { kind?: unknown; id?: unknown; via?: unknown } | undefined
        if (!actor || typeof actor !== 'object' || !['person', 'staff', 'system'].includes(actor.kind as string) || typeof actor.id !== 'string') {
          return fail('invalid-payload', 'actor must be { kind: person|staff|system, id }')
        }
        if (typeof payload.requestId !== 'string' || typeof payload.durationMs !== 'number') {
          return fail('invalid-payload', 'unlock needs requestId (string) and durationMs (number)')
        }
        const result = await lock.unlock({
          durationMs: payload.durationMs,
          requestId: payload.requestId,
          actor: { kind: actor.kind as 'person' | 'staff' | 'system', id: actor.id, ...(typeof actor.via === 'string' ? { via: actor.via } : {}) },
        })
        return result.ok ? done(result) : fail(result.reason, result.message)
      }
      case 'lock': {
        const lock = findLock(context, payload.deviceId)
        if (typeof lock === 'string') return fail('unknown-device', lock)
        const result = await lock.lock()
        return result.ok ? done({}) : fail(result.reason, result.message)
      }
      case 'print': {
        const printer = findPrinter(context, payload.deviceId)
        if (typeof printer === 'string') return fail('unknown-device', printer)
        const actor = parseActor(payload.actor)
        if (!actor) return fail('invalid-payload', 'actor must be { kind: person|staff|system, id }')
        if (typeof payload.requestId !== 'string' || payload.requestId.length === 0 || payload.requestId.length > 200) {
          return fail('invalid-payload', 'requestId must be a string of 1 to 200 characters')
        }
        const deviceId = payload.deviceId as string
        const journaled = context.prints.get(deviceId, payload.requestId)
        if (journaled) {
          const current = await printer.job(payload.requestId)
          return done({ ...journaled, ...(current ?? {}), ok: true, duplicate: true })
        }
        const b64 = payload.documentBase64
        if (typeof b64 !== 'string' || b64.length === 0 || b64.length > MAX_BASE64 || b64.length % 4 !== 0 || !BASE64.test(b64)) {
          return fail('invalid-payload', `documentBase64 must be base64 of at most ${PRINT_DOCUMENT_MAX_BYTES} bytes`)
        }
        if (typeof payload.contentType !== 'string') return fail('invalid-payload', 'contentType must be a string')
        const result = await printer.print({
          requestId: payload.requestId,
          actor,
          contentType: payload.contentType as PrintContentType,
          document: new Uint8Array(Buffer.from(b64, 'base64')),
          ...(typeof payload.title === 'string' ? { title: payload.title } : {}),
          ...(payload.copies !== undefined ? { copies: payload.copies as number } : {}),
        })
        if (!result.ok) return fail(result.reason, result.message)
        await context.prints.record(deviceId, result)
        return done({ ...result, duplicate: false })
      }
      case 'print.cancel': {
        const printer = findPrinter(context, payload.deviceId)
        if (typeof printer === 'string') return fail('unknown-device', printer)
        if (typeof payload.requestId !== 'string') return fail('invalid-payload', 'requestId must be a string')
        const result = await printer.cancel(payload.requestId)
        return result.ok ? done(result) : fail(result.reason, result.message)
      }
      case 'grants.replace': {
        const result = await context.grants.replace(payload.grantSet)
        return result.ok ? done({ version: result.version, changed: result.changed }) : fail(result.code, result.message)
      }
      case 'status':
        return done(await context.statusReport())
      default:
        return fail('unknown-type', `unknown command type "${command.type}"`)
    }
  } catch (error) {
    return fail('internal', error instanceof Error ? error.message : String(error))
  }
}

function findLock(context: CommandContext, deviceId: unknown) {
  if (typeof deviceId !== 'string') return 'deviceId must be a string'
  const device = context.devices.get(deviceId)
  if (!device) return `no device "${deviceId}"`
  if (device.kind !== 'lock') return `device "${deviceId}" is a ${device.kind}, not a lock`
  if (!device.driver) return `device "${deviceId}" failed to start: ${device.error ?? 'unknown error'}`
  return device.driver
}

function findPrinter(context: CommandContext, deviceId: unknown): PrinterDriver | string {
  if (typeof deviceId !== 'string') return 'deviceId must be a string'
  const device = context.devices.get(deviceId)
  if (!device) return `no device "${deviceId}"`
  if (device.kind !== 'printer') return `device "${deviceId}" is a ${device.kind}, not a printer`
  if (!device.printer) return `device "${deviceId}" failed to start: ${device.error ?? 'unknown error'}`
  return device.printer
}

function parseActor(raw: unknown): Actor | null {
  const actor = raw as { kind?: unknown; id?: unknown; via?: unknown } | undefined
  if (!actor || typeof actor !== 'object' || !['person', 'staff', 'system'].includes(actor.kind as string) || typeof actor.id !== 'string') return null
  return { kind: actor.kind as Actor['kind'], id: actor.id, ...(typeof actor.via === 'string' ? { via: actor.via } : {}) }
}
