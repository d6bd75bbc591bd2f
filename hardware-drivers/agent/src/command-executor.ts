/**
 * Execution of verified kernel commands. Only commands that passed `verifyCommand` reach this module; it checks
 * each payload, runs the command against the devices or the grant cache, and turns the outcome into a
 * `command-result` message. Command types: `unlock` {deviceId, durationMs, requestId, actor}, `lock` {deviceId},
 * `grants.replace` {grantSet}, `status` {}.
 */
import type { AgentCommand, AgentStatusReport, CommandErrorCode, CommandResultMessage } from '@tessera/driver-sdk'
import type { DeviceSet } from './device-set.ts'
import type { GrantStore } from './grant-store.ts'

/** What commands act on. */
export interface CommandContext {
  devices: DeviceSet
  grants: GrantStore
  statusReport: () => Promise<AgentStatusReport>
}

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
  if (!device.driver) return `device "${deviceId}" failed to start: ${device.error ?? 'unknown error'}`
  return device.driver
}
