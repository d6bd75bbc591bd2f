/**
 * Calendar feeds (`domain/feed-links.ts`). Issuing a feed link needs a session (a member their own, staff any person
 * or resource); reading the feed does not — calendar apps cannot sign in — so `GET /feeds/:tenantId/:token/calendar.ics`
 * is public: the long random token in the URL is the credential, and the handler enters the tenant named in the URL
 * itself with `ctx.withTenant`, where RLS confines the token lookup and the bookings to that tenant. Unknown token → 404.
 */
import type { FastifyRequest } from 'fastify'
import type { PluginApp } from '@tessera/sdk'
import { idParams, emptyBody } from '@tessera/sdk'
import { feedLinkSchema, bookingsPermissions } from '../contract/index.ts'
import type { FeedLink } from '../contract/index.ts'
import { issueOwnFeed, issuePersonFeed, issueResourceFeed, feedText } from '../domain/feed-links.ts'
import type { IssuedLink } from '../domain/feed-links.ts'
import type { BookingsContext } from '../domain/bookings-config.ts'

const withUrl = (req: FastifyRequest, link: IssuedLink): FeedLink => ({ ...link, url: `${req.protocol}://${req.host}${link.path}` })

const feedParams = {
  type: 'object', additionalProperties: false, required: ['tenantId', 'token'],
  properties: { tenantId: { type: 'string', format: 'uuid', maxLength: 36 }, token: { type: 'string', maxLength: 43, pattern: '^[A-Za-z0-9_-]{43}$' } },
} as const

/** Registers the feed routes. */
export function feedRoutes(app: PluginApp, ctx: BookingsContext): void {
  app.post('/feeds/me', {
    config: { permission: bookingsPermissions.book },
    schema: { body: emptyBody, response: { 200: feedLinkSchema } },
  }, async (req) => withUrl(req, await issueOwnFeed(ctx)))

  app.post('/feeds/people/:id', {
    config: { permission: bookingsPermissions.manage },
    schema: { params: idParams, body: emptyBody, response: { 200: feedLinkSchema } },
  }, async (req) => withUrl(req, await issuePersonFeed(ctx, req.params.id)))

  app.post('/feeds/resources/:id', {
    config: { permission: bookingsPermissions.manage },
    schema: { params: idParams, body: emptyBody, response: { 200: feedLinkSchema } },
  }, async (req) => withUrl(req, await issueResourceFeed(ctx, req.params.id)))

  app.get('/feeds/:tenantId/:token/calendar.ics', {
    config: { public: true },
    schema: { params: feedParams, response: { 200: { type: 'string', description: 'text/calendar' } } },
  }, async (req, reply) => {
    const text = await feedText(ctx, req.params.tenantId, req.params.token)
    reply.header('cache-control', 'private, max-age=300').type('text/calendar; charset=utf-8')
    return text
  })
}
