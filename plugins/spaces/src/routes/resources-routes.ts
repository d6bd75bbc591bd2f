/**
 * Resource routes: list (by location, kind, active, name; paginated), read, create, update. Resources are not
 * deleted — bookings and invoices keep referring to them — but deactivated (`active: false`). Changes publish
 * `spaces.resource.*`.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, pageOf } from '@tessera/sdk'
import { resourceSchema, createResourceBody, updateResourceBody, resourceQuery } from '../schemas/resource-schemas.ts'
import { getResource, searchResources, insertResource, updateResource } from '../store/resource-store.ts'
import type { ResourceFields, ResourceSearch } from '../store/resource-store.ts'
import { getLocation } from '../store/location-store.ts'
import { completeRules, rulesProblems } from '../validation/resource-rules.ts'
import { pricesProblems } from '../validation/price-rules.ts'
import type { Prices } from '../validation/price-rules.ts'
import type { BookingRules } from '../validation/resource-rules.ts'

type Params = { id: string }
type Body = Omit<ResourceFields, 'rules'> & { rules?: Partial<BookingRules> }

/** Registers `/resources` routes. */
export function resourcesRoutes(app: FastifyInstance, ctx: PluginContext): void {
  const load = async (id: string) => {
    const r = await getResource(ctx.db, id)
    if (!r) throw problem.notFound('No such resource.')
    return r
  }
  const rules = (input: Partial<BookingRules> | undefined, previous?: BookingRules) => {
    const complete = completeRules(input, previous)
    const errors = rulesProblems(complete)
    if (errors.length) throw problem.badRequest('The booking rules are invalid.', errors)
    return complete
  }
  const priced = (body: Body) => {
    const errors = pricesProblems(body.prices as Prices | undefined)
    if (errors.length) throw problem.unprocessable('Bookings of this resource could not be charged with these prices.', errors)
  }

  app.get('/resources', {
    config: { permission: 'spaces.read' },
    schema: { querystring: resourceQuery, response: { 200: pageOf(resourceSchema) } },
  }, async (req) => {
    const q = req.query as ResourceSearch
    return { ...(await searchResources(ctx.db, q)), limit: q.limit, offset: q.offset }
  })

  app.get('/resources/:id', {
    config: { permission: 'spaces.read' },
    schema: { params: idParams, response: { 200: resourceSchema } },
  }, async (req) => load((req.params as Params).id))

  app.post('/resources', {
    config: { permission: 'spaces.write' },
    schema: { body: createResourceBody, response: { 201: resourceSchema } },
  }, async (req, reply) => {
    const body = req.body as Body
    priced(body)
    if (!(await getLocation(ctx.db, body.locationId!))) {
      throw problem.unprocessable('The location does not exist.', [{ pointer: '/body/locationId', detail: 'no such location' }])
    }
    const id = await insertResource(ctx.db, { ...body, rules: rules(body.rules) })
    await ctx.events.publish('spaces.resource.created', { id, locationId: body.locationId })
    reply.code(201)
    return load(id)
  })

  app.patch('/resources/:id', {
    config: { permission: 'spaces.write' },
    schema: { params: idParams, body: updateResourceBody, response: { 200: resourceSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const before = await load(id)
    const body = req.body as Body
    priced(body)
    await updateResource(ctx.db, id, { ...body, rules: body.rules ? rules(body.rules, before.rules) : undefined })
    await ctx.events.publish('spaces.resource.updated', { id, locationId: before.locationId, fields: Object.keys(body) })
    return load(id)
  })
}
