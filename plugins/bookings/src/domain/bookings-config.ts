/**
 * The per-tenant configuration of the bookings plugin (JSON Schema validated by the kernel when a tenant enables it,
 * defaults filled in) and its TypeScript shape.
 */

/** Validated configuration. */
export interface BookingsConfig {
  /** Minutes after the start within which a booking must be checked in, or it is released. */
  checkInGraceMinutes: number
  /** Minutes before the start from which check-in is possible. */
  checkInOpensMinutes: number
  /** Release bookings that were not checked in within the grace period. */
  releaseNoShows: boolean
  /** Most occurrences one recurring booking expands into. */
  maxOccurrences: number
}

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

/** The config with defaults, whatever the stored record holds. */
export function bookingsConfig(raw: Partial<BookingsConfig>): BookingsConfig {
  return { checkInGraceMinutes: 15, checkInOpensMinutes: 15, releaseNoShows: true, maxOccurrences: 52, ...raw }
}
