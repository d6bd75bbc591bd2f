/**
 * The per-tenant configuration of the PaperCut plugin: `configSchema` is its only declaration (validated by the
 * kernel on enable, defaults applied on read), `PaperCutConfig` its type, `PaperCutContext` the plugin context typed
 * with it. The auth token is a secret: either named (`authTokenSecret`: a kernel secret `TESSERA_SECRET_<NAME>`,
 * preferred — the token never sits in the tenant's stored config) or given inline (`authToken`).
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['serverUrl'],
  properties: {
    serverUrl: {
      type: 'string', minLength: 8, maxLength: 500, pattern: '^https?://[^\\s/]+(:[0-9]+)?/?$',
      description: 'PaperCut server, e.g. https://papercut.example:9192 (the API is at /rpc/api/xmlrpc)',
    },
    authTokenSecret: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[a-zA-Z0-9_]+$', description: 'Name of the kernel secret holding the web-services auth token' },
    authToken: { type: 'string', minLength: 1, maxLength: 200, description: 'The auth token itself (prefer authTokenSecret)' },
    usernames: { type: 'string', enum: ['email', 'person-id'], default: 'email', description: 'New PaperCut usernames: the e-mail, or tessera-<person id> (no personal data in the username)' },
    cardNumbers: { type: 'boolean', default: true, description: 'Send the member\'s newest access card as their PaperCut card number' },
    allowanceFeature: { type: 'string', minLength: 1, maxLength: 60, default: 'printPages', description: 'Plan feature holding the pages included per period' },
    pricePerPage: { type: 'integer', minimum: 0, maximum: 100_000, default: 10, description: 'Price of a black-and-white page, minor units' },
    pricePerColourPage: { type: 'integer', minimum: 0, maximum: 100_000, default: 50, description: 'Price of a colour page, minor units' },
    taxRateBp: { type: 'integer', minimum: 0, maximum: 10_000, default: 0, description: 'Tax rate of the overage charge, basis points' },
    sharedAccount: { type: 'string', maxLength: 100, default: '', description: 'Account adjusted (empty: the user\'s built-in account)' },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 60_000, default: 10_000 },
  },
} as const

/** The plugin's config of a tenant (defaults applied). */
export type PaperCutConfig = ConfigOf<typeof configSchema>

/** The plugin context, typed with the config. */
export type PaperCutContext = PluginContext<PaperCutConfig>
