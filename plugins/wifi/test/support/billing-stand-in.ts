/**
 * A stand-in for billing in tests that need membership events on demand (suspension, which real billing reaches only
 * through dunning): a plugin with billing's id that declares billing's membership event contracts and publishes
 * them from `POST /billing/test-publish`, so the Wi-Fi plugin receives exactly what real billing would send.
 */
import { definePlugin } from '@tessera/sdk'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'

const contracts = { membershipCreated, membershipEnded, membershipSuspended, membershipReactivated } as const

export default definePlugin({
  id: 'billing',
  version: '1.0.0',
  kernel: '^1.0.0',
  name: 'Billing stand-in',
  permissions: { 'billing.read': { description: 'See the events', roles: ['admin', 'manager'] }, 'billing.test': { description: 'Publish membership events', roles: ['admin'] } },
  events: [membershipCreated, membershipEnded, membershipSuspended, membershipReactivated],
  routes(app, ctx) {
    app.post('/test-publish', {
      config: { permission: 'billing.test' },
      schema: {
        body: {
          type: 'object', additionalProperties: false, required: ['event', 'payload'],
          properties: {
            event: { type: 'string', enum: Object.keys(contracts) as (keyof typeof contracts)[] },
            payload: { type: 'object', maxProperties: 10, additionalProperties: { type: 'string', maxLength: 100 } },
          },
        },
        response: { 204: { type: 'null' } },
      },
    }, async (req, reply) => {
      const { event, payload } = req.body
      await ctx.events.publish(contracts[event] as never, payload as never)
      reply.code(204)
    })
  },
})
