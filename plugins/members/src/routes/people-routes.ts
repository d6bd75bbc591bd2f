/**
 * People routes: search with pagination, read, create, update, status change and invitation to sign in as a
 * member. Every change publishes a `members.person.*` event on the request transaction.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, pageOf } from '@tessera/sdk'
import { personSchema, createPersonBody, updatePersonBody, statusBody, personQuery } from '../schemas/person-schemas.ts'
import { getPerson, searchPeople, insertPerson, updatePerson } from '../store/person-store.ts'
import type { PersonFields, PersonSearch } from '../store/person-store.ts'

type Params = { id: string }

/** Registers `/people` routes. */
export function peopleRoutes(app: FastifyInstance, ctx: PluginContext): void {
  const load = async (id: string) => {
    const p = await getPerson(ctx.db, id)
    if (!p) throw problem.notFound('No such person.')
    return p
  }
  const assertNotAnonymised = (p: { anonymised: boolean }) => {
    if (p.anonymised) throw problem.conflict('This person has been anonymised and can no longer be changed.')
  }

  app.get('/people', {
    config: { permission: 'members.read' },
    schema: { querystring: personQuery, response: { 200: pageOf(personSchema) } },
  }, async (req) => {
    const query = req.query as PersonSearch
    const { items, total } = await searchPeople(ctx.db, query)
    return { items, total, limit: query.limit, offset: query.offset }
  })

  app.get('/people/:id', {
    config: { permission: 'members.read' },
    schema: { params: idParams, response: { 200: personSchema } },
  }, async (req) => load((req.params as Params).id))

  app.post('/people', {
    config: { permission: 'members.write' },
    schema: { body: createPersonBody, response: { 201: personSchema } },
  }, async (req, reply) => {
    const id = await insertPerson(ctx.db, req.body as PersonFields)
    const person = await load(id)
    await ctx.events.publish('members.person.created', { id, status: person.status, organisationId: person.organisationId })
    reply.code(201)
    return person
  })

  app.patch('/people/:id', {
    config: { permission: 'members.write' },
    schema: { params: idParams, body: updatePersonBody, response: { 200: personSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    assertNotAnonymised(await load(id))
    const fields = req.body as PersonFields
    await updatePerson(ctx.db, id, fields)
    const person = await load(id)
    await ctx.events.publish('members.person.updated', { id, fields: Object.keys(fields), organisationId: person.organisationId })
    return person
  })

  app.post('/people/:id/status', {
    config: { permission: 'members.write' },
    schema: { params: idParams, body: statusBody, response: { 200: personSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const { status, reason } = req.body as { status: string; reason?: string }
    const before = await load(id)
    assertNotAnonymised(before)
    if (before.status === status) return before
    await updatePerson(ctx.db, id, { status })
    await ctx.audit.record({ action: 'person.status', target: `person:${id}`, data: { from: before.status, to: status, reason } })
    await ctx.events.publish('members.person.status-changed', { id, from: before.status, to: status })
    return load(id)
  })

  app.post('/people/:id/invite', {
    config: { permission: 'members.write' },
    schema: { params: idParams, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 200: personSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const person = await load(id)
    assertNotAnonymised(person)
    if (person.status !== 'active') throw problem.conflict(`Only active people can be invited; this person is ${person.status}.`)
    if (!person.email) throw problem.unprocessable('This person has no e-mail address to invite.', [{ pointer: '/email', detail: 'is required to invite' }])
    const user = await ctx.identity.invite({ email: person.email, name: person.name, role: 'member' })
    if (person.userId && person.userId !== user.id) await ctx.identity.revoke(person.userId)
    await updatePerson(ctx.db, id, { userId: user.id })
    await ctx.events.publish('members.person.updated', { id, fields: ['userId'], organisationId: person.organisationId })
    return load(id)
  })
}
