/**
 * Mailchimp's webhooks, already authenticated by the tenant's secret in the URL (Mailchimp does not sign them): a
 * form-encoded `type` with `data[...]` fields. `unsubscribe` and `cleaned` withdraw the person's marketing consent
 * in members (source `mailchimp`, through the directory's `recordConsent`), `subscribe` records it, `upemail` moves
 * the contact to its new subscriber hash, `profile` changes nothing here (members owns names and organisations). A
 * contact this plugin does not know (not in the chosen audience, or never synced) is acknowledged and ignored, so
 * Mailchimp does not retry it.
 */
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { MailchimpContext } from './mailchimp-config.ts'
import { subscriberHash } from './subscriber-hash.ts'
import { getSettings } from '../store/settings-store.ts'
import { contactByHash, setContactStatus } from '../store/contact-store.ts'

/** What a webhook did. */
export type WebhookOutcome = 'consent-withdrawn' | 'consent-granted' | 'email-changed' | 'ignored'

/** The fields of a webhook form (`data[merges][FNAME]` stays a flat key). */
export function webhookFields(raw: string): Map<string, string> {
  return new Map(new URLSearchParams(raw))
}

/** Applies one webhook to the current tenant. */
export async function applyWebhook(ctx: MailchimpContext, form: Map<string, string>): Promise<WebhookOutcome> {
  const type = form.get('type')
  const listId = form.get('data[list_id]') ?? ''
  const settings = await getSettings(ctx.db)
  if (!settings.audienceId || listId !== settings.audienceId) return 'ignored'
  const email = (type === 'upemail' ? form.get('data[old_email]') : form.get('data[email]')) ?? ''
  if (!email) return 'ignored'
  const contact = await contactByHash(ctx.db, listId, subscriberHash(email))
  if (!contact) return 'ignored'
  const directory = ctx.services.get(membersDirectory)
  switch (type) {
    case 'unsubscribe':
    case 'cleaned':
      await setContactStatus(ctx.db, contact.personId, listId, type === 'cleaned' ? 'cleaned' : 'unsubscribed')
      await directory.recordConsent(contact.personId, { granted: false, source: 'mailchimp' })
      return 'consent-withdrawn'
    case 'subscribe':
      await setContactStatus(ctx.db, contact.personId, listId, 'subscribed')
      await directory.recordConsent(contact.personId, { granted: true, source: 'mailchimp' })
      return 'consent-granted'
    case 'upemail': {
      const next = form.get('data[new_email]')
      if (!next) return 'ignored'
      await setContactStatus(ctx.db, contact.personId, listId, contact.status, subscriberHash(next))
      return 'email-changed'
    }
    default:
      return 'ignored'
  }
}
