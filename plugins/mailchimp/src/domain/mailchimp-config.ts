/**
 * The per-tenant configuration of the Mailchimp plugin — `configSchema` is its only declaration (validated by the
 * kernel on enable, defaults applied on read): the account's API key and server prefix (secrets of the tenant), the
 * secret that makes the webhook URL unguessable, and optionally another API base path (tests: the local fake).
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['apiKey', 'serverPrefix', 'webhookSecret'],
  properties: {
    apiKey: { type: 'string', minLength: 1, maxLength: 100, writeOnly: true, description: 'Mailchimp API key (secret)' },
    serverPrefix: { type: 'string', pattern: '^[a-z]{2,4}[0-9]{1,3}$', maxLength: 8, description: 'The data centre of the account, e.g. us21 (the end of the API key)' },
    webhookSecret: { type: 'string', minLength: 24, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$', writeOnly: true, description: 'Random secret in the webhook URL (Mailchimp webhooks are unsigned)' },
    apiBasePath: {
      type: 'string', maxLength: 300, pattern: '^https?://((?!server).)*$',
      description: 'Another Marketing API base path (a proxy, or the test fake); must not contain "server", which the SDK rewrites',
    },
    maxConnections: { type: 'integer', minimum: 1, maximum: 10, default: 10, description: 'Concurrent connections to Mailchimp (Mailchimp allows 10)' },
  },
} as const

/** The plugin's config of a tenant (defaults applied). */
export type MailchimpConfig = ConfigOf<typeof configSchema>

/** The plugin context, typed with the config. */
export type MailchimpContext = PluginContext<MailchimpConfig>
