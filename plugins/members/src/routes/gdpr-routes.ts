/**
 * GDPR routes: export everything this plugin holds on one person (as a JSON document), and anonymise a person
 * irreversibly (`domain/anonymise-person.ts`): personal fields erased, the id kept, access revoked, audited and
 * announced as `members.person.anonymised`.
 */
import { problem, idParams } from '@tessera/sdk'
import type { PluginApp, PluginContext } from '@tessera/sdk'
import { personSchema, personExportSchema } from '../contract/person-schemas.ts'
import { membersPermissions } from '../contract/members-permissions.ts'
import { getPerson } from '../store/person-store.ts'
import { organisationContact } from '../store/organisation-store.ts'
import { anonymise } from '../domain/anonymise-person.ts'

/** Registers `/people/:id/export` and `/people/:id/anonymise`. */
export function gdprRoutes(app: PluginApp, ctx: PluginContext): void {
  app.get('/people/:id/export', {
    config: { permission: membersPermissions.gdpr },
    schema: { params: idParams, response: { 200: personExportSchema } },
  }, async (req) => {
    const { id } = req.params
    const person = await getPerson(ctx.db, id)
    if (!person) throw problem.notFound('No such person.')
    const organisation = person.organisationId ? await organisationContact(ctx.db, person.organisationId) : undefined
    await ctx.audit.record({ action: 'person.export', target: `person:${id}` })
    return { exportedAt: new Date().toISOString(), plugin: 'members', person, organisation: organisation ?? null }
  })

  app.post('/people/:id/anonymise', {
    config: { permission: membersPermissions.gdpr },
    schema: {
      params: idParams,
      body: { type: 'object', additionalProperties: false, required: ['confirm'], properties: { confirm: { const: true }, reason: { type: 'string', maxLength: 500 } } },
      response: { 200: personSchema },
    },
  }, async (req) => {
    const person = await getPerson(ctx.db, req.params.id)
    if (!person) throw problem.notFound('No such person.')
    if (person.anonymised) return person
    await anonymise(ctx, person, req.body.reason)
    return (await getPerson(ctx.db, person.id))!
  })
}
