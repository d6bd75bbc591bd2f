/**
 * `GET|PUT /me/preferences` (`notifications.self`): the signed-in user's e-mail preferences — for their address,
 * every template with whether they receive it; essential ones cannot be switched off (422 naming the entry).
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { notificationsPermissions } from '../contract/notifications-permissions.ts'
import { preferencesBody, preferencesSchema } from '../contract/notifications-schemas.ts'
import type { NotificationsContext } from '../domain/notifications-config.ts'
import { registryOf } from '../domain/registry-of.ts'
import { preferencesView } from '../domain/preferences.ts'
import { getPreferences, savePreferences } from '../store/preferences-store.ts'

/** The caller's address (users only: an API token has no mailbox). */
async function myAddress(ctx: NotificationsContext): Promise<string> {
  const actor = ctx.actor()
  const user = actor.type === 'user' ? await ctx.identity.get(actor.id) : undefined
  if (!user) throw problem.forbidden('E-mail preferences belong to a signed-in user of this space.')
  return user.email
}

/** Registers the preference routes. */
export function preferencesRoutes(app: PluginApp, ctx: NotificationsContext): void {
  const self = notificationsPermissions.self

  app.get('/me/preferences', { config: { permission: self }, schema: { response: { 200: preferencesSchema } } }, async () => {
    const email = await myAddress(ctx)
    return preferencesView(email, await getPreferences(ctx.db, email), registryOf(ctx).all())
  })

  app.put('/me/preferences', { config: { permission: self }, schema: { body: preferencesBody, response: { 200: preferencesSchema } } }, async (req) => {
    const email = await myAddress(ctx)
    const templates = registryOf(ctx).all()
    const byId = new Map(templates.map((t) => [t.template.id, t.template]))
    const errors = req.body.disabled.flatMap((id, i) => {
      const t = byId.get(id)
      if (!t) return [{ pointer: `/disabled/${i}`, detail: `there is no e-mail "${id}"` }]
      if (t.essential) return [{ pointer: `/disabled/${i}`, detail: `"${t.title}" is essential and cannot be switched off` }]
      return []
    })
    if (errors.length) throw problem.unprocessable('Some of these e-mails cannot be switched off.', errors)
    const prefs = { disabled: req.body.disabled, allOptionalOff: req.body.allOptionalOff }
    await savePreferences(ctx.db, email, prefs)
    return preferencesView(email, prefs, templates)
  })
}
