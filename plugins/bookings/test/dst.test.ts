/**
 * Acceptance: the availability finder and booking creation agree across DST changes in the location's timezone
 * (Europe/London). On the spring-forward day a 24-hour location has 23 one-hour slots, on the fall-back day 25, and
 * every one can be booked; 08:00–18:00 stays 08:00–18:00 local (07:00Z in summer time), and a slot outside opening
 * hours in local time is refused even where it would be inside them in UTC.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world } from './helpers.ts'

let t: TestKernel

before(async () => { t = await boot() })
after(() => t.close())

/** The next last Sunday of `month` (0-based) that is at least two days ahead, as YYYY-MM-DD. */
function nextLastSunday(month: number): string {
  for (let y = new Date().getUTCFullYear(); ; y++) {
    const d = new Date(Date.UTC(y, month + 1, 0))
    d.setUTCDate(d.getUTCDate() - d.getUTCDay())
    if (d.getTime() > Date.now() + 2 * 86_400_000) return d.toISOString().slice(0, 10)
  }
}
const dayBefore = (date: string) => new Date(Date.parse(date) - 86_400_000).toISOString().slice(0, 10)

for (const [label, month, expected] of [['spring forward (March)', 2, 23], ['fall back (October)', 9, 25]] as const) {
  test(`24-hour location on the ${label} day: ${expected} slots, every one bookable`, async () => {
    const w = await world(t)
    const day = nextLastSunday(month)
    const avail = await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${day}&slotMinutes=60`)
    assert.equal(avail.statusCode, 200, avail.body)
    const slots = avail.json().slots as { startsAt: string; endsAt: string }[]
    assert.equal(slots.length, expected)
    for (const s of slots) assert.equal(Date.parse(s.endsAt) - Date.parse(s.startsAt), 3_600_000, 'every slot is one real hour')
    const personId = await w.person()
    for (const s of slots) {
      const res = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: s.startsAt, endsAt: s.endsAt })
      assert.equal(res.statusCode, 201, `${s.startsAt}: ${res.body}`)
    }
    const after = (await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${day}&slotMinutes=60`)).json()
    assert.equal(after.slots.length, 0, 'the day is fully booked')
  })
}

test('08:00–18:00 local across the spring-forward change: the finder and creation agree for a member', async () => {
  const hours = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '08:00', to: '18:00' }]]))
  const w = await world(t, { openingHours: hours })
  const member = await w.member()
  const sunday = nextLastSunday(2)
  const saturday = dayBefore(sunday)

  const sat = (await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${saturday}&slotMinutes=60`, undefined, member.cookie)).json()
  assert.equal(sat.timezone, 'Europe/London')
  assert.equal(sat.slots[0].startsAt, `${saturday}T08:00:00.000Z`, 'GMT: 08:00 local = 08:00Z')
  const sun = (await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${sunday}&slotMinutes=60`, undefined, member.cookie)).json()
  assert.equal(sun.slots.length, 10)
  assert.equal(sun.slots[0].startsAt, `${sunday}T07:00:00.000Z`, 'BST: 08:00 local = 07:00Z')
  assert.equal(sun.slots[9].endsAt, `${sunday}T17:00:00.000Z`, 'BST: 18:00 local = 17:00Z')

  for (const s of sun.slots) {
    const res = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: s.startsAt, endsAt: s.endsAt }, member.cookie)
    assert.equal(res.statusCode, 201, `${s.startsAt}: ${res.body}`)
  }
  // 06:00Z–07:00Z on Sunday is 07:00–08:00 BST: before opening
  const early = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: `${sunday}T06:00:00Z`, endsAt: `${sunday}T07:00:00Z` }, member.cookie)
  assert.equal(early.statusCode, 422)
  assert.match(early.json().errors[0].detail, /opening hours/)
  // the same UTC times on Saturday are 07:30–08:30 GMT: also before opening; on Sunday they are 08:30–09:30 BST (booked above)
  const satEarly = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: `${saturday}T07:30:00Z`, endsAt: `${saturday}T08:30:00Z` }, member.cookie)
  assert.equal(satEarly.statusCode, 422)
  // 17:00Z–18:00Z on Sunday is 18:00–19:00 BST: after closing, though 18:00Z would be inside in GMT
  const late = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, startsAt: `${sunday}T17:00:00Z`, endsAt: `${sunday}T18:00:00Z` }, member.cookie)
  assert.equal(late.statusCode, 422)
  const offset = await w.call('POST', '/bookings/bookings', { resourceId: w.desksId, startsAt: `${sunday}T09:00:00+01:00`, endsAt: `${sunday}T18:00:00+01:00` }, member.cookie)
  assert.equal(offset.statusCode, 201, 'offsets in the request are honoured: 09:00–18:00 BST fits')
})

test('closures and rules: a closed date offers nothing and refuses bookings; length and horizon are enforced', async () => {
  const w = await world(t, { roomRules: { minMinutes: 60, maxMinutes: 120, maxDaysAhead: 30 } })
  const date = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
  await w.call('PATCH', `/spaces/locations/${w.locationId}`, { closures: [{ from: date, to: date, reason: 'Holiday' }] })
  assert.equal((await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${date}`)).json().slots.length, 0)
  const personId = await w.person()
  const closed = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: `${date}T12:00:00Z`, endsAt: `${date}T13:00:00Z` })
  assert.equal(closed.statusCode, 422)
  const next = new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10)
  const short = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: `${next}T12:00:00Z`, endsAt: `${next}T12:30:00Z` })
  assert.equal(short.statusCode, 422)
  const long = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: `${next}T12:00:00Z`, endsAt: `${next}T15:00:00Z` })
  assert.equal(long.statusCode, 422)
  const far = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10)
  assert.equal((await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: `${far}T12:00:00Z`, endsAt: `${far}T13:00:00Z` })).statusCode, 422)
  assert.equal((await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${far}`)).json().slots.length, 0, 'the finder keeps to the horizon')
  assert.equal((await w.call('GET', `/bookings/availability?resourceId=${w.roomId}&from=${next}&slotMinutes=30`)).json().slots.length, 0, 'slot shorter than the minimum')
  const ok = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt: `${next}T12:00:00Z`, endsAt: `${next}T14:00:00Z` })
  assert.equal(ok.statusCode, 201, ok.body)
  const byKind = (await w.call('GET', `/bookings/availability?locationId=${w.locationId}&kind=meeting_room&from=${next}&slotMinutes=60`)).json()
  assert.ok(byKind.slots.every((s: { resourceId: string }) => s.resourceId === w.roomId))
  assert.ok(!byKind.slots.some((s: { startsAt: string }) => s.startsAt === `${next}T12:00:00.000Z` || s.startsAt === `${next}T13:00:00.000Z`), 'booked hours are not offered')
})
