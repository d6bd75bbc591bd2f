/**
 * JSON Schemas of a person's Wi-Fi as staff see it (`GET /wifi/people/:personId`, the member profile's Wi-Fi section):
 * the login, whether RADIUS accepts it now and — when not — why (from the plugin's eligibility rules), when the
 * password was last set, the devices seen in accounting and the data used. Never the password itself. Also the result
 * of a staff disconnect (`POST /wifi/people/:personId/disconnect`).
 */
import { uuid } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

const MAX = 9007199254740991
const ts = { type: 'string', maxLength: 40 } as const
const nullableTs = { type: ['string', 'null'], maxLength: 40 } as const

/**
 * Why a person has no working Wi-Fi login: the person's record (`person-suspended`, `person-left`,
 * `person-anonymised`), their memberships (`no-membership`, `membership-suspended`, `membership-ended`,
 * `membership-not-started`), their plan (`plan-without-wifi`), or an eligible person whose login is issued with the
 * next membership update (`not-issued`). @public
 */
export const WIFI_REFUSALS = [
  'person-suspended', 'person-left', 'person-anonymised', 'no-membership', 'membership-suspended', 'membership-ended',
  'membership-not-started', 'plan-without-wifi', 'not-issued',
] as const

/** A {@link WIFI_REFUSALS} code with its sentence for people. @public */
export const wifiRefusalSchema = {
  type: 'object', additionalProperties: false, required: ['code', 'message'],
  properties: { code: { type: 'string', enum: WIFI_REFUSALS }, message: { type: 'string', maxLength: 300 } },
} as const
/** Why a person's Wi-Fi does not work. @public */
export type WifiRefusal = FromSchema<typeof wifiRefusalSchema>

/** A device (its MAC, as the access point reported it) seen in a person's accounting sessions. @public */
export const wifiDeviceSchema = {
  type: 'object', additionalProperties: false, required: ['device', 'lastSeenAt', 'connected', 'sessions'],
  properties: {
    device: { type: 'string', maxLength: 253 },
    lastSeenAt: ts,
    /** A session of the device has started and not stopped. */
    connected: { type: 'boolean' },
    sessions: { type: 'integer', minimum: 0, maximum: MAX },
  },
} as const
/** A device of a person. @public */
export type WifiDevice = FromSchema<typeof wifiDeviceSchema>

/** A person's Wi-Fi for staff: everything but the password. `username` is null when they have no login. @public */
export const personWifiSchema = {
  type: 'object', additionalProperties: false,
  required: ['personId', 'username', 'active', 'refusal', 'validFrom', 'validUntil', 'rotatedAt', 'devices', 'openSessions', 'totalBytes', 'canDisconnect'],
  properties: {
    personId: uuid,
    username: { type: ['string', 'null'], maxLength: 200 },
    /** RADIUS accepts the login now. */
    active: { type: 'boolean' },
    /** Why not, when `active` is false; null when active. */
    refusal: { anyOf: [wifiRefusalSchema, { type: 'null' }] },
    validFrom: nullableTs,
    validUntil: nullableTs,
    /** When the password was last set (issued or rotated). */
    rotatedAt: nullableTs,
    devices: { type: 'array', maxItems: 20, items: wifiDeviceSchema },
    /** Accounting sessions not stopped yet. */
    openSessions: { type: 'integer', minimum: 0, maximum: MAX },
    totalBytes: { type: 'integer', minimum: 0, maximum: MAX },
    /** The tenant configured Disconnect-Requests (`disconnect`), so staff can end live sessions. */
    canDisconnect: { type: 'boolean' },
  },
} as const
/** A person's Wi-Fi (staff view). @public */
export type PersonWifi = FromSchema<typeof personWifiSchema>

/** `/people/:personId` params. @public */
export const wifiPersonParams = { type: 'object', additionalProperties: false, required: ['personId'], properties: { personId: uuid } } as const

/** What a staff disconnect did: how many live sessions were asked to end, and how many NASes acknowledged. @public */
export const disconnectResultSchema = {
  type: 'object', additionalProperties: false, required: ['sessions', 'acknowledged'],
  properties: { sessions: { type: 'integer', minimum: 0, maximum: 10000 }, acknowledged: { type: 'integer', minimum: 0, maximum: 10000 } },
} as const
/** Result of `POST /wifi/people/:personId/disconnect`. @public */
export type DisconnectResult = FromSchema<typeof disconnectResultSchema>
