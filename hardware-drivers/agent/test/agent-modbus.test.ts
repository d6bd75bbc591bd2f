/**
 * A Modbus-backed door through the whole chain: fake kernel → signed command → site agent → Modbus driver → real
 * `modbus-serial` TCP server simulating the relay board, and back: coil writes, forwarded events, health, and a
 * local PIN decision that pulses the real coil.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { RelayBoardServer } from '@tessera/driver-modbus/testing'
import { FakeKernel } from './fake-kernel.ts'
import { AGENT_ID, SECRET, eventually, grantSet, sleep, startAgent, tempDir } from './test-support.ts'

describe('site agent with a Modbus relay board', () => {
  it('unlocks the board through a signed command and forwards the board events', async () => {
    const board = await RelayBoardServer.start({ energisedCoils: [2] })
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir, {
      heartbeatIntervalMs: 200,
      drivers: [
        {
          deviceId: 'side',
          driver: 'modbus',
          config: { host: board.host, port: board.port, unitId: 1, coil: 2, sensorInput: 2, pollIntervalMs: 10, debounceMs: 20, timeoutMs: 1000 },
          unlockDurationMs: 150,
        },
      ],
    })
    try {
      assert.equal(board.coil(2), false, 'fail-secure at agent start')
      await agent.waitUntilConnected()
      assert.deepEqual(kernel.hellos[0].devices[0].capabilities, { doorSensor: true, pulseMode: true, reportsConnectivity: true })

      const command = kernel.command(AGENT_ID, 'unlock', {
        deviceId: 'side',
        durationMs: 30_000,
        requestId: 'req-side-1',
        actor: { kind: 'person', id: 'alice', via: 'app' },
      })
      const reply = await kernel.reply(command.id)
      assert.ok(reply.type === 'command-result' && reply.ok, JSON.stringify(reply))
      assert.equal(board.coil(2), true)
      const kinds = () => [...kernel.stored.values()].map((e) => (e.category === 'lock' ? e.kind : e.reason))
      board.setSensor(true, 2)
      await kernel.until(() => kinds().includes('opened'), 3000, 'opened')
      board.setSensor(false, 2)
      await kernel.until(() => kinds().includes('closed'), 3000, 'closed')
      const locked = await kernel.reply(kernel.command(AGENT_ID, 'lock', { deviceId: 'side' }).id)
      assert.ok(locked.type === 'command-result' && locked.ok)
      await kernel.until(() => kinds().includes('relocked'), 3000, 'relocked')
      assert.equal(board.coil(2), false)
      await sleep(100)
      board.setSensor(true, 2)
      await kernel.until(() => kinds().includes('forced'), 3000, 'forced')
      assert.deepEqual(kinds(), ['unlocked', 'opened', 'closed', 'relocked', 'opened', 'forced'])
      assert.deepEqual(board.writesTo(2), [false, true, false])

      board.setSensor(false, 2)
      await kernel.reply(kernel.command(AGENT_ID, 'grants.replace', { grantSet: grantSet(1, [{ pin: '2468', personId: 'bob', doorIds: ['side'] }]) }).id)
      const pulsesBefore = board.writesTo(2).filter(Boolean).length
      const decision = await agent.checkCredential({ deviceId: 'side', type: 'pin', value: '2468' })
      assert.equal(decision.granted, true)
      assert.equal(board.writesTo(2).filter(Boolean).length, pulsesBefore + 1, 'a local PIN pulses the real coil')
      await eventually(() => !board.coil(2), 3000, 'coil off after the local unlock')

      await board.kill()
      await kernel.until(() => kinds().includes('offline'), 3000, 'offline')
      const refused = await kernel.reply(kernel.command(AGENT_ID, 'unlock', { deviceId: 'side', durationMs: 200, requestId: 'req-side-2', actor: { kind: 'person', id: 'alice' } }).id)
      assert.ok(refused.type === 'command-result' && !refused.ok && refused.error.code === 'offline')
      await kernel.until(
        () => kernel.ofType('heartbeat').some((h) => h.devices[0].status?.online === false),
        3000,
        'heartbeat reporting the board offline',
      )
      await board.revive()
      await kernel.until(() => kinds().includes('online'), 3000, 'online')
    } finally {
      await agent.close()
      await kernel.stop()
      await board.close()
      await remove()
    }
  })
})
