/**
 * The site agent against a fake kernel (a real `ws` server speaking the wire protocol): authentication both ways,
 * signed commands (and the refusal of replayed, expired, tampered, misaddressed and malformed ones), local PIN
 * decisions with the link cut, the grant cache, and exactly-once delivery of queued events after reconnects and
 * restarts.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { issueCommand } from '@tessera/driver-sdk'
import type { LockAgentEvent } from '@tessera/driver-sdk'
import type { SimulatedLock } from '@tessera/driver-simulator'
import { FakeKernel } from './fake-kernel.ts'
import { AGENT_ID, SECRET, eventually, grantSet, sleep, startAgent, tempDir } from './test-support.ts'

const actor = { kind: 'staff', id: 'admin-1', via: 'admin' }

function lockEvents(kernel: FakeKernel): LockAgentEvent[] {
  return [...kernel.stored.values()].filter((e): e is LockAgentEvent => e.category === 'lock')
}

describe('site agent', () => {
  it('authenticates to the kernel and reports device health in heartbeats', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir, { heartbeatIntervalMs: 200 })
    try {
      await agent.waitUntilConnected()
      assert.equal(kernel.hellos.length, 1)
      const hello = kernel.hellos[0]
      assert.equal(hello.agentId, AGENT_ID)
      assert.deepEqual(hello.devices.map((d) => [d.deviceId, d.driver]), [['front', 'simulator']])
      assert.equal(hello.grantsVersion, null)
      await kernel.until(() => kernel.ofType('heartbeat').length >= 2, 3000, 'two heartbeats')
      const beat = kernel.ofType('heartbeat')[0]
      assert.equal(beat.agentId, AGENT_ID)
      assert.equal(beat.devices[0].status?.state, 'locked')
      assert.equal(beat.devices[0].status?.online, true)
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('refuses a kernel that cannot prove the shared secret, and is refused with a wrong secret', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET }, forgeWelcome: true })
    const { dir, remove } = await tempDir()
    const { agent, logs } = await startAgent(kernel, dir)
    const impostorDir = await tempDir()
    const impostor = await startAgent(kernel, impostorDir.dir, { agentSecret: 'a-wrong-secret-for-this-agent!!' })
    try {
      await eventually(() => logs.some((l) => l.message.includes('kernel failed authentication')), 3000, 'bad welcome logged')
      assert.equal(agent.connected, false)
      await kernel.until(() => kernel.refusals.length > 0, 3000, 'kernel refusal')
      assert.equal(impostor.agent.connected, false)
      await eventually(() => impostor.logs.some((l) => l.message.includes('kernel refused authentication')), 3000, 'refusal logged')
    } finally {
      await agent.close()
      await impostor.agent.close()
      await kernel.stop()
      await remove()
      await impostorDir.remove()
    }
  })

  it('executes a signed unlock: the simulator lock opens, relocks, and the events reach the kernel', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent, logs } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const lock = agent.device('front') as SimulatedLock
      const command = kernel.command(AGENT_ID, 'unlock', { deviceId: 'front', durationMs: 200, requestId: 'req-1', actor })
      const reply = await kernel.reply(command.id)
      assert.equal(reply.type, 'command-result')
      assert.ok(reply.type === 'command-result' && reply.ok, JSON.stringify(reply))
      assert.equal(lock.relayEnergised, true)
      await kernel.until(() => lockEvents(kernel).some((e) => e.kind === 'relocked'), 3000, 'relocked event')
      assert.equal(lock.relayEnergised, false)
      const unlocked = lockEvents(kernel).find((e) => e.kind === 'unlocked')
      assert.equal(unlocked?.requestId, 'req-1')
      assert.deepEqual(unlocked?.actor, actor)
      assert.equal(unlocked?.deviceId, 'front')
      assert.ok(logs.some((l) => l.message === 'command accepted' && l.fields.commandId === command.id))
      await eventually(() => agent.queuedEvents === 0, 3000, 'acks processed')
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('refuses replayed, expired, tampered, misaddressed and malformed commands, logs them and answers with the reason', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET, 'site-2': SECRET } })
    const { dir, remove } = await tempDir()
    const { agent, logs } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const lock = agent.device('front') as SimulatedLock
      const payload = { deviceId: 'front', durationMs: 5000, requestId: 'req-a', actor }

      const original = kernel.command(AGENT_ID, 'unlock', payload)
      assert.equal((await kernel.reply(original.id)).type, 'command-result')
      await lock.lock()
      await kernel.until(() => lockEvents(kernel).some((e) => e.kind === 'relocked'), 3000, 'relocked')

      kernel.send({ type: 'command', command: original })
      const expired = issueCommand(SECRET, { agentId: AGENT_ID, type: 'unlock', payload: { ...payload, requestId: 'req-b' }, ttlMs: 1000, now: Date.now() - 120_000 })
      kernel.send({ type: 'command', command: expired })
      const good = issueCommand(SECRET, { agentId: AGENT_ID, type: 'unlock', payload: { ...payload, requestId: 'req-c' } })
      const tampered = { ...good, payload: { ...payload, requestId: 'req-c', durationMs: 3_600_000 } }
      kernel.send({ type: 'command', command: tampered })
      const elsewhere = issueCommand(SECRET, { agentId: 'site-2', type: 'unlock', payload: { ...payload, requestId: 'req-d' } })
      kernel.send({ type: 'command', command: elsewhere })
      const malformed = { ...issueCommand(SECRET, { agentId: AGENT_ID, type: 'unlock', payload }), id: 'not-a-uuid' }
      kernel.send({ type: 'command', command: malformed })

      await kernel.until(() => kernel.ofType('command-rejected').length >= 5, 3000, 'five rejections')
      const reasons = new Map(kernel.ofType('command-rejected').map((r) => [r.commandId, r.reason]))
      assert.equal(reasons.get(original.id), 'replayed')
      assert.equal(reasons.get(expired.id), 'expired')
      assert.equal(reasons.get(good.id), 'bad-signature')
      assert.equal(reasons.get(elsewhere.id), 'wrong-agent')
      assert.equal(reasons.get('not-a-uuid'), 'malformed')
      const logged = logs.filter((l) => l.message === 'command rejected').map((l) => l.fields.reason).sort()
      assert.deepEqual(logged, ['bad-signature', 'expired', 'malformed', 'replayed', 'wrong-agent'])
      assert.equal(lock.relayEnergised, false, 'no refused command touched the relay')
      await sleep(100)
      assert.equal(lockEvents(kernel).filter((e) => e.kind === 'unlocked').length, 1)

      const mark = kernel.messages.length
      kernel.send({ type: 'command', command: good })
      const accepted = await kernel.reply(good.id, { after: mark })
      assert.ok(accepted.type === 'command-result' && accepted.ok, 'the untampered original is still accepted (tampering did not burn its nonce)')
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('with the link cut, a valid PIN opens the door and invalid or revoked ones do not; queued events then arrive exactly once', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const v1 = grantSet(1, [{ pin: '1234', personId: 'alice' }, { pin: '9999', personId: 'bob' }])
      const first = kernel.command(AGENT_ID, 'grants.replace', { grantSet: v1 })
      assert.ok(((await kernel.reply(first.id)) as { ok: boolean }).ok)
      const v2 = grantSet(2, [
        { pin: '1234', personId: 'alice' },
        { pin: '5555', personId: 'carol', doorIds: ['back'] },
        { pin: '7777', personId: 'dave', validUntil: Date.now() - 1000, validFrom: Date.now() - 60_000 },
      ])
      const second = kernel.command(AGENT_ID, 'grants.replace', { grantSet: v2 })
      assert.ok(((await kernel.reply(second.id)) as { ok: boolean }).ok)
      assert.equal(agent.grantsVersion, 2)
      await eventually(() => agent.queuedEvents === 0, 3000, 'empty queue before the cut')
      const before = kernel.stored.size

      await kernel.stop()
      await eventually(() => !agent.connected, 3000, 'link down')
      const lock = agent.device('front') as SimulatedLock

      const alice = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '1234' })
      assert.equal(alice.granted, true)
      assert.equal(alice.personId, 'alice')
      assert.equal(lock.relayEnergised, true, 'the door opened with the link down')
      await eventually(() => !lock.relayEnergised, 3000, 'relock')

      const bob = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '9999' })
      assert.deepEqual([bob.granted, bob.reason], [false, 'unknown-credential'], 'revoked in v2')
      const wrong = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '0000' })
      assert.deepEqual([wrong.granted, wrong.reason], [false, 'unknown-credential'])
      const carol = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '5555' })
      assert.deepEqual([carol.granted, carol.reason, carol.personId], [false, 'wrong-door', 'carol'])
      const dave = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '7777' })
      assert.deepEqual([dave.granted, dave.reason], [false, 'expired'])
      assert.equal(lock.relayEnergised, false, 'no refused PIN opened the door')

      const queued = agent.queuedEvents
      assert.ok(queued >= 7, `access decisions and lock events are queued (${queued})`)
      await kernel.listen()
      await agent.waitUntilConnected(5000)
      await eventually(() => agent.queuedEvents === 0, 5000, 'queue drained')
      await sleep(100)
      assert.equal(kernel.hellos.length, 2, 'one reconnect')
      assert.equal(kernel.stored.size, before + queued)
      for (const [id, count] of kernel.deliveries) assert.equal(count, 1, `event ${id} delivered ${count} times`)
      const decisions = [...kernel.stored.values()].filter((e) => e.category === 'access').map((e) => (e.category === 'access' ? [e.personId, e.decision, e.reason] : []))
      assert.deepEqual(decisions, [
        ['alice', 'granted', 'granted'],
        [null, 'denied', 'unknown-credential'],
        [null, 'denied', 'unknown-credential'],
        ['carol', 'denied', 'wrong-door'],
        ['dave', 'denied', 'expired'],
      ])
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('refuses an older or forged grant set and keeps the current one', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const v3 = kernel.command(AGENT_ID, 'grants.replace', { grantSet: grantSet(3, [{ pin: '1234', personId: 'alice' }]) })
      assert.ok(((await kernel.reply(v3.id)) as { ok: boolean }).ok)
      const old = kernel.command(AGENT_ID, 'grants.replace', { grantSet: grantSet(2, [{ pin: '9999', personId: 'bob' }]) })
      const oldReply = await kernel.reply(old.id)
      assert.ok(oldReply.type === 'command-result' && !oldReply.ok && oldReply.error.code === 'stale-version')
      const forged = kernel.command(AGENT_ID, 'grants.replace', { grantSet: grantSet(9, [{ pin: '9999', personId: 'bob' }], 'somebody-elses-secret-key') })
      const forgedReply = await kernel.reply(forged.id)
      assert.ok(forgedReply.type === 'command-result' && !forgedReply.ok && forgedReply.error.code === 'bad-signature')
      assert.equal(agent.grantsVersion, 3)
      assert.equal((await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '9999' })).granted, false)
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('keeps the grant cache across restarts, verifying it on load', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    let { agent } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const sent = kernel.command(AGENT_ID, 'grants.replace', { grantSet: grantSet(1, [{ pin: '1234', personId: 'alice' }]) })
      await kernel.reply(sent.id)
      await agent.close()
      await kernel.stop()

      ;({ agent } = await startAgent(kernel, dir))
      assert.equal(agent.grantsVersion, 1)
      assert.equal((await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '1234' })).granted, true)
      await agent.close()

      const path = join(dir, 'grants.json')
      const onDisk = JSON.parse(await readFile(path, 'utf8'))
      onDisk.grants[0].validUntil = '2999-01-01T00:00:00.000Z'
      await writeFile(path, JSON.stringify(onDisk))
      const restarted = await startAgent(kernel, dir)
      agent = restarted.agent
      assert.equal(agent.grantsVersion, null, 'a tampered cache is not used')
      assert.ok(restarted.logs.some((l) => l.level === 'error' && l.message.includes('failed verification')))
      const decision = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '1234' })
      assert.deepEqual([decision.granted, decision.reason], [false, 'no-grants'])
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('redelivers unacked events after a reconnect; the kernel dedupes by id and acked events are not resent', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET }, autoAck: false })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const lock = agent.device('front') as SimulatedLock
      lock.sensor.setOpen(true)
      lock.sensor.setOpen(false)
      await kernel.until(() => kernel.stored.size === 3, 3000, 'opened, forced, closed')
      assert.equal(agent.queuedEvents, 3)

      await kernel.stop()
      kernel.autoAck = true
      await kernel.listen()
      await agent.waitUntilConnected(5000)
      await eventually(() => agent.queuedEvents === 0, 5000, 'acked after redelivery')
      assert.equal(kernel.stored.size, 3, 'deduplicated by id')
      assert.deepEqual([...kernel.deliveries.values()], [2, 2, 2], 'each unacked event was delivered again')
      assert.deepEqual([...kernel.stored.values()].map((e) => (e.category === 'lock' ? e.kind : '')), ['opened', 'forced', 'closed'])

      await kernel.stop()
      await kernel.listen()
      await agent.waitUntilConnected(5000)
      await sleep(300)
      assert.deepEqual([...kernel.deliveries.values()], [2, 2, 2], 'acked events are not sent again')
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('keeps queued events and seen command ids across an agent restart', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    let { agent } = await startAgent(kernel, dir)
    try {
      await agent.waitUntilConnected()
      const command = kernel.command(AGENT_ID, 'unlock', { deviceId: 'front', durationMs: 100, requestId: 'r1', actor })
      await kernel.reply(command.id)
      await kernel.until(() => lockEvents(kernel).some((e) => e.kind === 'relocked'), 3000, 'relocked')
      await kernel.stop()
      await eventually(() => !agent.connected, 3000, 'link down')
      ;(agent.device('front') as SimulatedLock).sensor.setOpen(true)
      await eventually(() => agent.queuedEvents === 2, 3000, 'opened + forced queued')
      await agent.close()

      ;({ agent } = await startAgent(kernel, dir))
      assert.equal(agent.queuedEvents, 2, 'the queue survived the restart')
      await kernel.listen()
      await agent.waitUntilConnected(5000)
      await eventually(() => agent.queuedEvents === 0, 5000, 'queue drained')
      assert.deepEqual(lockEvents(kernel).map((e) => e.kind), ['unlocked', 'relocked', 'opened', 'forced'])

      kernel.send({ type: 'command', command })
      await kernel.until(() => kernel.ofType('command-rejected').some((r) => r.commandId === command.id), 3000, 'rejection')
      const rejection = kernel.ofType('command-rejected').find((r) => r.commandId === command.id)
      assert.equal(rejection?.reason, 'replayed', 'the nonce journal survived the restart')
      assert.equal(lockEvents(kernel).filter((e) => e.kind === 'unlocked').length, 1)
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('answers status and lock, and reports unknown devices and command types', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir, {
      drivers: [
        { deviceId: 'front', driver: 'simulator', config: {} },
        { deviceId: 'broken', driver: 'simulator', config: { colour: 'red' } },
      ],
    })
    try {
      await agent.waitUntilConnected()
      const status = await kernel.reply(kernel.command(AGENT_ID, 'status', {}).id)
      assert.ok(status.type === 'command-result' && status.ok)
      const report = (status as { result: { devices: Array<{ deviceId: string; status: unknown; error?: string }> } }).result
      assert.equal(report.devices.length, 2)
      assert.match(report.devices[1].error ?? '', /unknown field "colour"/)
      await kernel.reply(kernel.command(AGENT_ID, 'unlock', { deviceId: 'front', durationMs: 60_000, requestId: 'long', actor }).id)
      assert.equal((agent.device('front') as SimulatedLock).relayEnergised, true)
      const locked = await kernel.reply(kernel.command(AGENT_ID, 'lock', { deviceId: 'front' }).id)
      assert.ok(locked.type === 'command-result' && locked.ok)
      assert.equal((agent.device('front') as SimulatedLock).relayEnergised, false)
      const unknown = await kernel.reply(kernel.command(AGENT_ID, 'lock', { deviceId: 'nowhere' }).id)
      assert.ok(unknown.type === 'command-result' && !unknown.ok && unknown.error.code === 'unknown-device')
      const broken = await kernel.reply(kernel.command(AGENT_ID, 'lock', { deviceId: 'broken' }).id)
      assert.ok(broken.type === 'command-result' && !broken.ok && broken.error.code === 'unknown-device')
      const odd = await kernel.reply(kernel.command(AGENT_ID, 'self-destruct', {}).id)
      assert.ok(odd.type === 'command-result' && !odd.ok && odd.error.code === 'unknown-type')
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })

  it('locks a reader out after repeated wrong PINs', async () => {
    const kernel = await FakeKernel.start({ agents: { [AGENT_ID]: SECRET } })
    const { dir, remove } = await tempDir()
    const { agent } = await startAgent(kernel, dir, { lockout: { maxFailures: 3, windowMs: 60_000 } })
    try {
      await agent.waitUntilConnected()
      await kernel.reply(kernel.command(AGENT_ID, 'grants.replace', { grantSet: grantSet(1, [{ pin: '1234', personId: 'alice' }]) }).id)
      for (const pin of ['0000', '0001', '0002']) assert.equal((await agent.checkCredential({ deviceId: 'front', type: 'pin', value: pin })).reason, 'unknown-credential')
      const blocked = await agent.checkCredential({ deviceId: 'front', type: 'pin', value: '1234' })
      assert.deepEqual([blocked.granted, blocked.reason], [false, 'rate-limited'])
    } finally {
      await agent.close()
      await kernel.stop()
      await remove()
    }
  })
})
