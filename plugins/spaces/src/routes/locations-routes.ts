/**
 * Location routes: list (search, active filter, pagination), read, create, update, delete (refused while resources
 * exist). Timezone, opening hours and closures are checked beyond JSON Schema (`domain/location-rules.ts`). Changes
 * publish `spaces.location.*`. Schemas and types come from the contract.
 */
import { problem, idParams } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { locationSchema, locationPageSchema, createLocationBody, updateLocationBody, locationQuery, LOCATION_EDITABLE_FIELDS } from '../contract/location-schemas.ts'
import type { UpdateLocationBody } from '../contract/location-schemas.ts'
import { locationCreated, locationUpdated, locationDeleted } from '../contract/spaces-events.ts'
import { spacesPermissions } from '../contract/spaces-permissions.ts'
import { getLocation, searchLocations, insertLocation, updateLocation, deleteLocation } from '../store/location-store.ts'
import { locationProblems } from '../domain/location-rules.ts'

/** Registers `/locations` routes. */
export function locationsRoutes(app: PluginApp, ctx: PluginContext): void {
  const load = async (id: string) => {
    const l = await getLocation(ctx.db, id)
    if (!l) throw problem.notFound('No such location.')
    return l
  }
  const check = (f: UpdateLocationBody) => {
    const errors = locationProblems(f)
    if (errors.length) throw problem.badRequest('The location is invalid.', errors)
  }

  app.get('/locations', {
    config: { permission: spacesPermissions.read },
    schema: { querystring: locationQuery, response: { 200: locationPageSchema } },
  }, async (req) => ({ ...(await searchLocations(ctx.db, req.query)), limit: req.query.limit, offset: req.query.offset }))

  app.get('/locations/:id', {
    config: { permission: spacesPermissions.read },
    schema: { params: idParams, response: { 200: locationSchema } },
  }, async (req) => load(req.params.id))

  app.post('/locations', {
    config: { permission: spacesPermissions.write },
    schema: { body: createLocationBody, response: { 201: locationSchema } },
  }, async (req, reply) => {
    check(req.body)
    const id = await insertLocation(ctx.db, req.body)
    await ctx.events.publish(locationCreated, { id })
    return reply.code(201).send(await load(id))
  })

  app.patch('/locations/:id', {
    config: { permission: spacesPermissions.write },
    schema: { params: idParams, body: updateLocationBody, response: { 200: locationSchema } },
  }, async (req) => {
    const { id } = req.params
    check(req.body)
    if (!(await updateLocation(ctx.db, id, req.body))) throw problem.notFound('No such location.')
    await ctx.events.publish(locationUpdated, { id, fields: LOCATION_EDITABLE_FIELDS.filter((k) => k in req.body) })
    return load(id)
  })

  app.delete('/locations/:id', {
    config: { permission: spacesPermissions.write },
    schema: { params: idParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const { id } = req.params
    const l = await load(id)
    if (l.resourceCount > 0) throw problem.conflict(`The location still has ${l.resourceCount} resources; deactivate it instead.`)
    await deleteLocation(ctx.db, id)
    await ctx.events.publish(locationDeleted, { id })
    return reply.code(204).send(null)
  })
}
