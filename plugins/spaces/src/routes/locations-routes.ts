/**
 * Location routes: list (search, active filter, pagination), read, create, update, delete (refused while resources
 * exist). Timezone, opening hours and closures are checked beyond JSON Schema. Changes publish `spaces.location.*`.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, pageOf } from '@tessera/sdk'
import { locationSchema, createLocationBody, updateLocationBody, locationQuery } from '../schemas/location-schemas.ts'
import { getLocation, searchLocations, insertLocation, updateLocation } from '../store/location-store.ts'
import type { LocationFields } from '../store/location-store.ts'
import { locationProblems } from '../validation/location-rules.ts'

type Params = { id: string }

/** Registers `/locations` routes. */
export function locationsRoutes(app: FastifyInstance, ctx: PluginContext): void {
  const load = async (id: string) => {
    const l = await getLocation(ctx.db, id)
    if (!l) throw problem.notFound('No such location.')
    return l
  }
  const check = (f: LocationFields) => {
    const errors = locationProblems(f)
    if (errors.length) throw problem.badRequest('The location is invalid.', errors)
  }

  app.get('/locations', {
    config: { permission: 'spaces.read' },
    schema: { querystring: locationQuery, response: { 200: pageOf(locationSchema) } },
  }, async (req) => {
    const q = req.query as { q?: string; active?: boolean; limit: number; offset: number }
    return { ...(await searchLocations(ctx.db, q)), limit: q.limit, offset: q.offset }
  })

  app.get('/locations/:id', {
    config: { permission: 'spaces.read' },
    schema: { params: idParams, response: { 200: locationSchema } },
  }, async (req) => load((req.params as Params).id))

  app.post('/locations', {
    config: { permission: 'spaces.write' },
    schema: { body: createLocationBody, response: { 201: locationSchema } },
  }, async (req, reply) => {
    const fields = req.body as LocationFields
    check(fields)
    const id = await insertLocation(ctx.db, fields)
    await ctx.events.publish('spaces.location.created', { id })
    reply.code(201)
    return load(id)
  })

  app.patch('/locations/:id', {
    config: { permission: 'spaces.write' },
    schema: { params: idParams, body: updateLocationBody, response: { 200: locationSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const fields = req.body as LocationFields
    check(fields)
    if (!(await updateLocation(ctx.db, id, fields))) throw problem.notFound('No such location.')
    await ctx.events.publish('spaces.location.updated', { id, fields: Object.keys(fields) })
    return load(id)
  })

  app.delete('/locations/:id', {
    config: { permission: 'spaces.write' },
    schema: { params: idParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const { id } = req.params as Params
    const l = await load(id)
    if (l.resourceCount > 0) throw problem.conflict(`The location still has ${l.resourceCount} resources; deactivate it instead.`)
    await ctx.db.query('DELETE FROM spaces.locations WHERE id = $1', [id])
    await ctx.events.publish('spaces.location.deleted', { id })
    reply.code(204)
    return null
  })
}
