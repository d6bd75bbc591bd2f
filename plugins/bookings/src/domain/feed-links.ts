/**
 * Calendar feed links and feeds. A person has at most two live links — their own and one staff issued — and each
 * replaces only its own predecessor; the answer says whether an earlier link stopped working (`replaced`, `notice`).
 * Reading a feed needs no session: the token is the credential, looked up inside the tenant the URL names.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { issueFeedToken, feedSubject } from '../store/feed-token-store.ts'
import type { FeedSubject, FeedIssuer } from '../store/feed-token-store.ts'
import { caller } from './booker.ts'
import { buildFeed } from './ical-feed.ts'
import type { BookingsContext } from './bookings-config.ts'

/** A link just issued (the route adds the absolute `url`). */
export interface IssuedLink {
  path: string
  issuedBy: FeedIssuer
  replaced: boolean
  notice: string
}

/** What replacing a link means for the links that exist, in words for the response. */
function noticeOf(subject: FeedSubject, issuer: FeedIssuer, replaced: boolean): string {
  const previous = replaced ? 'The previous link issued this way stops working now.' : 'No earlier link was replaced.'
  if (subject.kind === 'resource') return previous
  return issuer === 'self'
    ? `${previous} Links staff issued for you keep working.`
    : `${previous} The person's own link (from "My bookings") keeps working.`
}

async function issue(ctx: BookingsContext, subject: FeedSubject, issuer: FeedIssuer): Promise<IssuedLink> {
  const { token, replaced } = await issueFeedToken(ctx.db, subject, issuer)
  await ctx.audit.record({ action: 'feed.issue', target: `${subject.kind}:${subject.id}`, data: { issuedBy: issuer, replaced } })
  const path = `/api/v1/bookings/feeds/${ctx.tenant().id}/${token}/calendar.ics`
  return { path, issuedBy: issuer, replaced, notice: noticeOf(subject, issuer, replaced) }
}

/** Issues the caller's own feed link. */
export async function issueOwnFeed(ctx: BookingsContext): Promise<IssuedLink> {
  const who = await caller(ctx)
  if (!who.self) throw problem.forbidden('Your login is not linked to a member record here.')
  return issue(ctx, { kind: 'person', id: who.self.id }, 'self')
}

/** Issues (staff) the feed link of person `id`. */
export async function issuePersonFeed(ctx: BookingsContext, id: string): Promise<IssuedLink> {
  if (!(await ctx.services.get(membersDirectory).getPerson(id))) throw problem.notFound('No such person.')
  return issue(ctx, { kind: 'person', id }, 'staff')
}

/** Issues (staff) the feed link of resource `id`. */
export async function issueResourceFeed(ctx: BookingsContext, id: string): Promise<IssuedLink> {
  if (!(await ctx.services.get(spacesCatalog).getResource(id))) throw problem.notFound('No such resource.')
  return issue(ctx, { kind: 'resource', id }, 'staff')
}

/** The iCalendar text of the feed `token` of tenant `tenantId` (404 for an unknown token). */
export function feedText(ctx: BookingsContext, tenantId: string, token: string): Promise<string> {
  return ctx.withTenant(tenantId, async () => {
    const subject = await feedSubject(ctx.db, token)
    if (!subject) throw problem.notFound('No such calendar feed.')
    const name = subject.kind === 'person'
      ? `Bookings of ${(await ctx.services.get(membersDirectory).getPerson(subject.id))?.name ?? 'a member'}`
      : `Bookings of ${(await ctx.services.get(spacesCatalog).getResource(subject.id))?.name ?? 'a resource'}`
    return buildFeed(ctx, subject, name)
  })
}
