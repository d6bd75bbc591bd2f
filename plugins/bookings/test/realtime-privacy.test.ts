/**
 * Realtime privacy: a member's socket receives booking events of other people's bookings as occupancy only — which
 * seat of which resource is taken when, and its status — never whose booking it is (no personId, no series), while
 * the event's subscribers still get the whole payload. The `moved` event (for billing) is not pushed at all.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin } from '@tessera/sdk'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '../src/index.ts'
import { world, hoursFromNow, waitFor } from './helpers.ts'

let t: TestKernel

/** A subscriber of the booking events, recording the payloads it is delivered. */
const delivered: Record<string, unknown>[] = []
const probe = definePlugin({
  id: 'probe', version: '1.0.0', kernel: '^1.0.0', name: 'Probe', dependsOn: { bookings: '^1.0.0' },
  subscribes: { 'bookings.booking.created': async (event) => { delivered.push(event.payload) } },
})

before(async () => { t = await createTestKernel({ plugins: [members, spaces, bookings, probe], workers: true }) })
after(() => t.close())

type Message = { name?: string; data?: Record<string, unknown> }

async function socket(port: number, cookie: string, messages: Message[]): Promise<WebSocket> {
  // Node's built-in WebSocket (undici) accepts request headers as a non-standard init option
  const Ws = WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket
  return new Promise<WebSocket>((resolve, reject) => {
    const s = new Ws(`ws://127.0.0.1:${port}/api/v1/realtime`, { headers: { cookie, origin: `http://127.0.0.1:${port}` } })
    s.addEventListener('message', (m) => {
      const msg = JSON.parse(String(m.data))
      if (msg.type === 'hello') resolve(s)
      else messages.push(msg)
    })
    s.addEventListener('error', () => reject(new Error('websocket error')))
  })
}

test('a member\'s socket gets other people\'s booking events without who booked them', async () => {
  const w = await world(t)
  const port = Number(new URL(await t.listen()).port)
  const member = await w.member()
  const messages: Message[] = []
  const ws = await socket(port, member.cookie, messages)
  try {
    const other = await w.person('Olga Other')
    const made = await w.call('POST', '/bookings/series', { resourceId: w.roomId, personId: other, startsAt: hoursFromNow(20).toISOString(), endsAt: hoursFromNow(21).toISOString(), rrule: 'FREQ=DAILY;COUNT=2' })
    assert.equal(made.statusCode, 201, made.body)
    const id = made.json().bookings[0].id
    const created = await waitFor(async () => messages.find((m) => m.name === 'bookings.booking.created' && m.data?.id === id))
    assert.deepEqual(Object.keys(created.data!).sort(), ['endsAt', 'id', 'locationId', 'resourceId', 'seat', 'startsAt', 'status'])
    assert.doesNotMatch(JSON.stringify(messages), new RegExp(`${other}|${made.json().id}`), 'neither the person nor the series reaches the member')

    const movedTo = hoursFromNow(30) // once: the comparison below holds when a full hour passes meanwhile
    const moved = await w.call('PATCH', `/bookings/bookings/${id}`, { startsAt: movedTo.toISOString(), endsAt: new Date(movedTo.getTime() + 3_600_000).toISOString() })
    assert.equal(moved.statusCode, 200, moved.body)
    const updated = await waitFor(async () => messages.find((m) => m.name === 'bookings.booking.updated' && m.data?.id === id))
    assert.equal(updated.data!.startsAt, movedTo.toISOString())
    assert.equal(updated.data!.personId, undefined)
    assert.ok(!messages.some((m) => m.name === 'bookings.booking.moved'), 'the re-pricing event stays on the server')

    // the subscriber's copy carries the whole payload, the booker included
    await t.enable(w.tenantId, 'probe')
    const later = await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, personId: other, startsAt: hoursFromNow(40).toISOString(), endsAt: hoursFromNow(41).toISOString() })
    const full = await waitFor(async () => delivered.find((p) => p.id === later.json().id))
    assert.equal(full.personId, other)
    const pushed = await waitFor(async () => messages.find((m) => m.name === 'bookings.booking.created' && m.data?.id === later.json().id))
    assert.equal(pushed.data!.personId, undefined)
  } finally {
    ws.close()
  }
})
