/**
 * Mailchimp's webhook of the tenant, `/webhooks/:tenantId/:secret` (public: Mailchimp cannot sign in, and does not
 * sign its webhooks, so the tenant's random `webhookSecret` in the URL is the credential). `GET` answers Mailchimp's
 * validation ping; `POST` takes the form-encoded event raw (a content-type parser of its own) and compares the secret
 * in constant time before anything parses the body — a wrong secret is a 404, as for an unknown tenant.
 */
import { timingSafeEqual, createHash } from 'node:crypto'
import type { JsonSchemaToTsProvider, PluginApp } from '@tessera/sdk'
import { problem, uuid } from '@tessera/sdk'
import type { MailchimpContext } from '../domain/mailchimp-config.ts'
import { applyWebhook, webhookFields } from '../domain/webhook.ts'

const params = {
  type: 'object', additionalProperties: false, required: ['tenantId', 'secret'],
  properties: { tenantId: uuid, secret: { type: 'string', minLength: 1, maxLength: 128 } },
} as const

const digest = (s: string) => createHash('sha256').update(s).digest()

function checkSecret(ctx: MailchimpContext, given: string): void {
  if (!timingSafeEqual(digest(given), digest(ctx.config().webhookSecret))) throw problem.notFound()
}

/** Registers the webhook. */
export function webhookRoutes(app: PluginApp, ctx: MailchimpContext): void {
  app.register(async (instance) => {
    const hook = instance.withTypeProvider<JsonSchemaToTsProvider>()
    hook.removeAllContentTypeParsers()
    hook.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 65_536 }, (_req, body, done) => done(null, body))

    hook.get('/webhooks/:tenantId/:secret', {
      config: { public: true },
      schema: { params, response: { 200: { type: 'object', additionalProperties: false, required: ['ok'], properties: { ok: { type: 'boolean' } } } } },
    }, async (req) => ctx.withTenant(req.params.tenantId, async () => {
      checkSecret(ctx, req.params.secret)
      return { ok: true }
    }))

    hook.post('/webhooks/:tenantId/:secret', {
      config: { public: true },
      schema: {
        params,
        response: { 200: { type: 'object', additionalProperties: false, required: ['outcome'], properties: { outcome: { enum: ['consent-withdrawn', 'consent-granted', 'email-changed', 'ignored'] } } } },
      },
    }, async (req) => {
      const raw: unknown = req.body
      return ctx.withTenant(req.params.tenantId, async () => {
        checkSecret(ctx, req.params.secret)
        if (!(raw instanceof Uint8Array)) throw problem.badRequest('A form-encoded Mailchimp webhook is required.')
        const outcome = await applyWebhook(ctx, webhookFields(Buffer.from(raw).toString('utf8')))
        await ctx.audit.record({ action: 'webhook', target: `tenant:${req.params.tenantId}`, data: { outcome } })
        return { outcome }
      })
    })
  })
}
