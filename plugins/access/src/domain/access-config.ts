/**
 * Per-tenant configuration of the access plugin (validated by the kernel with ajv when a tenant enables it; its
 * defaults are applied when read, so `ctx.config()` is always complete).
 */
import type { ConfigOf, PluginContext } from '@tessera/sdk'

/** The JSON Schema of a tenant's access configuration (the single declaration; the kernel applies the defaults on read). */
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
    printRetrySeconds: { type: 'integer', minimum: 1, maximum: 3600, default: 5, description: 'First wait before a print the printer refused (offline, error) is sent again; doubles per attempt, at most 10 minutes' },
    printMaxAttempts: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'Refused sends after which a print job fails with the printer\'s reason' },
    printQueueMinutes: { type: 'integer', minimum: 1, maximum: 43200, default: 1440, description: 'A print job not printed this long after it was queued (agent or printer away) fails as expired' },
    visitorBadges: { type: 'boolean', default: true, description: 'Print a badge on the location\'s badges printer when a visitor arrives (visitors plugin)' },
  },
} as const

/**
 * The validated configuration, derived from {@link configSchema}: `grantHorizonDays` (days of access windows cached at
 * the site, rolled forward hourly), `defaultUnlockMs`, `commandTimeoutMs`, `bookingLeadMinutes`/`bookingGraceMinutes`
 * (a booking opens its doors this early and keeps them open this long after), `bookingOpensEntrances`, and
 * `requireActiveMembership` (only people holding an active membership, as heard from billing's events, get grants —
 * once billing told this plugin about any membership of the tenant); printing: `printRetrySeconds` and `printMaxAttempts`
 * (retries of a print the printer refused), `printQueueMinutes` (how long a job may wait for its agent or printer) and
 * `visitorBadges` (print a badge when a visitor arrives).
 */
export type AccessConfig = ConfigOf<typeof configSchema>

/** The plugin context access code receives. */
export type AccessContext = PluginContext<AccessConfig>
