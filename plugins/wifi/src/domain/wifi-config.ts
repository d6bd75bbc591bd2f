/**
 * Per-tenant configuration of the Wi-Fi plugin (validated by the kernel when a tenant enables it; defaults applied on
 * read): the RADIUS realm of the tenant's usernames, whether only plans with the `wifi` feature give Wi-Fi, the UniFi
 * controller (Network Integration API), the POS product that sells a day pass with a guest voucher, vouchers for
 * arriving visitors, and where vouchers are printed (access's `vouchers` printers).
 */
import { uuid } from '@tessera/sdk'
import type { ConfigOf, PluginContext } from '@tessera/sdk'

/** The JSON Schema of a tenant's Wi-Fi configuration. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['realm'],
  properties: {
    realm: { type: 'string', pattern: '^[a-z0-9][a-z0-9.-]{0,62}$', maxLength: 63, description: 'RADIUS realm of this tenant\'s logins (user@realm): the tenant slug; unique across tenants' },
    passwordLength: { type: 'integer', minimum: 10, maximum: 40, default: 14, description: 'Length of generated Wi-Fi passwords' },
    requirePlanFeature: {
      type: 'boolean', default: false,
      description: 'Only memberships of plans whose features say wifi: true give Wi-Fi (otherwise every plan does unless its features say wifi: false)',
    },
    disconnect: {
      type: 'object', additionalProperties: false, required: ['secret'],
      description: 'Send RADIUS Disconnect-Requests (RFC 5176) to the NAS of a live session when a member loses Wi-Fi',
      properties: {
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 3799 },
        secret: { type: 'string', minLength: 1, maxLength: 128 },
      },
    },
    unifi: {
      type: 'object', additionalProperties: false, required: ['baseUrl', 'siteId', 'apiKey'],
      description: 'UniFi Network Integration API (the key goes in X-API-KEY; stored like billing\'s gateway keys)',
      properties: {
        apiKey: { type: 'string', minLength: 1, maxLength: 200 },
        baseUrl: { type: 'string', maxLength: 300, description: 'e.g. https://unifi.local/proxy/network/integration' },
        siteId: { type: 'string', minLength: 1, maxLength: 100 },
      },
    },
    dayPass: {
      type: 'object', additionalProperties: false, required: ['sku'],
      description: 'A POS sale of this product creates one voucher per unit sold',
      properties: {
        sku: { type: 'string', minLength: 1, maxLength: 60 },
        durationMinutes: { type: 'integer', minimum: 1, maximum: 1000000, default: 1440 },
        dataLimitMb: { type: 'integer', minimum: 1, maximum: 1048576 },
        print: { type: 'boolean', default: false, description: 'Print the day pass\'s vouchers on the vouchers printer (access plugin)' },
      },
    },
    visitors: {
      type: 'object', additionalProperties: false,
      description: 'A visitor\'s arrival (visitors plugin) creates a guest voucher for them',
      properties: {
        durationMinutes: { type: 'integer', minimum: 1, maximum: 1000000, default: 480 },
        dataLimitMb: { type: 'integer', minimum: 1, maximum: 1048576 },
        print: { type: 'boolean', default: false, description: 'Print it on the vouchers printer of the visitor\'s location' },
      },
    },
    voucherPrintLocationId: { ...uuid, description: 'The location whose vouchers printer prints vouchers (default: the visitor\'s location, else any)' },
  },
} as const

/** The validated configuration, derived from {@link configSchema}. */
export type WifiConfig = ConfigOf<typeof configSchema>

/** The plugin context Wi-Fi code receives. */
export type WifiContext = PluginContext<WifiConfig>
