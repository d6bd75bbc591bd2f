/**
 * Whether a recipient receives a template: essential templates always; a non-essential one unless the recipient
 * switched it off or switched every non-essential e-mail off (one-click unsubscribe). Preferences belong to the
 * address (lower-cased), so they hold for a person without a login too.
 */
import type { Db } from '@tessera/sdk'
import type { NotificationTemplate } from '../contract/notification-templates.ts'
import type { NotificationPreferences } from '../contract/notifications-schemas.ts'
import { getPreferences } from '../store/preferences-store.ts'
import type { StoredPreferences } from '../store/preferences-store.ts'
import type { RegisteredTemplate } from './template-registry.ts'

/** Whether `prefs` let `template` through. */
export function receives(template: NotificationTemplate, prefs: StoredPreferences): boolean {
  return template.essential || (!prefs.allOptionalOff && !prefs.disabled.includes(template.id))
}

/** Whether the address `email` receives `template` (reads its preferences). */
export async function recipientReceives(db: Db, template: NotificationTemplate, email: string): Promise<boolean> {
  return template.essential || receives(template, await getPreferences(db, email))
}

/** The preferences view of `email` over `templates` (the test e-mail left out). */
export function preferencesView(email: string, prefs: StoredPreferences, templates: RegisteredTemplate[]): NotificationPreferences {
  return {
    email,
    allOptionalOff: prefs.allOptionalOff,
    templates: templates
      .filter((t) => t.template.id !== 'notifications.test')
      .map(({ template: t }) => ({ id: t.id, title: t.title, description: t.description, essential: t.essential, enabled: receives(t, prefs) })),
  }
}
