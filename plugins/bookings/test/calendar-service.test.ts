/**
 * `bookings.calendar` (the contract's `bookingsCalendar` ref): a plugin that depends on bookings and consumes the ref
 * reads a person's bookings and the bookings of a window, in wire form, only from its own tenant.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import { definePlugin } from '@tessera/sdk'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import { bookingsCalendar, bookingSchema, BOOKING_UI_FIELDS } from '@tessera/plugin-bookings/contract'
import bookings from '../src/index.ts'
import { world, hoursFromNow } from './helpers.ts'

const list = { type: 'array', items: bookingSchema } as const

const frontDesk = definePlugin({
  id: 'front-desk', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { bookings: '^1.0.0' },
  consumes: [bookingsCalendar],
  permissions: { 'front-desk.read': { description: 'Read the desk', roles: ['admin', 'manager'] } },
  routes(app, ctx) {
    app.get('/person/:id', {
      config: { permission: 'front-desk.read' },
      schema: { params: { type: 'object', additionalProperties: false, required: ['id'], properties: { id: { type: 'string', format: 'uuid', maxLength: 36 } } }, response: { 200: list } },
    }, async (req) => ctx.services.get(bookingsCalendar).bookingsOfPerson(req.params.id))
    app.get('/window', {
      config: { permission: 'front-desk.read' },
      schema: {
        querystring: { type: 'object', additionalProperties: false, required: ['from', 'to'], properties: { from: { type: 'string', format: 'date-time', maxLength: 35 }, to: { type: 'string', format: 'date-time', maxLength: 35 } } },
        response: { 200: list },
      },
    }, async (req) => ctx.services.get(bookingsCalendar).bookingsInWindow({ from: req.query.from, to: req.query.to }))
  },
})

let t: TestKernel

before(async () => { t = await createTestKernel({ plugins: [members, spaces, bookings, frontDesk], workers: false }) })
after(() => t.close())

test('another plugin reads a person\'s bookings and a window of bookings through bookings.calendar, its tenant only', async () => {
  const w = await world(t)
  await t.enable(w.tenantId, 'front-desk')
  const other = await world(t)
  await t.enable(other.tenantId, 'front-desk')
  const anna = await w.member('Anna')
  const ben = await w.member('Ben')
  const book = (cookie: string, resourceId: string, h: number) =>
    w.call('POST', '/bookings/bookings', { resourceId, startsAt: hoursFromNow(h).toISOString(), endsAt: hoursFromNow(h + 1).toISOString() }, cookie)
  const a1 = (await book(anna.cookie, w.roomId, 2)).json()
  const a2 = (await book(anna.cookie, w.desksId, 30)).json()
  const b1 = (await book(ben.cookie, w.roomId, 5)).json()

  const annas = await w.call('GET', `/front-desk/person/${anna.personId}`)
  assert.equal(annas.statusCode, 200)
  assert.deepEqual(annas.json().map((b: { id: string }) => b.id), [a1.id, a2.id])
  assert.equal(annas.json()[0].startsAt, a1.startsAt)

  const window = await w.call('GET', `/front-desk/window?from=${encodeURIComponent(hoursFromNow(0).toISOString())}&to=${encodeURIComponent(hoursFromNow(10).toISOString())}`)
  assert.deepEqual(window.json().map((b: { id: string }) => b.id), [a1.id, b1.id])

  const elsewhere = await other.call('GET', `/front-desk/person/${anna.personId}`)
  assert.deepEqual(elsewhere.json(), [])
  assert.deepEqual([...BOOKING_UI_FIELDS].sort(), ['endsAt', 'id', 'locationId', 'resourceId', 'seat', 'startsAt', 'status'])
})
