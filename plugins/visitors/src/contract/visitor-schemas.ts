/**
 * JSON Schemas of the visitors routes and the wire types derived from them (`FromSchema`): a visitor as the API returns
 * it, the registration body, the list filters and the host lookup. Every request string and number is bounded (INV-9).
 */
import { uuid, timestamp, date, nullableText, nullableString, pageOf, pageQueryProperties } from '@tessera/sdk'
import type { FromSchema } from '@tessera/sdk'

/**
 * Where a visitor is: `expected` (pre-registered), `arrived` (checked in, holds a badge), `left` (checked out) or
 * `cancelled` (the registration was withdrawn before arrival). @public
 */
export const VISITOR_STATUSES = ['expected', 'arrived', 'left', 'cancelled'] as const

/** One of {@link VISITOR_STATUSES}. @public */
export type VisitorStatus = (typeof VISITOR_STATUSES)[number]

/** Longest visitor or company name accepted. @public */
export const VISITOR_NAME_MAX = 120

const nullableId = { anyOf: [uuid, { type: 'null' }] } as const
const nullableTime = { type: ['string', 'null'] } as const

/** A visitor as the API returns it. @public */
export const visitorSchema = {
  type: 'object', additionalProperties: false,
  required: [
    'id', 'name', 'email', 'company', 'expectedAt', 'hostUserId', 'hostName', 'status', 'badgeNumber', 'badgeDay',
    'arrivedAt', 'leftAt', 'cancelledAt', 'locationId', 'registeredBy', 'createdAt',
  ],
  properties: {
    id: uuid,
    name: { type: 'string' },
    email: nullableString,
    company: nullableString,
    /** When the visitor is expected (RFC 3339). */
    expectedAt: { type: 'string' },
    /** The tenant user the visitor comes to see. */
    hostUserId: uuid,
    /** The host's name when the visit was registered. */
    hostName: { type: 'string' },
    status: { enum: VISITOR_STATUSES },
    /** The badge number handed out at check-in: unique per tenant and day (1, 2, …), `null` before arrival. */
    badgeNumber: { type: ['integer', 'null'] },
    /** The day (`YYYY-MM-DD`, in the plugin's configured timezone) the badge number belongs to. */
    badgeDay: nullableString,
    arrivedAt: nullableTime,
    leftAt: nullableTime,
    cancelledAt: nullableTime,
    /** A location (e.g. a `spaces` location id) the visit is for, when the front desk names one. */
    locationId: nullableId,
    /** The user who registered the visit. */
    registeredBy: nullableId,
    createdAt: { type: 'string' },
  },
} as const
/** A visitor (wire type). @public */
export type Visitor = FromSchema<typeof visitorSchema>

/** A page of visitors: `{ items, total, limit, offset }`. @public */
export const visitorPageSchema = pageOf(visitorSchema)
/** A page of visitors (wire type). @public */
export type VisitorPage = FromSchema<typeof visitorPageSchema>

/**
 * `POST /visitors`: pre-register a visitor. `hostUserId` defaults to the caller; only `visitors.manage` holders may
 * name another host (a tenant user). @public
 */
export const registerVisitorBody = {
  type: 'object', additionalProperties: false, required: ['name', 'expectedAt'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: VISITOR_NAME_MAX },
    email: { type: ['string', 'null'], format: 'email', maxLength: 254 },
    company: nullableText(VISITOR_NAME_MAX),
    expectedAt: timestamp,
    hostUserId: uuid,
    locationId: nullableId,
  },
} as const
/** The registration body (wire type). @public */
export type RegisterVisitor = FromSchema<typeof registerVisitorBody>

/** `POST /visitors/:id/check-in`: optionally the location the visitor arrived at. @public */
export const checkInBody = {
  type: 'object', additionalProperties: false,
  properties: { locationId: nullableId },
} as const
/** The check-in body (wire type). @public */
export type CheckIn = FromSchema<typeof checkInBody>

/** `GET /visitors`: a day's visitors (default: today in the configured timezone), filtered and paginated. @public */
export const visitorListQuery = {
  type: 'object', additionalProperties: false,
  properties: {
    /** The day, `YYYY-MM-DD` (default: today). */
    date,
    status: { enum: VISITOR_STATUSES },
    hostUserId: uuid,
    /** Matches the visitor's name or company (case-insensitive substring). */
    q: { type: 'string', minLength: 1, maxLength: 100 },
    ...pageQueryProperties,
  },
} as const
/** The list filters (wire type). @public */
export type VisitorListQuery = FromSchema<typeof visitorListQuery>

/** `GET /visitors/mine`: the caller's own guests from `from` (default: today) on, paginated. @public */
export const myVisitorsQuery = {
  type: 'object', additionalProperties: false,
  properties: { from: date, ...pageQueryProperties },
} as const

/** A tenant user who can host a visitor (`GET /visitors/hosts`). @public */
export const hostSchema = {
  type: 'object', additionalProperties: false, required: ['id', 'name', 'email'],
  properties: { id: uuid, name: { type: 'string' }, email: { type: 'string' } },
} as const
/** A possible host (wire type). @public */
export type Host = FromSchema<typeof hostSchema>

/** `GET /visitors/hosts?q=`: tenant users matching `q` (name or e-mail), at most `limit`. @public */
export const hostQuery = {
  type: 'object', additionalProperties: false,
  properties: { q: { type: 'string', maxLength: 100 }, limit: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
} as const

/** The host lookup's answer. @public */
export const hostListSchema = {
  type: 'object', additionalProperties: false, required: ['items'],
  properties: { items: { type: 'array', items: hostSchema } },
} as const
