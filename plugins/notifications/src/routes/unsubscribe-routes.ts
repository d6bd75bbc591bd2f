/**
 * One-click unsubscribe (RFC 8058), without sign-in: `POST /unsubscribe/:tenantId/:token` — what a mail client sends
 * for `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (form-encoded body) — switches every non-essential e-mail
 * of the token's address off (essential ones — account, invoices, payment problems — keep coming) and answers a
 * short HTML page. `GET` of the same link (a person clicking it in the mail) only shows a page with the button that
 * POSTs, so a link scanner that prefetches links unsubscribes nobody. The token is signed per tenant
 * (`domain/unsubscribe-token.ts`); a bad one is a 404 page.
 */
import { html } from '../contract/mail-html.ts'
import type { SafeHtml } from '../contract/mail-html.ts'
import type { PluginApp } from '@tessera/sdk'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { verifyUnsubscribeToken } from '../domain/unsubscribe-token.ts'
import { existingUnsubscribeKey } from '../store/signing-keys-store.ts'
import { unsubscribeAll } from '../store/preferences-store.ts'

const params = {
  type: 'object', additionalProperties: false, required: ['tenantId', 'token'],
  properties: { tenantId: { type: 'string', format: 'uuid', maxLength: 36 }, token: { type: 'string', minLength: 3, maxLength: 600, pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$' } },
} as const
const page = { 200: { description: 'An HTML page (text/html)' }, 404: { description: 'An HTML page (text/html)' } } as const

function htmlPage(title: string, body: SafeHtml): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${title}</title></head>
<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;background:#f5f6fa;color:#1f2333;margin:0;padding:48px 16px">
<main style="max-width:480px;margin:0 auto;background:#fff;border:1px solid #e3e5ee;border-radius:10px;padding:32px"><h1 style="font-size:20px;margin-top:0">${title}</h1>${body}</main></body></html>`.__html
}

/** Registers the unsubscribe routes (public: the link is the credential). */
export function unsubscribeRoutes(app: PluginApp, ctx: NotificationsContext): void {
  // mail clients post `List-Unsubscribe=One-Click` form-encoded (RFC 8058); the body is read and ignored
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, body, done) => done(null, { form: String(body) }))

  const addressOf = async (tenantId: string, token: string) => {
    const key = await existingUnsubscribeKey(ctx.db)
    return key ? verifyUnsubscribeToken(key, tenantId, token) : undefined
  }
  const invalid = htmlPage('This link does not work', html`<p>The unsubscribe link is not valid. Use the link from a recent e-mail, or change your e-mail preferences after signing in.</p>`)

  app.get('/unsubscribe/:tenantId/:token', { config: { public: true }, schema: { params, response: page } }, async (req, reply) => {
    const { tenantId, token } = req.params
    const email = await ctx.withTenant(tenantId, () => addressOf(tenantId, token))
    reply.type('text/html; charset=utf-8')
    if (!email) return reply.code(404).send(invalid)
    return reply.send(htmlPage('Unsubscribe?', html`<p>Stop non-essential e-mails (bookings, reminders, visitors) from this space to <strong>${email}</strong>?
      Account, invoice and payment e-mails keep coming.</p>
      <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
      <button type="submit" style="background:#4f46e5;color:#fff;border:0;border-radius:6px;padding:10px 18px;font-size:15px">Unsubscribe</button></form>`))
  })

  app.post('/unsubscribe/:tenantId/:token', { config: { public: true }, schema: { params, response: page } }, async (req, reply) => {
    const { tenantId, token } = req.params
    const email = await ctx.withTenant(tenantId, async () => {
      const address = await addressOf(tenantId, token)
      if (address && (await unsubscribeAll(ctx.db, address))) {
        await ctx.audit.record({ action: 'notifications.unsubscribe', target: `email:${address}`, data: { via: 'one-click' } })
      }
      return address
    })
    reply.type('text/html; charset=utf-8')
    if (!email) return reply.code(404).send(invalid)
    return reply.send(htmlPage('You are unsubscribed', html`<p><strong>${email}</strong> no longer receives non-essential e-mails from this space.
      Account, invoice and payment e-mails keep coming. You can switch e-mails back on in your e-mail preferences after signing in.</p>`))
  })
}
