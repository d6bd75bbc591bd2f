/**
 * JSON Schemas of the Wi-Fi plugin's routes (the wire shapes); their types are derived with `FromSchema`, so a route,
 * its store rows and the screens share one declaration.
 */
import { uuid } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

const MAX = 9007199254740991
const ts = { type: 'string', maxLength: 40 } as const
const nullableTs = { type: ['string', 'null'], maxLength: 40 } as const

/** One RADIUS accounting session of a member. @public */
export const wifiSessionSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'startedAt', 'stoppedAt', 'seconds', 'inputBytes', 'outputBytes', 'device'],
  properties: {
    id: { type: 'string', maxLength: 253 }, startedAt: ts, stoppedAt: nullableTs,
    seconds: { type: 'integer', minimum: 0, maximum: MAX },
    inputBytes: { type: 'integer', minimum: 0, maximum: MAX }, outputBytes: { type: 'integer', minimum: 0, maximum: MAX },
    device: { type: ['string', 'null'], maxLength: 253 },
  },
} as const
/** A RADIUS accounting session. @public */
export type WifiSession = FromSchema<typeof wifiSessionSchema>

/** The member's own Wi-Fi: the login (`local@realm`), its password, whether it works now, sessions and data used. @public */
export const myWifiSchema = {
  type: 'object', additionalProperties: false,
  required: ['username', 'password', 'active', 'validUntil', 'rotatedAt', 'sessions', 'totalBytes'],
  properties: {
    username: { type: 'string', maxLength: 200 },
    password: { type: 'string', maxLength: 100 },
    active: { type: 'boolean' },
    validUntil: nullableTs,
    rotatedAt: ts,
    sessions: { type: 'array', maxItems: 50, items: wifiSessionSchema },
    totalBytes: { type: 'integer', minimum: 0, maximum: MAX },
  },
} as const
/** The member's Wi-Fi. @public */
export type MyWifi = FromSchema<typeof myWifiSchema>

/** A guest voucher (created at the UniFi controller by staff, for a POS day pass, or for an arriving visitor). @public */
export const voucherSchema = {
  type: 'object', additionalProperties: false,
  required: ['id', 'code', 'name', 'durationMinutes', 'dataLimitMb', 'source', 'saleId', 'visitorId', 'createdAt'],
  properties: {
    id: uuid, code: { type: 'string', maxLength: 40 }, name: { type: 'string', maxLength: 100 },
    durationMinutes: { type: 'integer', minimum: 1, maximum: 1000000 },
    dataLimitMb: { type: ['integer', 'null'], minimum: 1, maximum: 1048576 },
    source: { type: 'string', enum: ['staff', 'pos', 'visitor'] },
    saleId: { anyOf: [uuid, { type: 'null' }] },
    visitorId: { anyOf: [uuid, { type: 'null' }], description: 'The visitor whose arrival issued it (visitors plugin)' },
    createdAt: ts,
  },
} as const
/** A guest voucher. @public */
export type Voucher = FromSchema<typeof voucherSchema>

/** Body of `POST /wifi/vouchers`: how many, for how long, with what data limit. @public */
export const createVouchersBody = {
  type: 'object', additionalProperties: false, required: ['durationMinutes'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    count: { type: 'integer', minimum: 1, maximum: 100, default: 1 },
    durationMinutes: { type: 'integer', minimum: 1, maximum: 1000000 },
    dataLimitMb: { type: 'integer', minimum: 1, maximum: 1048576 },
  },
} as const
/** Body of `POST /wifi/vouchers`. @public */
export type CreateVouchers = FromSchema<typeof createVouchersBody>

/** Body of `POST /wifi/vouchers/:id/print`: where to print (default: the tenant's voucher location, else any vouchers printer). @public */
export const printVoucherBody = {
  type: 'object', additionalProperties: false,
  properties: { locationId: uuid },
} as const
/** Body of `POST /wifi/vouchers/:id/print`. @public */
export type PrintVoucher = FromSchema<typeof printVoucherBody>
