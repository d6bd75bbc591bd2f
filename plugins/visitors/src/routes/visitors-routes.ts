/**
 * The visitors routes, under `/api/v1/visitors`: the front desk's day list (`GET /visitors`), a member's own guests
 * (`GET /visitors/mine`), the host picker (`GET /visitors/hosts`), one visitor, pre-registration (`POST /visitors`), and
 * the moves check-in, check-out and cancel. Every schema is bounded; lists are paginated; a visit that is not the
 * caller's to see is a 404, a move from the wrong state a 409 saying what already happened.
 */
import { emptyBody, idParams, problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import {
  checkInBody, hostListSchema, hostQuery, myVisitorsQuery, registerVisitorBody, visitorListQuery, visitorPageSchema, visitorSchema,
  visitorsPermissions,
} from '../contract/index.ts'
import { mayActOn } from '../domain/host.ts'
import { registerVisit } from '../domain/register-visit.ts'
import { cancelVisit, checkIn, checkOut } from '../domain/visit-transitions.ts'
import { dayOf } from '../domain/visitors-directory.ts'
import type { VisitorsContext } from '../domain/visitors-config.ts'
import { orm } from '../store/entities.ts'
import { findVisit, listDay, listHosted, toVisitor } from '../store/visitors-store.ts'


export function visitorsRoutes(app: PluginApp, ctx: VisitorsContext): void {
  app.get('/visitors', {
    config: { permission: visitorsPermissions.read },
    schema: { querystring: visitorListQuery, response: { 200: visitorPageSchema } },
  }, async (req) => {
    const { date, status, hostUserId, q, limit, offset } = req.query
    const { items, total } = await listDay(await orm.em(ctx), { ...dayOf(ctx, date), status, hostUserId, q, limit, offset })
    return { items: items.map(toVisitor), total, limit, offset }
  })

  app.get('/visitors/mine', {
    config: { permission: visitorsPermissions.register },
    schema: { querystring: myVisitorsQuery, response: { 200: visitorPageSchema } },
  }, async (req) => {
    const actor = ctx.actor()
    const { limit, offset } = req.query
    if (actor.type !== 'user') return { items: [], total: 0, limit, offset }
    const { items, total } = await listHosted(await orm.em(ctx), actor.id, dayOf(ctx, req.query.from).range.start, limit, offset)
    return { items: items.map(toVisitor), total, limit, offset }
  })

  app.get('/visitors/hosts', {
    config: { permission: visitorsPermissions.manage },
    schema: { querystring: hostQuery, response: { 200: hostListSchema } },
  }, async (req) => ({ items: await ctx.identity.find({ query: req.query.q, limit: req.query.limit }) }))

  app.get('/visitors/:id', {
    config: { permission: visitorsPermissions.register },
    schema: { params: idParams, response: { 200: visitorSchema } },
  }, async (req) => {
    const row = await findVisit(await orm.em(ctx), req.params.id)
    if (!row || !mayActOn(ctx, row, visitorsPermissions.read)) throw problem.notFound('No such visitor.')
    return toVisitor(row)
  })

  app.post('/visitors', {
    config: { permission: visitorsPermissions.register, audit: 'visitor.register' },
    schema: { body: registerVisitorBody, response: { 201: visitorSchema } },
  }, async (req, reply) => {
    const visitor = await registerVisit(ctx, req.body)
    reply.code(201)
    return visitor
  })

  app.post('/visitors/:id/check-in', {
    config: { permission: visitorsPermissions.manage },
    schema: { params: idParams, body: checkInBody, response: { 200: visitorSchema } },
  }, async (req) => checkIn(ctx, req.params.id, req.body))

  app.post('/visitors/:id/check-out', {
    config: { permission: visitorsPermissions.manage },
    schema: { params: idParams, body: emptyBody, response: { 200: visitorSchema } },
  }, async (req) => checkOut(ctx, req.params.id))

  app.post('/visitors/:id/cancel', {
    config: { permission: visitorsPermissions.register },
    schema: { params: idParams, body: emptyBody, response: { 200: visitorSchema } },
  }, async (req) => cancelVisit(ctx, req.params.id))
}
