/** Plans and memberships (staff): list, create, change plans; create, end, change plan of memberships. */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import type { BillingContext } from '../domain/billing-config.ts'
import { createMembership, endMembership, changePlan, getMembership } from '../domain/memberships.ts'
import { insertPlan, listMemberships, listPlans, unsuspendMembership, updatePlan } from '../store/plans-store.ts'
import { membershipReactivated } from '../contract/membership-events.ts'
import { billingPermissions } from '../contract/permissions.ts'
import { requirePayer } from '../domain/payer-check.ts'
import { withPayerNames } from '../domain/payer-contact.ts'
import { settings } from '../domain/billing-config.ts'
import { plan, planInput, membership, idParams, uuid, date, payerType } from '../contract/route-schemas.ts'
import { requireLocation } from '../domain/location-check.ts'

/** A plan change: any fields of a plan. */
const planPatch = { ...planInput, required: [] } as const

/** Registers plan and membership routes. */
export function plansRoutes(app: PluginApp, ctx: BillingContext): void {
  const { read, manage, self } = billingPermissions
  app.get('/settings', {
    config: { permission: self },
    schema: { response: { 200: { type: 'object', additionalProperties: false, required: ['currency', 'pricesIncludeTax', 'paymentTermsDays', 'creditRefundWindowHours'], properties: { currency: { type: 'string' }, pricesIncludeTax: { type: 'boolean' }, paymentTermsDays: { type: 'integer' }, creditRefundWindowHours: { type: 'number' } } } } },
  }, async () => {
    const s = settings(ctx)
    return { currency: s.currency, pricesIncludeTax: s.pricesIncludeTax, paymentTermsDays: s.paymentTermsDays, creditRefundWindowHours: s.creditRefundWindowHours }
  })

  app.get('/plans', {
    config: { permission: read },
    schema: { response: { 200: { type: 'array', items: plan } } },
  }, async () => listPlans(ctx))

  app.post('/plans', {
    config: { permission: manage },
    schema: { body: planInput, response: { 201: plan } },
  }, async (req, reply) => {
    await requireLocation(ctx, req.body.locationId, '/body/locationId')
    const row = await insertPlan(ctx, req.body)
    reply.code(201)
    return row
  })

  app.patch('/plans/:id', {
    config: { permission: manage },
    schema: { params: idParams, body: planPatch, response: { 200: plan } },
  }, async (req) => {
    await requireLocation(ctx, req.body.locationId, '/body/locationId')
    const row = await updatePlan(ctx, req.params.id, req.body)
    if (!row) throw problem.notFound('No such plan.')
    return row
  })

  app.get('/memberships', {
    config: { permission: read },
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: { payerType, payerId: uuid, planId: uuid } },
      response: { 200: { type: 'array', items: membership } },
    },
  }, async (req) => {
    return withPayerNames(ctx, await listMemberships(ctx, req.query))
  })

  app.post('/memberships', {
    config: { permission: manage },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['payerType', 'payerId', 'planId', 'startsOn'],
        properties: { payerType, payerId: uuid, planId: uuid, startsOn: date, endsOn: { anyOf: [date, { type: 'null' }] } },
      },
      response: { 201: membership },
    },
  }, async (req, reply) => {
    const b = req.body
    await requirePayer(ctx, b)
    if (b.endsOn && b.endsOn < b.startsOn) throw problem.unprocessable('The end lies before the start.')
    reply.code(201)
    return createMembership(ctx, b)
  })

  app.get('/memberships/:id', {
    config: { permission: read },
    schema: { params: idParams, response: { 200: membership } },
  }, async (req) => (await getMembership(ctx, req.params.id)) ?? Promise.reject(problem.notFound('No such membership.')))

  app.post('/memberships/:id/end', {
    config: { permission: manage },
    schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['endsOn'], properties: { endsOn: date } }, response: { 200: membership } },
  }, async (req) => endMembership(ctx, req.params.id, req.body.endsOn))

  app.post('/memberships/:id/reactivate', {
    config: { permission: manage },
    schema: { params: idParams, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 200: membership } },
  }, async (req) => {
    const id = req.params.id
    const payer = await unsuspendMembership(ctx, id)
    if (payer) await ctx.events.publish(membershipReactivated, { id, ...payer })
    return (await getMembership(ctx, id)) ?? Promise.reject(problem.notFound('No such membership.'))
  })

  app.post('/memberships/:id/change-plan', {
    config: { permission: manage },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['planId', 'effectiveOn'], properties: { planId: uuid, effectiveOn: date } },
      response: { 201: membership },
    },
  }, async (req, reply) => {
    reply.code(201)
    return changePlan(ctx, req.params.id, req.body.planId, req.body.effectiveOn)
  })
}
