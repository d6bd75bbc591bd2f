/**
 * The per-tenant configuration of the Xero plugin: `configSchema` is its only declaration (validated by the kernel on
 * enable, defaults applied on read), `XeroConfig` its type, `XeroContext` the plugin context typed with it. The app's
 * OAuth client and webhook key are the tenant's own Xero app; `mapping` is the starting account/tax mapping, which
 * staff then edit on the mapping screen (stored in `xero.mappings`, same schema).
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'
import { mappingSchema } from '../contract/xero-schemas.ts'

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['clientId', 'clientSecret'],
  properties: {
    clientId: { type: 'string', minLength: 1, maxLength: 100, description: 'OAuth 2.0 client id of the tenant\'s Xero app' },
    clientSecret: { type: 'string', minLength: 1, maxLength: 200, description: 'OAuth 2.0 client secret of that app' },
    webhookKey: { type: 'string', minLength: 1, maxLength: 200, description: 'Webhook signing key of that app (x-xero-signature)' },
    scopes: {
      type: 'string', maxLength: 500,
      default: 'offline_access accounting.contacts accounting.invoices accounting.payments accounting.settings.read',
      description: 'Granular scopes (apps created after 2026-03-02)',
    },
    mapping: mappingSchema,
  },
} as const

/** The plugin's config of a tenant (defaults applied). */
export type XeroConfig = ConfigOf<typeof configSchema>

/** The plugin context, typed with the config. */
export type XeroContext = PluginContext<XeroConfig>
