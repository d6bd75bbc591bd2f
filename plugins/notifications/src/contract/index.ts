/**
 * `@tessera/plugin-notifications/contract`: what other plugins and notifications' screens may use — the
 * `notifications.templates` extension point and its template types, the `notifications.outbox` service ref, the
 * `html` helper for templates, permission names and the route schemas with their wire types. Imports nothing but
 * `@tessera/sdk`.
 */
export * from './notifications-permissions.ts'
export * from './mail-html.ts'
export * from './notification-templates.ts'
export * from './notifications-outbox.ts'
export * from './notifications-schemas.ts'
