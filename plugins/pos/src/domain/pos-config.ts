/**
 * POS configuration: the schema is the single declaration (the kernel validates a tenant's config against it and
 * fills in the defaults on read), and {@link PosConfig} is derived from it.
 */
import { timezone, uuid } from '@tessera/sdk'
import type { ConfigOf, PluginContext } from '@tessera/sdk'

/** The JSON Schema of a tenant's POS configuration. */
export const posConfigSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    pricesIncludeTax: { type: 'boolean', default: true, description: 'Shelf prices include tax' },
    timezone: { ...timezone, default: 'UTC', description: 'IANA timezone of the daily report and the receipts' },
    printReceipts: { type: 'boolean', default: false, description: 'Print a receipt after each sale on a receipts printer (access plugin)' },
    receiptLocationId: { ...uuid, description: 'The front desk\'s location: its receipts printer prints (default: any location\'s)' },
  },
} as const

/** A tenant's POS configuration, defaults applied. */
export type PosConfig = ConfigOf<typeof posConfigSchema>

/** The plugin context POS code receives. */
export type PosContext = PluginContext<PosConfig>
