/**
 * The `access.credentials` service through its contract: a consumer plugin (as PaperCut will be) declares the ref in
 * `consumes` and reads a person's door card numbers — the newest active card, all active ones, nothing revoked, and
 * never a PIN; tenant-scoped like every service call.
 */
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, idParams } from '@tessera/sdk'
import { accessCredentials } from '../src/contract/index.ts'
import { boot, world } from './helpers.ts'
import type { World } from './helpers.ts'

const reader = definePlugin({
  id: 'card-reader', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { access: '^1.0.0' },
  consumes: [accessCredentials],
  permissions: { 'card-reader.read': { description: 'Read card numbers', roles: ['manager'] } },
  routes(app, ctx) {
    app.get('/cards/:id', {
      config: { permission: 'card-reader.read' },
      schema: {
        params: idParams,
        response: { 200: { type: 'object', additionalProperties: false, required: ['all'], properties: { newest: { type: 'string' }, all: { type: 'array', items: { type: 'string' } } } } },
      },
    }, async (req) => {
      const cards = ctx.services.get(accessCredentials)
      const newest = await cards.cardNumber(req.params.id)
      return { ...(newest ? { newest } : {}), all: await cards.cardNumbers(req.params.id) }
    })
  },
})

let t: Awaited<ReturnType<typeof boot>>
let w: World
let other: World
before(async () => {
  t = await boot({ workers: false, extra: [reader] })
  w = await world(t)
  other = await world(t)
  for (const x of [w, other]) await t.enable(x.tenantId, 'card-reader')
})
after(() => t?.close())

test('another plugin reads a person\'s active card numbers through access.credentials (newest first choice, no PINs, no revoked cards, own tenant only)', async () => {
  const person = (await w.ok(w.call('POST', '/members/people', { name: 'Printer user' }))).id
  const read = async (x: World, id: string) => (await x.ok(x.call('GET', `/card-reader/cards/${id}`)))
  assert.deepEqual(await read(w, person), { all: [] })
  await w.ok(w.call('POST', '/access/credentials', { personId: person, type: 'pin', value: '482913' }))
  const first = await w.ok(w.call('POST', '/access/credentials', { personId: person, type: 'card', value: '04a1b2c3' }))
  await w.ok(w.call('POST', '/access/credentials', { personId: person, type: 'card', value: '04D4E5F6' }))
  assert.deepEqual(await read(w, person), { newest: '04D4E5F6', all: ['04A1B2C3', '04D4E5F6'] }, 'normalised, oldest first, no PIN')
  await w.ok(w.call('POST', `/access/credentials/${first.id}/revoke`, {}))
  assert.deepEqual(await read(w, person), { newest: '04D4E5F6', all: ['04D4E5F6'] }, 'a revoked card is gone')
  assert.deepEqual(await read(other, person), { all: [] }, 'another tenant sees none of them')
})
