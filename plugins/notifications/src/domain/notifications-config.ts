/**
 * The per-tenant configuration of notifications: `configSchema` is its only declaration (validated by the kernel on
 * enable, defaults applied on read). `smtp` is the transport — host, port, TLS, user, password (preferably as a kernel
 * secret named by `passwordSecret`, `TESSERA_SECRET_<NAME>`, so it never sits in the tenant's stored config) and the
 * from address; without a host and a from address mail is logged as skipped ("not configured") and nothing else
 * fails. `brandName`/`logoUrl` make the layout the tenant's, `appUrl` (where people reach Tessera) is needed for
 * links and one-click unsubscribe. `retry` bounds the SMTP retries (exponential backoff from `baseDelaySeconds`).
 */
import { timezone } from '@tessera/sdk'
import type { ConfigOf, PluginContext } from '@tessera/sdk'

const url = { type: 'string', minLength: 8, maxLength: 500, pattern: '^https?://[^\\s]+$' } as const

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    smtp: {
      type: 'object', additionalProperties: false,
      description: 'SMTP transport; without host and from, mail is logged as "not configured"',
      properties: {
        host: { type: 'string', minLength: 1, maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]-]+$', description: 'SMTP server host name or address' },
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 587 },
        secure: { type: 'boolean', default: false, description: 'TLS from the start (port 465); otherwise STARTTLS when the server offers it' },
        user: { type: 'string', minLength: 1, maxLength: 320, description: 'SMTP user name (none: no authentication)' },
        passwordSecret: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-zA-Z0-9_]+$', description: 'Name of the kernel secret holding the SMTP password (preferred)' },
        password: { type: 'string', minLength: 1, maxLength: 500, description: 'The SMTP password itself (prefer passwordSecret)' },
        from: { type: 'string', minLength: 3, maxLength: 320, description: 'From address, e.g. "Demo Coworking <hello@demo.example>"' },
        timeoutMs: { type: 'integer', minimum: 1000, maximum: 60_000, default: 10_000, description: 'Connection and greeting timeout' },
      },
    },
    brandName: { type: 'string', minLength: 1, maxLength: 120, default: 'Tessera', description: "The space's name in every e-mail" },
    logoUrl: { ...url, description: 'Absolute URL of the logo shown at the top of HTML mail' },
    appUrl: { ...url, description: 'Where people reach Tessera (links, one-click unsubscribe), e.g. https://spaces.example' },
    timeZone: { ...timezone, default: 'UTC', title: 'Timezone', description: 'Time zone of times in e-mails (IANA name, e.g. Europe/London)' },
    reminderLeadMinutes: { type: 'integer', minimum: 5, maximum: 10_080, default: 60, description: 'Booking reminders this long before the start' },
    retry: {
      type: 'object', additionalProperties: false, default: {},
      properties: {
        maxAttempts: { type: 'integer', minimum: 1, maximum: 20, default: 6, description: 'SMTP attempts before a message is failed' },
        baseDelaySeconds: { type: 'integer', minimum: 1, maximum: 3600, default: 30, description: 'First retry delay; doubled each time, at most an hour' },
      },
    },
  },
} as const

/** The plugin's config of a tenant (defaults applied). */
export type NotificationsConfig = ConfigOf<typeof configSchema>

/** The plugin context, typed with the config. */
export type NotificationsContext = PluginContext<NotificationsConfig>
