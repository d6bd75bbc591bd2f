/**
 * Per-tenant configuration of the access plugin (validated by the kernel with ajv when a tenant enables it).
 */

/** The validated configuration. */
export interface AccessConfig {
  /** How far ahead grant windows are computed and pushed to agents (days). The hourly job rolls it forward. */
  grantHorizonDays: number
  /** Default relay pulse of a remote unlock (ms), when the door has none. */
  defaultUnlockMs: number
  /** How long a remote unlock waits for the agent's answer (ms). */
  commandTimeoutMs: number
  /** A booking opens its room's doors this many minutes before it starts… */
  bookingLeadMinutes: number
  /** …and keeps them open for people this many minutes after it ends. */
  bookingGraceMinutes: number
  /** A booking also opens the doors of its location that belong to no resource (entrances). */
  bookingOpensEntrances: boolean
  /**
   * Only people holding an active membership (their own or their organisation's, as heard from billing's events) get
   * grants — once billing told this plugin about any membership of the tenant (without billing it has no effect).
   */
  requireActiveMembership: boolean
}

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    grantHorizonDays: { type: 'integer', minimum: 1, maximum: 60, default: 7, description: 'Days of access windows cached at the site' },
    defaultUnlockMs: { type: 'integer', minimum: 200, maximum: 60000, default: 5000, description: 'Relay pulse of a remote unlock (ms)' },
    commandTimeoutMs: { type: 'integer', minimum: 500, maximum: 30000, default: 8000, description: 'Wait for an agent to answer a command (ms)' },
    bookingLeadMinutes: { type: 'integer', minimum: 0, maximum: 1440, default: 15, description: 'A booking opens its doors this early (minutes)' },
    bookingGraceMinutes: { type: 'integer', minimum: 0, maximum: 1440, default: 15, description: 'A booking keeps its doors open this long after it ends (minutes)' },
    bookingOpensEntrances: { type: 'boolean', default: true, description: 'A booking also opens the location\'s entrances (doors without a resource)' },
    requireActiveMembership: { type: 'boolean', default: false, description: 'Only members with an active membership (own or organisation\'s, from billing) get access; no effect without billing data' },
  },
} as const

/** The configuration with defaults filled in. */
export function accessConfig(raw: Partial<AccessConfig> | undefined): AccessConfig {
  return {
    grantHorizonDays: raw?.grantHorizonDays ?? 7,
    defaultUnlockMs: raw?.defaultUnlockMs ?? 5000,
    commandTimeoutMs: raw?.commandTimeoutMs ?? 8000,
    bookingLeadMinutes: raw?.bookingLeadMinutes ?? 15,
    bookingGraceMinutes: raw?.bookingGraceMinutes ?? 15,
    bookingOpensEntrances: raw?.bookingOpensEntrances ?? true,
    requireActiveMembership: raw?.requireActiveMembership ?? false,
  }
}
