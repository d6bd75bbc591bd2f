/**
 * The per-tenant configuration of the bookings plugin: `configSchema` is its one declaration — the kernel validates it
 * when a tenant enables the plugin and applies its defaults whenever `ctx.config()` is read, so `BookingsConfig`
 * (derived from the schema) always has every setting — and `BookingsContext`, the plugin context typed with it.
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'

/** JSON Schema of the configuration. */
export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    checkInGraceMinutes: { type: 'integer', minimum: 0, maximum: 1440, default: 15, description: 'Minutes after the start to check in before the booking is released' },
    checkInOpensMinutes: { type: 'integer', minimum: 0, maximum: 1440, default: 15, description: 'Minutes before the start from which check-in is possible' },
    releaseNoShows: { type: 'boolean', default: true, description: 'Release bookings not checked in within the grace period' },
    maxOccurrences: { type: 'integer', minimum: 1, maximum: 366, default: 52, description: 'Most occurrences of one recurring booking' },
  },
} as const

/** The configuration with defaults applied (what `ctx.config()` returns). */
export type BookingsConfig = ConfigOf<typeof configSchema>

/** The plugin context of bookings, its config typed. */
export type BookingsContext = PluginContext<BookingsConfig>
