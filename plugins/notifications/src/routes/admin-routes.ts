/**
 * The admin side (`notifications.manage`): `GET /settings` (the SMTP settings from the tenant's plugin config — the
 * password never, only whether one is set — the brand and every template), `POST /settings/test` (sends a test
 * e-mail now and answers with the server's response or the error), `GET /messages` (the log, newest first, filtered
 * by state, paged) and `POST /messages/:id/retry` (a failed or skipped message is sent again; 409 for any other).
 */
import { problem, idParams, emptyBody } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { notificationsPermissions } from '../contract/notifications-permissions.ts'
import { messagePage, messageQuery, messageSchema, settingsSchema, testSendBody, testSendResult } from '../contract/notifications-schemas.ts'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { registryOf } from '../domain/registry-of.ts'
import { smtpSettings } from '../domain/smtp-transport.ts'
import { brandOf } from '../domain/mail-layout.ts'
import { sendTestMail } from '../domain/test-mail.ts'
import { getMessage, listMessages, resetForRetry } from '../store/messages-store.ts'

/** Registers the admin routes. */
export function adminRoutes(app: PluginApp, ctx: NotificationsContext): void {
  const manage = notificationsPermissions.manage

  app.get('/settings', { config: { permission: manage }, schema: { response: { 200: settingsSchema } } }, async () => {
    const cfg = ctx.config()
    const s = smtpSettings(ctx, cfg)
    return {
      configured: s.configured,
      smtp: { host: s.host, port: s.port, secure: s.secure, user: s.user, from: s.from, passwordSet: s.password !== null },
      brand: brandOf(cfg), timeZone: cfg.timeZone, reminderLeadMinutes: cfg.reminderLeadMinutes,
      templates: registryOf(ctx).all().map(({ template: t, plugin }) => ({ id: t.id, title: t.title, description: t.description, essential: t.essential, plugin })),
    }
  })

  app.post('/settings/test', { config: { permission: manage }, schema: { body: testSendBody, response: { 200: testSendResult } } }, async (req) =>
    sendTestMail(ctx, req.body.to))

  app.get('/messages', { config: { permission: manage }, schema: { querystring: messageQuery, response: { 200: messagePage } } }, async (req) => {
    const { state, limit, offset } = req.query
    return { ...(await listMessages(ctx.db, { state, limit, offset })), limit, offset }
  })

  app.post('/messages/:id/retry', { config: { permission: manage }, schema: { params: idParams, body: emptyBody, response: { 200: messageSchema } } }, async (req) => {
    const before = await getMessage(ctx.db, req.params.id)
    if (!before) throw problem.notFound('No such message.')
    if (!(await resetForRetry(ctx.db, before.id))) {
      throw problem.conflict(`Only failed or skipped messages can be retried; this one is ${before.state}.`)
    }
    await ctx.jobs.send('deliver', { messageId: before.id })
    return (await getMessage(ctx.db, before.id))!
  })
}
