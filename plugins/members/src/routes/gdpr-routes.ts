/**
 * GDPR routes: export everything this plugin holds on one person (as a JSON document), and anonymise a person
 * irreversibly — personal fields are erased, the id stays so other plugins' records (bookings, invoices) keep their
 * references, access to the tenant is revoked, and the action is audited and announced as
 * `members.person.anonymised` so other plugins can erase their own personal data.
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams } from '@tessera/sdk'
import { personSchema, personExportSchema } from '../schemas/person-schemas.ts'
import { getPerson, pendingInvitationOf } from '../store/person-store.ts'

type Params = { id: string }

/** Registers `/people/:id/export` and `/people/:id/anonymise`. */
export function gdprRoutes(app: FastifyInstance, ctx: PluginContext): void {
  app.get('/people/:id/export', {
    config: { permission: 'members.gdpr' },
    schema: { params: idParams, response: { 200: personExportSchema } },
  }, async (req) => {
    const { id } = req.params as Params
    const person = await getPerson(ctx.db, id)
    if (!person) throw problem.notFound('No such person.')
    const organisation = person.organisationId
      ? await ctx.db.one('SELECT id, name, email, phone FROM members.organisations WHERE id = $1', [person.organisationId])
      : null
    await ctx.audit.record({ action: 'person.export', target: `person:${id}` })
    return { exportedAt: new Date(), plugin: 'members', person, organisation: organisation ?? null }
  })

  app.post('/people/:id/anonymise', {
    config: { permission: 'members.gdpr' },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['confirm'], properties: { confirm: { const: true }, reason: { type: 'string', maxLength: 500 } } },
      response: { 200: personSchema },
    },
  }, async (req) => {
    const { id } = req.params as Params
    const person = await getPerson(ctx.db, id)
    if (!person) throw problem.notFound('No such person.')
    if (person.anonymised) return person
    if (person.userId) await ctx.identity.revoke(person.userId)
    const pending = await pendingInvitationOf(ctx.db, id)
    if (pending) await ctx.identity.cancelInvitation(pending)
    await ctx.db.query(
      `UPDATE members.people
          SET name = 'Anonymised person', email = NULL, phone = NULL, notes = NULL, organisation_id = NULL,
              user_id = NULL, invitation_id = NULL, status = 'left', anonymised_at = now(), updated_at = now()
        WHERE id = $1`,
      [id],
    )
    await ctx.audit.record({ action: 'person.anonymise', target: `person:${id}`, data: { reason: (req.body as { reason?: string }).reason } })
    await ctx.events.publish('members.person.anonymised', { id })
    return (await getPerson(ctx.db, id))!
  })
}
