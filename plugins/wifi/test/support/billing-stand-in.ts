/**
 * A stand-in for billing in tests that need membership events on demand (suspension, which real billing reaches only
 * through dunning): a plugin with billing's id that declares billing's membership event contracts and publishes
 * them from `POST /billing/test-publish`, so the Wi-Fi plugin receives exactly what real billing would send. It also
 * provides billing's `billing.plans` service for the plans a test describes with `POST /billing/test-plan`
 * (`{ planId, features }`; unknown plans have no features), as real billing's `getPlan` would answer.
 */
import { definePlugin, provide } from '@tessera/sdk'
import { billingPlans, membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'
import type { Plan } from '@tessera/plugin-billing/contract'

const contracts = { membershipCreated, membershipEnded, membershipSuspended, membershipReactivated } as const
const plans = new Map<string, Record<string, unknown>>()
const plan = (id: string): Plan => ({ id, code: `plan-${id.slice(0, 8)}`, name: 'Test plan', monthlyPrice: 0, includedCredits: 0, taxRateBp: 0, features: plans.get(id) ?? {}, active: true })

export default definePlugin({
  id: 'billing',
  version: '1.0.0',
  kernel: '^1.0.0',
  name: 'Billing stand-in',
  permissions: { 'billing.read': { description: 'See the events', roles: ['admin', 'manager'] }, 'billing.test': { description: 'Publish membership events', roles: ['admin'] } },
  events: [membershipCreated, membershipEnded, membershipSuspended, membershipReactivated],
  services: [provide(billingPlans, () => ({
    async getPlan(id: string) { return plan(id) },
    async activePlans() { return [] },
    async features() { return {} },
  }))],
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
    app.post('/test-plan', {
      config: { permission: 'billing.test' },
      schema: {
        body: {
          type: 'object', additionalProperties: false, required: ['planId', 'features'],
          properties: {
            planId: { type: 'string', format: 'uuid', maxLength: 36 },
            features: { type: 'object', maxProperties: 10, additionalProperties: { type: 'boolean' } },
          },
        },
        response: { 204: { type: 'null' } },
      },
    }, async (req, reply) => {
      plans.set(req.body.planId, req.body.features)
      reply.code(204)
    })
  },
})
