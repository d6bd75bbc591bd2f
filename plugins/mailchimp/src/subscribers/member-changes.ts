/**
 * Reactions to members, each turned into a `sync-person` job (so Mailchimp is reached outside members' transaction,
 * with the job's retries): a consent change — unless it came from Mailchimp itself, which already knows — a change of
 * name, e-mail or organisation (merge fields, tags, hash), and anonymisation (the contact is deleted permanently).
 * Payloads are typed by members' event contracts.
 */
import { on } from '@tessera/sdk'
import { personAnonymised, personConsentChanged, personUpdated } from '@tessera/plugin-members/contract'
import type { MailchimpContext } from '../domain/mailchimp-config.ts'

/** `members.person.consent-changed`: subscribe or unsubscribe the person. */
export const onConsentChanged = on(personConsentChanged, async (event, ctx: MailchimpContext) => {
  if (event.payload.source === 'mailchimp') return
  await ctx.jobs.send('sync-person', { personId: event.payload.id })
})

/** `members.person.updated`: update the contact when what it shows changed. */
export const onPersonUpdated = on(personUpdated, async (event, ctx: MailchimpContext) => {
  if (!event.payload.fields.some((f) => f === 'name' || f === 'email' || f === 'organisationId')) return
  await ctx.jobs.send('sync-person', { personId: event.payload.id })
})

/** `members.person.anonymised`: delete the contact permanently. */
export const onPersonAnonymised = on(personAnonymised, async (event, ctx: MailchimpContext) => {
  await ctx.jobs.send('sync-person', { personId: event.payload.id })
})
