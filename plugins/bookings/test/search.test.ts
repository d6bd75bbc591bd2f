/**
 * The top-bar search over bookings (`src/search/bookings-search.ts`) through the kernel's `GET /api/v1/search`: by
 * title, typo-tolerant, exact first; the resource's name and the local start in the subtitle; the href opens the
 * calendar on the booking's local day; never another tenant's booking; `bookings.read` needed (a member gets none).
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { TestKernel } from '@tessera/sdk/testing'
import { boot, world } from './helpers.ts'

let t: TestKernel
before(async () => { t = await boot() })
after(() => t.close())

interface Answer { groups: { kind: string; label: string; plugin: { name: string }; results: { id: string; title: string; href: string; subtitle?: string; rank: number }[] }[] }

const bookingsOf = (a: Answer) => a.groups.find((g) => g.kind === 'booking')?.results ?? []

test('bookings by title: typo-tolerant, exact first, subtitle and href in the location\'s time; never another tenant\'s; bookings.read needed', async () => {
  // Bogotá (UTC−5 all year): 02:30 UTC is still the day before there, so the href's date is the local one
  const a = await world(t, { timezone: 'America/Bogota' })
  const day = (n: number) => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + n)).toISOString().slice(0, 10)
  const at = (n: number, time: string) => `${day(n)}T${time}:00Z`
  const b = await world(t)
  const book = async (w: typeof a, title: string, startsAt: string, endsAt: string) => {
    const personId = await w.person()
    const res = await w.call('POST', '/bookings/bookings', { resourceId: w.roomId, personId, startsAt, endsAt, title })
    assert.equal(res.statusCode, 201, res.body)
    return res.json().id as string
  }
  const review = await book(a, 'Quarterly board review', at(10, '02:30'), at(10, '03:30'))
  await book(a, 'Board', at(11, '15:00'), at(11, '16:00'))
  await book(a, 'Yoga class', at(12, '15:00'), at(12, '16:00'))
  await book(b, 'Quarterly board review', at(10, '10:00'), at(10, '11:00'))
  await book(b, 'Quartrly bord reviw', at(10, '12:00'), at(10, '13:00'))

  const search = async (q: string, session = a.staff) => {
    const res = await t.request({ method: 'GET', url: `/api/v1/search?q=${encodeURIComponent(q)}`, session })
    assert.equal(res.statusCode, 200, res.body)
    return res.json() as Answer
  }

  const typo = await search('quartely board reveiw')
  assert.deepEqual(bookingsOf(typo).map((r) => r.id), [review], 'typo-tolerant, and tenant B\'s two are not there')
  const group = typo.groups.find((g) => g.kind === 'booking')!
  assert.equal(group.label, 'Bookings')
  assert.equal(group.plugin.name, 'Bookings')
  const hit = bookingsOf(typo)[0]!
  assert.equal(hit.title, 'Quarterly board review')
  assert.equal(hit.subtitle, `Room A · ${day(9)} 21:30`, 'resource name and Bogotá wall time')
  assert.equal(hit.href, `/bookings?location=${a.locationId}&date=${day(9)}&view=day`)

  const exact = await search('board')
  assert.deepEqual(bookingsOf(exact).map((r) => r.title), ['Board', 'Quarterly board review'], 'the exact title first')
  assert.equal(bookingsOf(exact)[0]!.rank, 1)
  assert.ok(bookingsOf(exact)[1]!.rank < 1)
  assert.deepEqual(bookingsOf(await search('yoga')).map((r) => r.title), ['Yoga class'])
  assert.deepEqual(bookingsOf(await search('Room A')), [], 'the resource name lives in spaces: not searched')

  // tenant B sees its own two, never tenant A's
  const theirs = bookingsOf(await search('quarterly board review', b.staff))
  assert.equal(theirs.length, 2)
  assert.ok(!theirs.some((r) => r.id === review))

  // a member (bookings.book, not bookings.read) gets no bookings
  const member = await a.member('Mia Member')
  assert.deepEqual(bookingsOf(await search('board', member.cookie)), [])
})
