/**
 * The account's audiences and the choice of one: listing goes through the SDK (`lists.getAllLists`); choosing checks
 * that the audience exists in the account, creates the organisation and plan merge fields when the mapping names ones the
 * audience lacks, stores the choice and queues the audience's first sync. Mailchimp's refusals become a 502 problem
 * with Mailchimp's message (a wrong API key included), so the screen can show it.
 */
import { ProblemError } from '@tessera/sdk'
import type { Audience } from '../contract/mailchimp-schemas.ts'
import type { MailchimpContext } from './mailchimp-config.ts'
import { mailchimpApi, MailchimpError } from './mailchimp-client.ts'
import { getSettings, setAudience } from '../store/settings-store.ts'
import { knowsPlans } from './plan-facts.ts'

async function calling<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn()
  } catch (error) {
    if (error instanceof MailchimpError) {
      if (error.status === 404) throw new ProblemError(404, 'Not Found', { detail: `Mailchimp: ${error.message}` })
      throw new ProblemError(502, 'Bad Gateway', { detail: `Mailchimp answered ${error.status || 'nothing'}: ${error.message}` })
    }
    throw error
  }
}

/** The account's audiences (up to 1,000). */
export async function listAudiences(ctx: MailchimpContext): Promise<Audience[]> {
  const api = mailchimpApi(ctx.tenant().id, ctx.config())
  const out: Audience[] = []
  for (let offset = 0; offset < 1000; offset += 100) {
    const page = await calling(() => api.call((sdk) => sdk.lists.getAllLists({ count: 100, offset, fields: ['lists.id', 'lists.name', 'lists.stats.member_count', 'total_items'] })))
    out.push(...page.lists.map((l) => ({ id: l.id, name: l.name, memberCount: l.stats?.member_count ?? 0 })))
    if (out.length >= page.total_items || !page.lists.length) break
  }
  return out
}

/** Chooses audience `id`; queues its first sync when it changed. */
export async function chooseAudience(ctx: MailchimpContext, id: string): Promise<void> {
  const api = mailchimpApi(ctx.tenant().id, ctx.config())
  const list = await calling(() => api.call((sdk) => sdk.lists.getList(id)))
  const before = await getSettings(ctx.db)
  const wanted = [[before.mapping.organisationField, 'Organisation'], [knowsPlans(ctx) ? before.mapping.planField : null, 'Plan']]
    .filter((f): f is [string, string] => !!f[0])
  if (wanted.length) {
    const fields = await calling(() => api.call((sdk) => sdk.lists.getListMergeFields(id, { count: 100 })))
    for (const [tag, name] of wanted) {
      if (!fields.merge_fields.some((f) => f.tag === tag)) await calling(() => api.call((sdk) => sdk.lists.addListMergeField(id, { tag, name, type: 'text' })))
    }
  }
  await setAudience(ctx.db, list.id, list.name)
  await ctx.audit.record({ action: 'audience.choose', target: `audience:${list.id}`, data: { name: list.name } })
  if (before.audienceId !== list.id || !before.firstSyncedAt) await ctx.jobs.send('sync-audience', {})
}
