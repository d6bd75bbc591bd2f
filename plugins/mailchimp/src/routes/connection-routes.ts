/**
 * The connection screens' routes: the account's audiences (`GET /audiences`, through the SDK), the settings
 * (`GET /settings`: chosen audience, mapping, the webhook path to enter in Mailchimp), choosing the audience
 * (`PUT /audience`, which queues its first sync) and the field/tag mapping (`PUT /mapping`).
 */
import type { PluginApp } from '@tessera/sdk'
import { audienceBody, audienceListSchema, mappingSchema, settingsSchema } from '../contract/mailchimp-schemas.ts'
import type { Settings } from '../contract/mailchimp-schemas.ts'
import { mailchimpPermissions } from '../contract/mailchimp-permissions.ts'
import type { MailchimpContext } from '../domain/mailchimp-config.ts'
import { chooseAudience, listAudiences } from '../domain/audiences.ts'
import { getSettings, setMapping } from '../store/settings-store.ts'

/** The settings as the API shows them. */
export async function settingsView(ctx: MailchimpContext): Promise<Settings> {
  const s = await getSettings(ctx.db)
  return { ...s, webhookPath: `/api/v1/mailchimp/webhooks/${ctx.tenant().id}/${ctx.config().webhookSecret}` }
}

/** Registers the routes. */
export function connectionRoutes(app: PluginApp, ctx: MailchimpContext): void {
  app.get('/audiences', {
    config: { permission: mailchimpPermissions.manage },
    schema: { response: { 200: audienceListSchema } },
  }, async () => ({ items: await listAudiences(ctx) }))

  app.get('/settings', {
    config: { permission: mailchimpPermissions.manage },
    schema: { response: { 200: settingsSchema } },
  }, async () => settingsView(ctx))

  app.put('/audience', {
    config: { permission: mailchimpPermissions.manage },
    schema: { body: audienceBody, response: { 200: settingsSchema } },
  }, async (req) => {
    await chooseAudience(ctx, req.body.audienceId)
    return settingsView(ctx)
  })

  app.put('/mapping', {
    config: { permission: mailchimpPermissions.manage },
    schema: { body: mappingSchema, response: { 200: settingsSchema } },
  }, async (req) => {
    await setMapping(ctx.db, req.body)
    return settingsView(ctx)
  })
}
