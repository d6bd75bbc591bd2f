/**
 * Reactions to billing's membership events (a plan started, ended, was suspended or reactivated; a plan change is an
 * end and a start): the payer's contact is synced again, so its plan merge field and its plan and location tags follow
 * (the old plan's tags become inactive). A person payer is one `sync-person` job; an organisation payer, one per
 * person of the organisation (their plans include the organisation's). Billing need not be installed: without it
 * these events never come.
 */
import { on } from '@tessera/sdk'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from '@tessera/plugin-billing/contract'
import type { PayerType } from '@tessera/plugin-billing/contract'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { MailchimpContext } from '../domain/mailchimp-config.ts'

const PAGE = 1000

async function resync(ctx: MailchimpContext, payer: { payerType: PayerType; payerId: string }): Promise<void> {
  if (payer.payerType === 'person') {
    await ctx.jobs.send('sync-person', { personId: payer.payerId })
    return
  }
  const dir = ctx.services.get(membersDirectory)
  for (let after: string | null = null; ;) {
    const page = await dir.listPeople({ limit: PAGE, after })
    for (const p of page) if (p.organisationId === payer.payerId) await ctx.jobs.send('sync-person', { personId: p.id })
    if (page.length < PAGE) return
    after = page[page.length - 1].id
  }
}

/** The membership events that change a person's current plans. */
export const planSubscriptions = [
  on(membershipCreated, (event, ctx: MailchimpContext) => resync(ctx, event.payload)),
  on(membershipEnded, (event, ctx: MailchimpContext) => resync(ctx, event.payload)),
  on(membershipSuspended, (event, ctx: MailchimpContext) => resync(ctx, event.payload)),
  on(membershipReactivated, (event, ctx: MailchimpContext) => resync(ctx, event.payload)),
]
