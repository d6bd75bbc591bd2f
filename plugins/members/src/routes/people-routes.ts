/**
 * People routes: search with pagination, read, create, update, status change, marketing consent (source `staff`),
 * invitation to sign in as a member
 * and removal of a person's login (the rules are in `domain/person-login.ts`). Every change publishes a
 * `members.person.*` event on the request transaction. Schemas and types come from the contract.
 */
import { problem, idParams, emptyBody } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { personSchema, personPageSchema, createPersonBody, updatePersonBody, statusBody, personQuery, consentBody, PERSON_EDITABLE_FIELDS } from '../contract/person-schemas.ts'
import { personCreated, personUpdated, personStatusChanged } from '../contract/members-events.ts'
import { membersPermissions } from '../contract/members-permissions.ts'
import { getPerson, searchPeople, insertPerson, updatePerson, pendingInvitationOf } from '../store/person-store.ts'
import { invitePerson, removeLogin } from '../domain/person-login.ts'
import { recordConsent } from '../domain/marketing-consent.ts'

/** Registers `/people` routes. */
export function peopleRoutes(app: PluginApp, ctx: PluginContext): void {
  const load = async (id: string) => {
    const p = await getPerson(ctx.db, id)
    if (!p) throw problem.notFound('No such person.')
    return p
  }
  const assertNotAnonymised = (p: { anonymised: boolean }) => {
    if (p.anonymised) throw problem.conflict('This person has been anonymised and can no longer be changed.')
  }

  app.get('/people', {
    config: { permission: membersPermissions.read },
    schema: { querystring: personQuery, response: { 200: personPageSchema } },
  }, async (req) => {
    const { items, total } = await searchPeople(ctx.db, req.query)
    return { items, total, limit: req.query.limit, offset: req.query.offset }
  })

  app.get('/people/:id', {
    config: { permission: membersPermissions.read },
    schema: { params: idParams, response: { 200: personSchema } },
  }, async (req) => load(req.params.id))

  app.post('/people', {
    config: { permission: membersPermissions.write },
    schema: { body: createPersonBody, response: { 201: personSchema } },
  }, async (req, reply) => {
    const id = await insertPerson(ctx.db, req.body)
    const person = await load(id)
    await ctx.events.publish(personCreated, { id, status: person.status, organisationId: person.organisationId })
    return reply.code(201).send(person)
  })

  app.patch('/people/:id', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, body: updatePersonBody, response: { 200: personSchema } },
  }, async (req) => {
    const { id } = req.params
    const before = await load(id)
    assertNotAnonymised(before)
    const fields = req.body
    // a pending invitation went to the old address's user: withdraw it when the address changes
    const pending = fields.email !== undefined && (fields.email ?? '').toLowerCase() !== (before.email ?? '').toLowerCase() ? await pendingInvitationOf(ctx.db, id) : null
    if (pending) await ctx.identity.cancelInvitation(pending)
    await updatePerson(ctx.db, id, pending ? { ...fields, invitationId: null } : fields)
    const person = await load(id)
    await ctx.events.publish(personUpdated, { id, fields: PERSON_EDITABLE_FIELDS.filter((k) => k in fields), organisationId: person.organisationId })
    return person
  })

  app.post('/people/:id/status', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, body: statusBody, response: { 200: personSchema } },
  }, async (req) => {
    const { id } = req.params
    const { status, reason } = req.body
    const before = await load(id)
    assertNotAnonymised(before)
    if (before.status === status) return before
    await updatePerson(ctx.db, id, { status })
    await ctx.audit.record({ action: 'person.status', target: `person:${id}`, data: { from: before.status, to: status, reason } })
    await ctx.events.publish(personStatusChanged, { id, from: before.status, to: status })
    return load(id)
  })

  app.put('/people/:id/consent', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, body: consentBody, response: { 200: personSchema } },
  }, async (req) => {
    const person = await load(req.params.id)
    assertNotAnonymised(person)
    await recordConsent(ctx, person.id, req.body.granted, 'staff')
    return load(person.id)
  })

  app.post('/people/:id/invite', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, body: emptyBody, response: { 200: personSchema } },
  }, async (req) => {
    const person = await load(req.params.id)
    assertNotAnonymised(person)
    return (await invitePerson(ctx, person)) ? load(person.id) : person
  })

  app.delete('/people/:id/login', {
    config: { permission: membersPermissions.write },
    schema: { params: idParams, response: { 200: personSchema } },
  }, async (req) => {
    await removeLogin(ctx, await load(req.params.id))
    return load(req.params.id)
  })
}
