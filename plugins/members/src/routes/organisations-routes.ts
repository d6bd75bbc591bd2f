/**
 * Organisation routes: search with pagination, read, create, update, delete (refused while people belong to it).
 * Each change publishes a `members.organisation.*` event.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, pageOf } from '@tessera/sdk'
import { organisationSchema, createOrganisationBody, updateOrganisationBody, organisationQuery } from '../schemas/organisation-schemas.ts'
import { getOrganisation, searchOrganisations, insertOrganisation, updateOrganisation } from '../store/organisation-store.ts'
import type { OrganisationFields } from '../store/organisation-store.ts'

type Params = { id: string }

/** Registers `/organisations` routes. */
export function organisationsRoutes(app: FastifyInstance, ctx: PluginContext): void {
  const load = async (id: string) => {
    const o = await getOrganisation(ctx.db, id)
    if (!o) throw problem.notFound('No such organisation.')
    return o
  }

  app.get('/organisations', {
    config: { permission: 'members.read' },
    schema: { querystring: organisationQuery, response: { 200: pageOf(organisationSchema) } },
  }, async (req) => {
    const q = req.query as { q?: string; limit: number; offset: number }
    return { ...(await searchOrganisations(ctx.db, q)), limit: q.limit, offset: q.offset }
  })

  app.get('/organisations/:id', {
    config: { permission: 'members.read' },
    schema: { params: idParams, response: { 200: organisationSchema } },
  }, async (req) => load((req.params as Params).id))

  app.post('/organisations', {
    config: { permission: 'members.write' },
    schema: { body: createOrganisationBody, response: { 201: organisationSchema } },
  }, async (req, reply) => {
    const id = await insertOrganisation(ctx.db, req.body as OrganisationFields)
    await ctx.events.publish('members.organisation.created', { id })
    reply.code(201)
    return await load(id)
  })

  app.patch('/organisations/:id', {
    config: { permission: 'members.write' },
    schema: { params: idParams, body: updateOrganisationBody, response: { 200: organisationSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const fields = req.body as OrganisationFields
    if (!(await updateOrganisation(ctx.db, id, fields))) throw problem.notFound('No such organisation.')
    await ctx.events.publish('members.organisation.updated', { id, fields: Object.keys(fields) })
    return load(id)
  })

  app.delete('/organisations/:id', {
    config: { permission: 'members.write' },
    schema: { params: idParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const { id } = req.params as Params
    const o = await load(id)
    if (o.peopleCount > 0) throw problem.conflict(`${o.peopleCount} people still belong to this organisation; move them first.`)
    await ctx.db.query('DELETE FROM members.organisations WHERE id = $1', [id])
    await ctx.events.publish('members.organisation.deleted', { id })
    reply.code(204)
    return null
  })
}
