/**
 * The shared lock state machine in isolation, with a fake relay function: extension of a running pulse, a relock
 * that fails while the device is away and completes when it returns, the sensor grace period after a relock,
 * event-channel fan-out, and the driver registry.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { capabilities, defineDriver, DriverRegistry, EventChannel, LockController, PrintJobBook } from '../src/index.ts'
import { EventRecorder } from '../src/conformance/index.ts'

const actor = { kind: 'system' as const, id: 'test' }

function controller(options: { sensorGraceMs?: number } = {}) {
  const writes: boolean[] = []
  let failing = false
  const lock = new LockController({
    capabilities: capabilities({ doorSensor: true, pulseMode: true, reportsConnectivity: true }),
    heldOpenAfterMs: 0,
    sensorGraceMs: options.sensorGraceMs,
    actuate: async (on) => {
      if (failing) {
        lock.reportOnline(false, 'gone')
        throw new Error('gone')
      }
      writes.push(on)
    },
  })
  return { lock, writes, fail: (value: boolean) => (failing = value) }
}

describe('LockController', () => {
  it('extends a running pulse for a second request and relocks once', async () => {
    const { lock, writes } = controller()
    const events = new EventRecorder(lock)
    const a = await lock.unlock({ requestId: 'a', durationMs: 100, actor })
    const b = await lock.unlock({ requestId: 'b', durationMs: 200, actor })
    assert.ok(a.ok && b.ok && Date.parse(b.relockAt as string) > Date.parse(a.relockAt as string))
    await events.waitFor('relocked')
    assert.deepEqual(events.kinds(), ['unlocked', 'unlocked', 'relocked'])
    assert.ok(Date.parse(events.events[2].at) >= Date.parse(b.relockAt as string) - 5)
    assert.deepEqual(writes, [true, true, false])
    await lock.close()
  })

  it('completes a relock that failed while offline once the device is back', async () => {
    const { lock, writes, fail } = controller()
    const events = new EventRecorder(lock)
    await lock.unlock({ requestId: 'a', durationMs: 50, actor })
    fail(true)
    await events.waitFor('offline')
    await new Promise((resolve) => setTimeout(resolve, 100))
    assert.equal(lock.status().state, 'unlocked', 'status does not pretend the relay is off')
    fail(false)
    lock.reportOnline(true)
    await events.waitFor('relocked')
    assert.deepEqual(events.kinds(), ['unlocked', 'offline', 'online', 'relocked'])
    assert.equal(writes.at(-1), false)
    await lock.close()
  })

  it('treats an opening seen just after a relock as authorised within the sensor grace', async () => {
    const { lock } = controller({ sensorGraceMs: 200 })
    const events = new EventRecorder(lock)
    lock.reportDoor(false)
    await lock.unlock({ requestId: 'a', durationMs: 20, actor })
    await events.waitFor('relocked')
    lock.reportDoor(true)
    lock.reportDoor(false)
    await new Promise((resolve) => setTimeout(resolve, 250))
    lock.reportDoor(true)
    await events.waitFor('forced')
    assert.deepEqual(events.kinds(), ['unlocked', 'relocked', 'opened', 'closed', 'opened', 'forced'])
    await lock.close()
  })
})

describe('EventChannel', () => {
  it('fans out to listeners and streams, and ends streams on close', async () => {
    const channel = new EventChannel<number>()
    const heard: number[] = []
    const unsubscribe = channel.subscribe((n) => heard.push(n))
    const stream = channel.stream()
    channel.subscribe(() => {
      throw new Error('a faulty listener')
    })
    channel.publish(1)
    unsubscribe()
    channel.publish(2)
    channel.close()
    channel.publish(3)
    const streamed: number[] = []
    for await (const n of stream) streamed.push(n)
    assert.deepEqual(heard, [1])
    assert.deepEqual(streamed, [1, 2])
  })
})

describe('DriverRegistry', () => {
  it('registers, lists and creates drivers by id, refusing duplicates and bad ids', async () => {
    const fake = defineDriver({
      kind: 'printer',
      id: 'fake-printer',
      create: async () => {
        const book = new PrintJobBook({ capabilities: { contentTypes: ['text/plain'], cancel: false, reportsConnectivity: false } })
        return {
          kind: 'printer' as const,
          capabilities: book.capabilities,
          print: (request) => book.print(request, async () => ({ jobId: '1', state: 'completed' })),
          job: async (requestId) => book.job(requestId),
          cancel: async (requestId) => ({ ok: false as const, requestId, reason: 'not-cancellable' as const, message: 'no' }),
          status: async () => book.printerStatus(),
          events: () => book.events(),
          close: async () => book.close(),
        }
      },
    })
    const registry = new DriverRegistry().register(fake)
    assert.throws(() => registry.register(fake), /already registered/)
    assert.throws(() => defineDriver({ kind: 'lock', id: 'Bad Id', create: async () => ({}) as never }), /must match/)
    assert.deepEqual(registry.list(), [{ id: 'fake-printer', kind: 'printer', description: '' }])
    const printer = await registry.create('fake-printer', {}, 'printer')
    assert.equal((await printer.status()).state, 'idle')
    await assert.rejects(registry.create('fake-printer', {}, 'lock'), /not a lock driver/)
    await assert.rejects(registry.create('nope', {}), /unknown driver "nope"/)
  })
})
