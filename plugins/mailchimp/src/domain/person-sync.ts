/**
 * Brings one person's contact in the chosen audience in line with members: a person with recorded consent and an
 * e-mail is upserted by subscriber hash (`PUT /lists/{id}/members/{md5(lower(email))}`, status subscribed, merge
 * fields) and tagged (configured tags, organisation, current plans and their locations); a person without consent who is a contact is unsubscribed (never deleted: Mailchimp keeps the
 * unsubscribe); a person never subscribed is never sent; an anonymised or deleted person's contact is deleted
 * permanently. A changed e-mail updates the contact under its old hash, so it is not duplicated. Mailchimp's
 * refusals (4xx) are stored on the contact and shown; 429/5xx are retried by the client and then by the job.
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { MailchimpContext } from './mailchimp-config.ts'
import { mailchimpApi, MailchimpError } from './mailchimp-client.ts'
import { subscriberHash } from './subscriber-hash.ts'
import { maySubscribe, mergeFields, tagChanges, tagsOf } from './contact-fields.ts'
import { planLookup } from './plan-facts.ts'
import { getSettings } from '../store/settings-store.ts'
import { contactsOfPerson, deleteContact, getContact, recordContactError, saveContact } from '../store/contact-store.ts'

/** Syncs `personId` to the tenant's audience (no-op before an audience is chosen). */
export async function syncPerson(ctx: MailchimpContext, personId: string): Promise<void> {
  const settings = await getSettings(ctx.db)
  const audienceId = settings.audienceId
  if (!audienceId) return
  const api = mailchimpApi(ctx.tenant().id, ctx.config())
  const person = await ctx.services.get(membersDirectory).getPerson(personId)
  const contact = await getContact(ctx.db, personId, audienceId)
  if (!person || person.anonymised) return forgetPerson(ctx, personId)
  try {
    if (maySubscribe(person)) {
      const hash = contact?.subscriberHash ?? subscriberHash(person.email)
      const facts = await planLookup(ctx)(personId)
      const tags = tagsOf(person, settings.mapping, facts)
      const saved = await api.call((sdk) => sdk.lists.setListMember(audienceId, hash, {
        email_address: person.email, status_if_new: 'subscribed', status: 'subscribed', merge_fields: mergeFields(person, settings.mapping, facts),
      }))
      const changes = tagChanges(contact?.tags ?? [], tags)
      if (changes.length) await api.call((sdk) => sdk.lists.updateListMemberTags(audienceId, saved.id, { tags: changes }))
      await saveContact(ctx.db, { personId, audienceId, subscriberHash: saved.id, status: 'subscribed', tags })
    } else if (contact && contact.status === 'subscribed') {
      await api.call((sdk) => sdk.lists.updateListMember(audienceId, contact.subscriberHash, { status: 'unsubscribed' }))
      await saveContact(ctx.db, { ...contact, status: 'unsubscribed' })
    }
  } catch (error) {
    if (!(error instanceof MailchimpError) || error.status === 429 || error.status >= 500 || error.status === 0) throw error
    const hash = contact?.subscriberHash ?? subscriberHash(person.email ?? person.id)
    await recordContactError(ctx.db, personId, audienceId, hash, `${error.status}: ${error.message}`)
    ctx.log.warn({ personId, status: error.status, err: error.message }, 'mailchimp refused a contact')
  }
}

/** Deletes every contact of the person permanently (GDPR erasure) and forgets them. */
export async function forgetPerson(ctx: MailchimpContext, personId: string): Promise<void> {
  const api = mailchimpApi(ctx.tenant().id, ctx.config())
  for (const c of await contactsOfPerson(ctx.db, personId)) {
    try {
      await api.call((sdk) => sdk.lists.deleteListMemberPermanent(c.audienceId, c.subscriberHash))
    } catch (error) {
      if (!(error instanceof MailchimpError) || error.status !== 404) throw error   // already gone
    }
    await deleteContact(ctx.db, personId, c.audienceId)
    await ctx.audit.record({ action: 'contact.delete-permanent', target: `person:${personId}`, data: { audienceId: c.audienceId } })
  }
}
