/**
 * People routes: search with pagination, read, create, update, status change, invitation to sign in as a member
 * and removal of a person's login. Every change publishes a `members.person.*` event on the request transaction.
 *
 * Inviting goes through `ctx.identity`, which applies the role rule (nobody grants, lowers or removes a role at or
 * above their own) and never lowers an existing member's role. A person whose e-mail belongs to a user of another
 * tenant gets a pending invitation (`login: 'invited'`; no user id is revealed) and is linked when that user accepts
 * (`onInvitationAccepted`). A person already linked to one login is never silently re-linked to another: that is a
 * 409 until the old login is removed explicitly (`DELETE /people/:id/login`).
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, pageOf } from '@tessera/sdk'
import { personSchema, createPersonBody, updatePersonBody, statusBody, personQuery } from '../schemas/person-schemas.ts'
import { getPerson, searchPeople, insertPerson, updatePerson, pendingInvitationOf, otherPersonWithLink } from '../store/person-store.ts'
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
    const before = await load(id)
    assertNotAnonymised(before)
    const fields = req.body as PersonFields
    // a pending invitation went to the old address's user: withdraw it when the address changes
    const pending = fields.email !== undefined && (fields.email ?? '').toLowerCase() !== (before.email ?? '').toLowerCase() ? await pendingInvitationOf(ctx.db, id) : null
    if (pending) await ctx.identity.cancelInvitation(pending)
    await updatePerson(ctx.db, id, pending ? { ...fields, invitationId: null } : fields)
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
    const result = await ctx.identity.invite({ email: person.email, name: person.name, role: 'member' })
    // thrown conflicts roll the invitation back with the rest of the request
    if (person.userId && person.userId !== result.user?.id) {
      throw problem.conflict('This person is linked to another login; remove it first (DELETE /people/:id/login) to link the new e-mail.')
    }
    if (result.status === 'member') {
      if (person.userId === result.user!.id) return person
      if (await otherPersonWithLink(ctx.db, id, { userId: result.user!.id })) throw problem.conflict('The login of this e-mail already belongs to another person here.')
      await updatePerson(ctx.db, id, { userId: result.user!.id, invitationId: null })
    } else {
      const previous = await pendingInvitationOf(ctx.db, id)
      if (previous === result.invitationId) return person
      if (await otherPersonWithLink(ctx.db, id, { invitationId: result.invitationId! })) throw problem.conflict('The user of this e-mail is already invited as another person here.')
      if (previous) await ctx.identity.cancelInvitation(previous)
      await updatePerson(ctx.db, id, { invitationId: result.invitationId })
    }
    await ctx.events.publish('members.person.updated', { id, fields: ['login'], organisationId: person.organisationId })
    return load(id)
  })

  app.delete('/people/:id/login', {
    config: { permission: 'members.write' },
    schema: { params: idParams, response: { 200: personSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const person = await load(id)
    const pending = await pendingInvitationOf(ctx.db, id)
    if (!person.userId && !pending) return person
    // the role rule applies: a manager cannot remove an admin's or owner's access (403, nothing changed)
    if (person.userId) await ctx.identity.revoke(person.userId)
    if (pending) await ctx.identity.cancelInvitation(pending)
    await updatePerson(ctx.db, id, { userId: null, invitationId: null })
    await ctx.events.publish('members.person.updated', { id, fields: ['login'], organisationId: person.organisationId })
    return load(id)
  })
}
