/**
 * Extension points: the owning plugin offers a typed point and reads what running plugins registered on it (with the
 * registering plugin's id); a registration needs the owner in `dependsOn` and a point the owner offers — otherwise the
 * registering plugin fails at boot with a reason — and a plugin cannot read a point it does not own.
 */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { definePlugin, defineExtensionPoint, extend } from '@tessera/sdk'
import { createTestKernel } from '../src/testing/index.ts'

/** The owner's contract: what a payment gateway implements. */
interface PaymentGateway {
  name: string
  charge(amountMinor: number): Promise<{ reference: string }>
}
const paymentGateway = defineExtensionPoint<PaymentGateway>({ plugin: 'pay', id: 'payment-gateway' })
const unknownPoint = defineExtensionPoint<PaymentGateway>({ plugin: 'pay', id: 'refund-policy' })

const chargeBody = {
  type: 'object', additionalProperties: false, required: ['gateway', 'amount'],
  properties: { gateway: { type: 'string', maxLength: 40 }, amount: { type: 'integer', minimum: 1, maximum: 1_000_000 } },
} as const

const pay = definePlugin({
  id: 'pay', version: '1.0.0', kernel: '^1.0.0',
  permissions: { 'pay.manage': { description: 'take payments', roles: ['admin'] } },
  extensionPoints: [paymentGateway],
  routes(app, ctx) {
    app.get('/gateways', { config: { permission: 'pay.manage' }, schema: { response: { 200: { type: 'array', items: { type: 'object', properties: { plugin: { type: 'string' }, name: { type: 'string' } } } } } } }, async () =>
      ctx.extensions.get(paymentGateway).map((e) => ({ plugin: e.plugin, name: e.value.name })))
    app.post('/charges', { config: { permission: 'pay.manage' }, schema: { body: chargeBody, response: { 201: { type: 'object', properties: { reference: { type: 'string' } } } } } }, async (req, reply) => {
      const gateway = ctx.extensions.get(paymentGateway).find((e) => e.plugin === req.body.gateway)
      if (!gateway) return reply.code(201).send({ reference: 'none' })
      return reply.code(201).send(await gateway.value.charge(req.body.amount))
    })
  },
})

const fakePay = definePlugin({
  id: 'fake-pay', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { pay: '^1.0.0' },
  extensions: [extend(paymentGateway, (ctx) => ({ name: 'Fake gateway', charge: async (amount: number) => ({ reference: `${ctx.id}-${amount}` }) }))],
})

const rogue = definePlugin({
  id: 'rogue', version: '1.0.0', kernel: '^1.0.0',
  extensions: [extend(paymentGateway, () => ({ name: 'Rogue', charge: async () => ({ reference: 'stolen' }) }))],
})

const wrongPoint = definePlugin({
  id: 'wrong-point', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { pay: '^1.0.0' },
  extensions: [extend(unknownPoint, () => ({ name: 'x', charge: async () => ({ reference: 'x' }) }))],
})

const reader = definePlugin({
  id: 'reader', version: '1.0.0', kernel: '^1.0.0',
  dependsOn: { pay: '^1.0.0' },
  permissions: { 'reader.read': { description: 'read', roles: ['admin'] } },
  routes(app, ctx) {
    app.get('/peek', { config: { permission: 'reader.read' }, schema: { response: { 200: { type: 'object', properties: { error: { type: 'string' } } } } } }, async () => {
      try {
        ctx.extensions.get(paymentGateway)
        return { error: '' }
      } catch (err) {
        return { error: (err as Error).message }
      }
    })
  },
})

test('a registered extension reaches the owner typed and with its plugin id; registrations without the owner in dependsOn or on an unknown point fail at boot', async () => {
  const t = await createTestKernel({ workers: false, plugins: [pay, fakePay, rogue, wrongPoint, reader] })
  try {
    const registry = t.kernel.services.registry
    assert.equal(registry.get('fake-pay')?.state, 'active')
    assert.equal(registry.get('rogue')?.state, 'failed')
    assert.match(registry.get('rogue')!.reason!, /registers an extension on "pay\.payment-gateway" but does not declare "pay" in dependsOn/)
    assert.equal(registry.get('wrong-point')?.state, 'failed')
    assert.match(registry.get('wrong-point')!.reason!, /registers an extension on "pay\.refund-policy", which pay 1\.0\.0 does not offer/)

    const tenant = await t.createTenant()
    for (const id of ['pay', 'fake-pay', 'reader']) await t.enable(tenant.id, id)
    const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'admin' })
    const list = await t.request({ method: 'GET', url: '/api/v1/pay/gateways', session: cookie })
    assert.deepEqual(list.json(), [{ plugin: 'fake-pay', name: 'Fake gateway' }])
    const charge = await t.request({ method: 'POST', url: '/api/v1/pay/charges', session: cookie, payload: { gateway: 'fake-pay', amount: 1250 } })
    assert.equal(charge.statusCode, 201, charge.body)
    assert.deepEqual(charge.json(), { reference: 'fake-pay-1250' })
    const peek = await t.request({ method: 'GET', url: '/api/v1/reader/peek', session: cookie })
    assert.equal(peek.json().error, 'plugin "reader" does not offer the extension point "pay.payment-gateway"')
  } finally {
    await t.close()
  }
})
