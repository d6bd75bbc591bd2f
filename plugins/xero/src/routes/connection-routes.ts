/**
 * The connection screen's routes: `GET /connection` (state, organisation, first-sync progress, the webhook URL to
 * register in the Xero app), `POST /connection/start` (a consent URL with state + PKCE), `GET /oauth/callback` (Xero
 * redirects the browser here; completes the flow, then back to the settings screen), `POST /connection/organisation`
 * (the organisation of a multi-organisation consent), `POST /connection/disconnect` (revokes) and `POST /first-sync`.
 */
import type { PluginApp } from '@tessera/sdk'
import { emptyBody } from '@tessera/sdk'
import { connectionSchema, xeroPermissions } from '../contract/index.ts'
import type { XeroContext } from '../domain/xero-config.ts'
import type { ResolvedXeroOptions } from '../domain/xero-options.ts'
import { chooseOrganisation, completeConnect, connectionView, disconnect, startConnect } from '../domain/connection.ts'
import { startFirstSync } from '../domain/first-sync.ts'

const { manage, read } = xeroPermissions

/** The settings screen of the plugin (where the callback returns the browser). */
export const SETTINGS_PATH = '/xero/connection'

/** Registers the connection routes. */
export function connectionRoutes(app: PluginApp, ctx: XeroContext, opts: ResolvedXeroOptions): void {
  const webhookUrl = (host: string, proto: string) => `${proto}://${host}/api/v1/xero/webhooks/${ctx.tenant().id}`

  app.get('/connection', { config: { permission: read }, schema: { response: { 200: connectionSchema } } },
    async (req) => connectionView(ctx, webhookUrl(req.host, req.protocol)))

  app.post('/connection/start', {
    config: { permission: manage },
    schema: {
      body: {
        type: 'object', additionalProperties: false, required: ['redirectUri'],
        properties: { redirectUri: { type: 'string', minLength: 10, maxLength: 500, pattern: '^https?://[^\\s]+/api/v1/xero/oauth/callback$' } },
      },
      response: { 200: { type: 'object', additionalProperties: false, required: ['authorizeUrl'], properties: { authorizeUrl: { type: 'string' } } } },
    },
  }, async (req) => ({ authorizeUrl: await startConnect(ctx, opts, req.body.redirectUri) }))

  app.get('/oauth/callback', {
    config: { permission: manage, transaction: true },
    schema: {
      querystring: {
        type: 'object', additionalProperties: true,
        properties: { code: { type: 'string', maxLength: 2000 }, state: { type: 'string', maxLength: 200 }, error: { type: 'string', maxLength: 200 } },
      },
      response: { 302: { type: 'null' } },
    },
  }, async (req, reply) => {
    const { code, state, error } = req.query
    if (error || !code || !state) return reply.redirect(`${SETTINGS_PATH}?error=${encodeURIComponent(error ?? 'missing code')}`)
    await completeConnect(ctx, opts, code, state)
    return reply.redirect(SETTINGS_PATH)
  })

  app.post('/connection/organisation', {
    config: { permission: manage },
    schema: {
      body: { type: 'object', additionalProperties: false, required: ['tenantId'], properties: { tenantId: { type: 'string', minLength: 1, maxLength: 64 } } },
      response: { 200: connectionSchema },
    },
  }, async (req) => {
    await chooseOrganisation(ctx, req.body.tenantId)
    return connectionView(ctx, webhookUrl(req.host, req.protocol))
  })

  app.post('/connection/disconnect', { config: { permission: manage }, schema: { body: emptyBody, response: { 200: connectionSchema } } }, async (req) => {
    await disconnect(ctx, opts)
    return connectionView(ctx, webhookUrl(req.host, req.protocol))
  })

  app.post('/first-sync', {
    config: { permission: manage },
    schema: { body: emptyBody, response: { 200: { type: 'object', additionalProperties: false, required: ['queued'], properties: { queued: { type: 'integer' } } } } },
  }, async () => startFirstSync(ctx))
}
