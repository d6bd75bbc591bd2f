/**
 * The visitors plugin's per-tenant configuration: the timezone its "today" and its badge days are counted in (the
 * front desk's local day). `VisitorsContext` is the plugin context typed with it.
 */
import { timezone } from '@tessera/sdk'
import type { ConfigOf, PluginContext } from '@tessera/sdk'

export const configSchema = {
  type: 'object', additionalProperties: false,
  properties: {
    timezone: { ...timezone, default: 'UTC', title: 'Timezone', description: 'The front desk\'s timezone: "today" and badge days are counted in it (IANA name, e.g. Europe/London).' },
  },
} as const

/** The validated config (defaults applied on read). */
export type VisitorsConfig = ConfigOf<typeof configSchema>

/** The visitors plugin's context. */
export type VisitorsContext = PluginContext<VisitorsConfig>
