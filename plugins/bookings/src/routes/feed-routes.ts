/**
 * Calendar feeds. Issuing a feed link needs a session (a member their own, staff any person or resource); reading
 * the feed does not — calendar apps cannot sign in — so `GET /feeds/:tenantId/:token/calendar.ics` is public: the
 * long random token in the URL is the credential, and the handler enters the tenant named in the URL itself with
 * `ctx.withTenant`, where RLS confines the token lookup and the bookings to that tenant. Unknown token → 404.
 * A person has at most two live links — their own (`/feeds/me`) and one staff issued — and each replaces only its own
 * predecessor; the response says whether an earlier link stopped working (`replaced`, `notice`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { idParams, emptyBody } from '@tessera/sdk'
import { issueFeedToken, feedSubject } from '../store/feed-token-store.ts'
import type { FeedSubject, FeedIssuer } from '../store/feed-token-store.ts'
import { caller } from '../domain/booker.ts'
import { catalogOf, directoryOf } from '../domain/peer-services.ts'
import { buildFeed } from '../domain/ical-feed.ts'

const feedLink = {
  type: 'object',
  properties: {
    url: { type: 'string' },
    path: { type: 'string' },
    issuedBy: { enum: ['self', 'staff'] },
    replaced: { type: 'boolean', description: 'A previous link of the same subject and issuer existed and stops working now' },
    notice: { type: 'string', description: 'What happened to earlier links, in words' },
  },
} as const

/** What replacing a link means for the links that exist, in words for the response. */
function noticeOf(subject: FeedSubject, issuer: FeedIssuer, replaced: boolean): string {
  const previous = replaced ? 'The previous link issued this way stops working now.' : 'No earlier link was replaced.'
  if (subject.kind === 'resource') return previous
  return issuer === 'self'
    ? `${previous} Links staff issued for you keep working.`
    : `${previous} The person's own link (from "My bookings") keeps working.`
}

/** Registers the feed routes. */
export function feedRoutes(app: FastifyInstance, ctx: PluginContext): void {
  const link = async (req: FastifyRequest, subject: FeedSubject, issuer: FeedIssuer) => {
    const { token, replaced } = await issueFeedToken(ctx.db, subject, issuer)
    await ctx.audit.record({ action: 'feed.issue', target: `${subject.kind}:${subject.id}`, data: { issuedBy: issuer, replaced } })
    const path = `/api/v1/bookings/feeds/${ctx.tenant().id}/${token}/calendar.ics`
    return { path, url: `${req.protocol}://${req.host}${path}`, issuedBy: issuer, replaced, notice: noticeOf(subject, issuer, replaced) }
  }

  app.post('/feeds/me', {
    config: { permission: 'bookings.book' },
    schema: { body: emptyBody, response: { 200: feedLink } },
  }, async (req) => {
    const who = await caller(ctx)
    if (!who.self) throw problem.forbidden('Your login is not linked to a member record here.')
    return link(req, { kind: 'person', id: who.self.id }, 'self')
  })

  app.post('/feeds/people/:id', {
    config: { permission: 'bookings.manage' },
    schema: { params: idParams, body: emptyBody, response: { 200: feedLink } },
  }, async (req) => {
    const { id } = req.params as { id: string }
    if (!(await directoryOf(ctx).getPerson(id))) throw problem.notFound('No such person.')
    return link(req, { kind: 'person', id }, 'staff')
  })

  app.post('/feeds/resources/:id', {
    config: { permission: 'bookings.manage' },
    schema: { params: idParams, body: emptyBody, response: { 200: feedLink } },
  }, async (req) => {
    const { id } = req.params as { id: string }
    if (!(await catalogOf(ctx).getResource(id))) throw problem.notFound('No such resource.')
    return link(req, { kind: 'resource', id }, 'staff')
  })

  app.get('/feeds/:tenantId/:token/calendar.ics', {
    config: { public: true },
    schema: {
      params: {
        type: 'object', additionalProperties: false, required: ['tenantId', 'token'],
        properties: { tenantId: { type: 'string', format: 'uuid', maxLength: 36 }, token: { type: 'string', maxLength: 43, pattern: '^[A-Za-z0-9_-]{43}$' } },
      },
      response: { 200: { type: 'string', description: 'text/calendar' } },
    },
  }, async (req, reply) => {
    const { tenantId, token } = req.params as { tenantId: string; token: string }
    const text = await ctx.withTenant(tenantId, async () => {
      const subject = await feedSubject(ctx.db, token)
      if (!subject) throw problem.notFound('No such calendar feed.')
      const name = subject.kind === 'person'
        ? `Bookings of ${(await directoryOf(ctx).getPerson(subject.id))?.name ?? 'a member'}`
        : `Bookings of ${(await catalogOf(ctx).getResource(subject.id))?.name ?? 'a resource'}`
      return buildFeed(ctx, subject, name)
    })
    reply.header('cache-control', 'private, max-age=300').type('text/calendar; charset=utf-8')
    return text
  })
}
