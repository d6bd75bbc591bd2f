/**
 * `POST /webhooks/:tenantId`: Xero's webhook for the tenant (register this URL in the tenant's Xero app). The body is
 * taken raw (a content-type parser of its own) and its `x-xero-signature` checked before anything parses it: 401 when
 * it does not match — also the answer Xero's intent-to-receive expects for a badly signed payload — and 200 for a
 * correctly signed one (an empty `events` list included). Events are then queued, each applied once.
 */
import type { JsonSchemaToTsProvider, PluginApp } from '@tessera/sdk'
import { problem, uuid } from '@tessera/sdk'
import type { XeroContext } from '../domain/xero-config.ts'
import { acceptEvents, verifySignature } from '../domain/webhook.ts'

/** Registers the webhook. */
export function webhookRoutes(app: PluginApp, ctx: XeroContext): void {
  app.register(async (instance) => {
    const hook = instance.withTypeProvider<JsonSchemaToTsProvider>()
    hook.removeAllContentTypeParsers()
    hook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1_048_576 }, (_req, body, done) => done(null, body))
    hook.post('/webhooks/:tenantId', {
      config: { public: true },
      schema: {
        params: { type: 'object', additionalProperties: false, required: ['tenantId'], properties: { tenantId: uuid } },
        response: { 200: { type: 'object', additionalProperties: false, required: ['received'], properties: { received: { type: 'integer' } } } },
      },
    }, async (req) => {
      const raw: unknown = req.body
      const signature = req.headers['x-xero-signature']
      return ctx.withTenant(req.params.tenantId, async () => {
        if (!(raw instanceof Uint8Array) || !verifySignature(raw, typeof signature === 'string' ? signature : undefined, ctx.config().webhookKey)) {
          throw problem.unauthorized('The x-xero-signature does not match this body.')
        }
        let payload: { events?: [] }
        try {
          payload = JSON.parse(Buffer.from(raw).toString('utf8'))
        } catch {
          throw problem.badRequest('The webhook body is not JSON.')
        }
        return { received: await acceptEvents(ctx, payload) }
      })
    })
  })
}
