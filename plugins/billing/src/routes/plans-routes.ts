/** Plans and memberships (staff): list, create, change plans; create, end, change plan of memberships. */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { PLAN_COLS, MEMBERSHIP_COLS, createMembership, endMembership, changePlan, getMembership } from '../domain/memberships.ts'
import { requirePayer } from '../domain/payer-check.ts'
import { withPayerNames } from './invoices-routes.ts'
import { settings } from '../domain/billing-config.ts'
import { plan, planInput, membership, idParams, uuid, date, payerType } from '../contract/route-schemas.ts'

/** Registers plan and membership routes. */
export function plansRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/settings', {
    config: { permission: 'billing.self' },
    schema: { response: { 200: { type: 'object', properties: { currency: { type: 'string' }, pricesIncludeTax: { type: 'boolean' }, paymentTermsDays: { type: 'integer' }, creditRefundWindowHours: { type: 'number' } } } } },
  }, async () => {
    const s = settings(ctx)
    return { currency: s.currency, pricesIncludeTax: s.pricesIncludeTax, paymentTermsDays: s.paymentTermsDays, creditRefundWindowHours: s.creditRefundWindowHours }
  })

  app.get('/plans', {
    config: { permission: 'billing.read' },
    schema: { response: { 200: { type: 'array', items: plan } } },
  }, async () => ctx.db.many(`SELECT ${PLAN_COLS} FROM billing.plans ORDER BY monthly_price, code`))

  app.post('/plans', {
    config: { permission: 'billing.manage' },
    schema: { body: planInput, response: { 201: plan } },
  }, async (req, reply) => {
    const b = req.body as Record<string, any>
    const row = await ctx.db.one(
      `INSERT INTO billing.plans (code, name, monthly_price, included_credits, tax_rate_bp, features, active) VALUES ($1, $2, $3, $4, $5, $6, $7)
       RETURNING ${PLAN_COLS}`,
      [b.code, b.name, b.monthlyPrice, b.includedCredits ?? 0, b.taxRateBp ?? 0, JSON.stringify(b.features ?? {}), b.active ?? true])
    reply.code(201)
    return row
  })

  app.patch('/plans/:id', {
    config: { permission: 'billing.manage' },
    schema: { params: idParams, body: { ...planInput, required: [] }, response: { 200: plan } },
  }, async (req) => {
    const b = req.body as Record<string, any>
    const row = await ctx.db.one(
      `UPDATE billing.plans SET name = coalesce($2, name), monthly_price = coalesce($3, monthly_price), included_credits = coalesce($4, included_credits),
         tax_rate_bp = coalesce($5, tax_rate_bp), features = coalesce($6, features), active = coalesce($7, active)
       WHERE id = $1 RETURNING ${PLAN_COLS}`,
      [(req.params as { id: string }).id, b.name ?? null, b.monthlyPrice ?? null, b.includedCredits ?? null, b.taxRateBp ?? null,
        b.features ? JSON.stringify(b.features) : null, b.active ?? null])
    if (!row) throw problem.notFound('No such plan.')
    return row
  })

  app.get('/memberships', {
    config: { permission: 'billing.read' },
    schema: {
      querystring: { type: 'object', additionalProperties: false, properties: { payerType, payerId: uuid, planId: uuid } },
      response: { 200: { type: 'array', items: membership } },
    },
  }, async (req) => {
    const q = req.query as { payerType?: string; payerId?: string; planId?: string }
    return withPayerNames(ctx, await ctx.db.many<{ payerType: string; payerId: string }>(
      `SELECT ${MEMBERSHIP_COLS} FROM billing.memberships WHERE ($1::text IS NULL OR payer_type = $1) AND ($2::uuid IS NULL OR payer_id = $2)
       AND ($3::uuid IS NULL OR plan_id = $3) ORDER BY starts_on DESC, created_at DESC LIMIT 500`, [q.payerType ?? null, q.payerId ?? null, q.planId ?? null]))
  })

  app.post('/memberships', {
    config: { permission: 'billing.manage' },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['payerType', 'payerId', 'planId', 'startsOn'],
        properties: { payerType, payerId: uuid, planId: uuid, startsOn: date, endsOn: { ...date, nullable: true } },
      },
      response: { 201: membership },
    },
  }, async (req, reply) => {
    const b = req.body as { payerType: 'person' | 'organisation'; payerId: string; planId: string; startsOn: string; endsOn?: string | null }
    await requirePayer(ctx, b)
    if (b.endsOn && b.endsOn < b.startsOn) throw problem.unprocessable('The end lies before the start.')
    reply.code(201)
    return createMembership(ctx, b)
  })

  app.get('/memberships/:id', {
    config: { permission: 'billing.read' },
    schema: { params: idParams, response: { 200: membership } },
  }, async (req) => (await getMembership(ctx, (req.params as { id: string }).id)) ?? Promise.reject(problem.notFound('No such membership.')))

  app.post('/memberships/:id/end', {
    config: { permission: 'billing.manage' },
    schema: { params: idParams, body: { type: 'object', additionalProperties: false, required: ['endsOn'], properties: { endsOn: date } }, response: { 200: membership } },
  }, async (req) => endMembership(ctx, (req.params as { id: string }).id, (req.body as { endsOn: string }).endsOn))

  app.post('/memberships/:id/reactivate', {
    config: { permission: 'billing.manage' },
    schema: { params: idParams, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 200: membership } },
  }, async (req) => {
    const id = (req.params as { id: string }).id
    const row = await ctx.db.one<{ payer_type: string; payer_id: string }>(`UPDATE billing.memberships SET status = 'active' WHERE id = $1 AND status = 'suspended' RETURNING payer_type, payer_id`, [id])
    if (!row && !(await getMembership(ctx, id))) throw problem.notFound('No such membership.')
    if (row) await ctx.events.publish('billing.membership.reactivated', { id, payerType: row.payer_type, payerId: row.payer_id })
    return getMembership(ctx, id)
  })

  app.post('/memberships/:id/change-plan', {
    config: { permission: 'billing.manage' },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['planId', 'effectiveOn'], properties: { planId: uuid, effectiveOn: date } },
      response: { 201: membership },
    },
  }, async (req, reply) => {
    const b = req.body as { planId: string; effectiveOn: string }
    reply.code(201)
    return changePlan(ctx, (req.params as { id: string }).id, b.planId, b.effectiveOn)
  })
}
