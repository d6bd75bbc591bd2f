/**
 * A printer through the site agent: signed `print` commands reach the printer driver (the printer simulator), job
 * state events come back to the kernel as acked `printer-event` messages, a request id prints once — for a
 * retried command, a replayed one, and after the agent restarts (the print journal) — and cancel, offline and bad
 * payloads are answered with clear errors.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { simplePdf } from '@tessera/driver-sdk'
import type { PrinterAgentEvent } from '@tessera/driver-sdk'
import type { SimulatedPrinter } from '@tessera/driver-simulator'
import { FakeKernel } from './fake-kernel.ts'
import { AGENT_ID, FRONT_DOOR, SECRET, startAgent, tempDir } from './test-support.ts'

const DESK = { deviceId: 'desk', driver: 'printer-simulator', config: { printMs: 20 } }
const badge = Buffer.from(simplePdf({ lines: ['Ada Lovelace', 'Visitor'] })).toString('base64')
const actor = { kind: 'staff', id: 'desk-1', via: 'admin' }

function jobStates(kernel: FakeKernel, requestId: string): string[] {
  return [...kernel.printerEvents.values()]
    .filter((e): e is Extract<PrinterAgentEvent, { kind: 'job' }> => e.kind === 'job' && e.requestId === requestId)
    .map((e) => e.state)
}

describe('site agent with a printer', () => {
  it('prints once per request id across retries, replays and restarts, and reports job states to the kernel', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    let { agent } = await startAgent(kernel, dir, { drivers: [FRONT_DOOR, DESK], heartbeatIntervalMs: 200 })
    try {
      await agent.waitUntilConnected()
      assert.deepEqual(kernel.hellos[0].devices.map((d) => [d.deviceId, d.kind]), [['front', 'lock'], ['desk', 'printer']])
      const payload = { deviceId: 'desk', requestId: 'badge-881', actor, contentType: 'application/pdf', documentBase64: badge, title: 'Visitor badge' }
      const first = kernel.command(AGENT_ID, 'print', payload)
      const reply = await kernel.reply(first.id)
      assert.ok(reply.type === 'command-result' && reply.ok, JSON.stringify(reply))
      assert.equal((reply.result as { duplicate: boolean }).duplicate, false)
      await kernel.until(() => jobStates(kernel, 'badge-881').includes('completed'), 3000, 'completed job event')
      assert.deepEqual(jobStates(kernel, 'badge-881'), ['queued', 'printing', 'completed'])
      const printer = agent.printer('desk') as SimulatedPrinter
      assert.equal(printer.printed.length, 1)
      assert.deepEqual(Buffer.from(printer.printed[0].document).toString('base64'), badge)

      const retry = await kernel.reply(kernel.command(AGENT_ID, 'print', payload).id)
      assert.ok(retry.type === 'command-result' && retry.ok)
      assert.equal((retry.result as { duplicate: boolean; state: string }).duplicate, true)
      assert.equal((retry.result as { state: string }).state, 'completed', 'the retry reports the current job state')
      kernel.send({ type: 'command', command: first })
      await kernel.until(() => kernel.ofType('command-rejected').some((m) => m.commandId === first.id && m.reason === 'replayed'), 3000, 'replay refused')
      assert.equal(printer.printed.length, 1, 'neither the retry nor the replay printed')
      await kernel.until(
        () => kernel.ofType('heartbeat').some((h) => h.printers?.[0]?.status?.state === 'idle'),
        3000,
        'heartbeat carrying the printer',
      )

      await agent.close()
      ;({ agent } = await startAgent(kernel, dir, { drivers: [FRONT_DOOR, DESK] }))
      await agent.waitUntilConnected()
      const afterRestart = await kernel.reply(kernel.command(AGENT_ID, 'print', payload).id)
      assert.ok(afterRestart.type === 'command-result' && afterRestart.ok, JSON.stringify(afterRestart))
      assert.equal((afterRestart.result as { duplicate: boolean }).duplicate, true, 'the journal survives a restart')
      assert.equal((agent.printer('desk') as SimulatedPrinter).printed.length, 0, 'nothing printed again after the restart')
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('cancels a queued job, refuses while the printer is off, and names bad payloads and wrong devices', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir, { drivers: [FRONT_DOOR, DESK] })
    try {
      await agent.waitUntilConnected()
      const printer = agent.printer('desk') as SimulatedPrinter
      const print = (requestId: string, extra: Record<string, unknown> = {}) =>
        kernel.reply(kernel.command(AGENT_ID, 'print', { deviceId: 'desk', requestId, actor, contentType: 'application/pdf', documentBase64: badge, ...extra }).id)

      printer.pause()
      const queued = await print('voucher-1')
      assert.ok(queued.type === 'command-result' && queued.ok)
      const cancelled = await kernel.reply(kernel.command(AGENT_ID, 'print.cancel', { deviceId: 'desk', requestId: 'voucher-1' }).id)
      assert.ok(cancelled.type === 'command-result' && cancelled.ok, JSON.stringify(cancelled))
      await kernel.until(() => jobStates(kernel, 'voucher-1').includes('cancelled'), 3000, 'cancelled job event')
      printer.resume()

      printer.kill()
      const offline = await print('voucher-2')
      assert.ok(offline.type === 'command-result' && !offline.ok && offline.error.code === 'offline', JSON.stringify(offline))
      printer.revive()
      const retried = await print('voucher-2')
      assert.ok(retried.type === 'command-result' && retried.ok, 'a refused print can be retried')

      const badBase64 = await print('voucher-3', { documentBase64: 'not base64!' })
      assert.ok(badBase64.type === 'command-result' && !badBase64.ok && badBase64.error.code === 'invalid-payload')
      assert.match(badBase64.type === 'command-result' && !badBase64.ok ? badBase64.error.message : '', /documentBase64/)
      const badFormat = await print('voucher-4', { contentType: 'image/gif' })
      assert.ok(badFormat.type === 'command-result' && !badFormat.ok && badFormat.error.code === 'invalid-request')
      const toDoor = await kernel.reply(kernel.command(AGENT_ID, 'print', { deviceId: 'front', requestId: 'x', actor, contentType: 'application/pdf', documentBase64: badge }).id)
      assert.ok(toDoor.type === 'command-result' && !toDoor.ok && toDoor.error.code === 'unknown-device')
      const unlockPrinter = await kernel.reply(kernel.command(AGENT_ID, 'unlock', { deviceId: 'desk', durationMs: 100, requestId: 'u', actor }).id)
      assert.ok(unlockPrinter.type === 'command-result' && !unlockPrinter.ok && /not a lock/.test(unlockPrinter.error.message))
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })
})
