/**
 * JSON Schemas (and wire types) of two read models for the front desk: the price of a booking before it is made or
 * changed (`GET /booking-quote`, the bookings screens show it before booking, moving or extending) and the overdue
 * invoices (`GET /overdue/summary`, the dashboard's "Overdue invoices" widget).
 */
import type { FromSchema } from '@tessera/sdk'
import { uuid } from './route-schemas.ts'

const instant = { type: 'string', format: 'date-time', maxLength: 35 } as const
const minor = { type: 'integer', description: 'Minor units of `currency`' } as const

/** Query of `GET /booking-quote`: what booking `resourceId` from `startsAt` to `endsAt` would cost. @public */
export const bookingQuoteQuery = {
  type: 'object', additionalProperties: false, required: ['resourceId', 'startsAt', 'endsAt'],
  properties: {
    resourceId: uuid, startsAt: instant, endsAt: instant,
    personId: { ...uuid, description: 'Who pays (staff only, `billing.read`); default: the caller\'s own person' },
    bookingId: { ...uuid, description: 'The booking being moved or resized: its credits count as available and its current price is in `previous`' },
  },
} as const

/** Query of `GET /booking-quote`. @public */
export type BookingQuoteQuery = FromSchema<typeof bookingQuoteQuery>

/** What a booking would cost: credits first, then money, by billing's booking pricing. @public */
export const bookingQuoteSchema = {
  type: 'object', additionalProperties: false,
  required: ['currency', 'minutes', 'creditsNeeded', 'creditsAvailable', 'creditsUsed', 'fullAmount', 'amount', 'previous'],
  properties: {
    currency: { type: 'string' },
    minutes: { type: 'integer' },
    creditsNeeded: { type: 'integer', description: 'Credits the booking costs (0 when the resource has no credit price)' },
    creditsAvailable: { type: 'integer', description: 'The payer\'s balance (plus what the booking being changed already used)' },
    creditsUsed: { type: 'integer', description: 'Credits it would take from the wallet' },
    fullAmount: { ...minor, description: 'The money price without credits' },
    amount: { ...minor, description: 'What would be charged in money after the credits' },
    previous: {
      anyOf: [
        { type: 'null' },
        { type: 'object', additionalProperties: false, required: ['creditsUsed', 'amount'], properties: { creditsUsed: { type: 'integer' }, amount: minor } },
      ],
      description: 'What the booking being changed costs now (null for a new booking or one not charged yet)',
    },
  },
} as const

/** The answer of `GET /booking-quote`. @public */
export type BookingQuote = FromSchema<typeof bookingQuoteSchema>

/** The answer of `GET /overdue/summary`: issued invoices past their due date with something still due. @public */
export const overdueSummarySchema = {
  type: 'object', additionalProperties: false, required: ['currency', 'count', 'amountDue', 'oldestDueOn', 'items'],
  properties: {
    currency: { type: 'string' },
    count: { type: 'integer' },
    amountDue: { ...minor, description: 'Sum still due over every overdue invoice' },
    oldestDueOn: { type: ['string', 'null'] },
    items: {
      type: 'array', description: 'The longest overdue, at most 5',
      items: {
        type: 'object', additionalProperties: false, required: ['id', 'number', 'payerName', 'amountDue', 'dueOn'],
        properties: { id: uuid, number: { type: ['string', 'null'] }, payerName: { type: 'string' }, amountDue: minor, dueOn: { type: 'string' } },
      },
    },
  },
} as const

/** The answer of `GET /overdue/summary`. @public */
export type OverdueSummary = FromSchema<typeof overdueSummarySchema>
