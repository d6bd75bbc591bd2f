/**
 * Organisation routes: search with pagination, read, create, update, delete (refused while people belong to it).
 * Each change publishes a `members.organisation.*` event. Schemas and types come from the contract.
 */
import { problem, idParams } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { organisationSchema, organisationPageSchema, createOrganisationBody, updateOrganisationBody, organisationQuery, ORGANISATION_EDITABLE_FIELDS } from '../contract/organisation-schemas.ts'
import { organisationCreated, organisationUpdated, organisationDeleted } from '../contract/members-events.ts'
import { membersPermissions } from '../contract/members-permissions.ts'
import { getOrganisation, searchOrganisations, insertOrganisation, updateOrganisation, deleteOrganisation } from '../store/organisation-store.ts'

/** Registers `/organisations` routes. */
export function organisationsRoutes(app: PluginApp, ctx: PluginContext): void {
  const load = async (id: string) => {
    const o = await getOrganisation(ctx.db, id)
    if (!o) throw problem.notFound('No such organisation.')
    return o
  }

  app.get('/organisations', {
    config: { permission: membersPermissions.read },
    schema: { querystring: organisationQuery, response: { 200: organisationPageSchema } },
  }, async (req) => ({ ...(await searchOrganisations(ctx.db, req.query)), limit: req.query.limit, offset: req.query.offset }))

  app.get('/organisations/:id', {
    config: { permission: membersPermissions.read },
    schema: { params: idParams, response: { 200: organisationSchema } },
  }, async (req) => load(req.params.id))

  app.post('/organisations', {
    config: { permission: membersPermissions.write },
    schema: { body: createOrganisationBody, response: { 201: organisationSchema } },
  }, async (req, reply) => {
    const id = await insertOrganisation(ctx.db, req.body)
    await ctx.events.publish(organisationCreated, { id })
    return reply.code(201).send(await load(id))
  })

  app.patch('/organisations/:id', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, body: updateOrganisationBody, response: { 200: organisationSchema } },
  }, async (req) => {
    const { id } = req.params
    if (!(await updateOrganisation(ctx.db, id, req.body))) throw problem.notFound('No such organisation.')
    await ctx.events.publish(organisationUpdated, { id, fields: ORGANISATION_EDITABLE_FIELDS.filter((k) => k in req.body) })
    return load(id)
  })

  app.delete('/organisations/:id', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, response: { 204: { type: 'null' } } },
  }, async (req, reply) => {
    const { id } = req.params
    const o = await load(id)
    if (o.peopleCount > 0) throw problem.conflict(`${o.peopleCount} people still belong to this organisation; move them first.`)
    await deleteOrganisation(ctx.db, id)
    await ctx.events.publish(organisationDeleted, { id })
    return reply.code(204).send(null)
  })
}
