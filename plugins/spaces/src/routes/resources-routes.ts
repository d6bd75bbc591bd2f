/**
 * Resource routes: list (by location, kind, active, name; paginated), read, create, update. Resources are not
 * deleted — bookings and invoices keep referring to them — but deactivated (`active: false`). Rules are completed
 * and checked, prices checked for chargeability (`domain/`). Changes publish `spaces.resource.*`. Schemas and types
 * come from the contract.
 */
import { problem, idParams } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { resourceSchema, resourcePageSchema, createResourceBody, updateResourceBody, resourceQuery, RESOURCE_EDITABLE_FIELDS } from '../contract/resource-schemas.ts'
import type { BookingRules, Prices } from '../contract/resource-schemas.ts'
import { resourceCreated, resourceUpdated } from '../contract/spaces-events.ts'
import { spacesPermissions } from '../contract/spaces-permissions.ts'
import { getResource, searchResources, insertResource, updateResource } from '../store/resource-store.ts'
import { getLocation } from '../store/location-store.ts'
import { completeRules, rulesProblems } from '../domain/resource-rules.ts'
import { pricesProblems } from '../domain/price-rules.ts'

/** Registers `/resources` routes. */
export function resourcesRoutes(app: PluginApp, ctx: PluginContext): void {
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
  const priced = (prices: Prices | undefined) => {
    const errors = pricesProblems(prices)
    if (errors.length) throw problem.unprocessable('Bookings of this resource could not be charged with these prices.', errors)
  }

  app.get('/resources', {
    config: { permission: spacesPermissions.read },
    schema: { querystring: resourceQuery, response: { 200: resourcePageSchema } },
  }, async (req) => ({ ...(await searchResources(ctx.db, req.query)), limit: req.query.limit, offset: req.query.offset }))

  app.get('/resources/:id', {
    config: { permission: spacesPermissions.read },
    schema: { params: idParams, response: { 200: resourceSchema } },
  }, async (req) => load(req.params.id))

  app.post('/resources', {
    config: { permission: spacesPermissions.write },
    schema: { body: createResourceBody, response: { 201: resourceSchema } },
  }, async (req, reply) => {
    const body = req.body
    priced(body.prices)
    if (!(await getLocation(ctx.db, body.locationId))) {
      throw problem.unprocessable('The location does not exist.', [{ pointer: '/body/locationId', detail: 'no such location' }])
    }
    const id = await insertResource(ctx.db, { ...body, rules: rules(body.rules) })
    await ctx.events.publish(resourceCreated, { id, locationId: body.locationId })
    return reply.code(201).send(await load(id))
  })

  app.patch('/resources/:id', {
    config: { permission: spacesPermissions.write },
    schema: { params: idParams, body: updateResourceBody, response: { 200: resourceSchema } },
  }, async (req) => {
    const { id } = req.params
    const before = await load(id)
    const body = req.body
    priced(body.prices)
    await updateResource(ctx.db, id, { ...body, rules: body.rules ? rules(body.rules, before.rules) : undefined })
    await ctx.events.publish(resourceUpdated, { id, locationId: before.locationId, fields: RESOURCE_EDITABLE_FIELDS.filter((k) => k in body) })
    return load(id)
  })
}
