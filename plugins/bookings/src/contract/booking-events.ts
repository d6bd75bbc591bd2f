/**
 * The events bookings publishes, with their payload schemas. Subscribers (billing, access) receive the whole
 * payload — with the booker's `personId`, an opaque uuid of the members plugin, so billing can charge the booking to
 * its person and access can open the booked room for them. Browsers receive only the UI projection
 * (`BOOKING_UI_FIELDS`): occupancy — which seat of which resource is taken when, and its status — never who booked it,
 * because members' sockets receive these events too. `bookings.booking.moved` never reaches browsers.
 */
import { defineEvent, uuid, timestamp } from '@tessera/sdk'
import type { PayloadOf } from '@tessera/sdk'
import { BOOKING_STATUSES } from './booking-schemas.ts'

/** What of a booking event reaches the browsers: occupancy, not identity. */
export const BOOKING_UI_FIELDS = ['id', 'resourceId', 'locationId', 'seat', 'startsAt', 'endsAt', 'status'] as const

const revision = { type: 'integer', minimum: 0, maximum: 2_147_483_647 } as const

const bookingProperties = {
  id: uuid,
  resourceId: uuid,
  locationId: uuid,
  personId: uuid,
  seriesId: { anyOf: [uuid, { type: 'null' }] },
  seat: { type: 'integer', minimum: 1, maximum: 10_000 },
  startsAt: timestamp,
  endsAt: timestamp,
  status: { enum: BOOKING_STATUSES },
  revision,
} as const

const bookingRequired = ['id', 'resourceId', 'locationId', 'personId', 'seriesId', 'seat', 'startsAt', 'endsAt', 'status', 'revision'] as const

/** The payload of every `bookings.booking.*` event except `moved`: the booking as it is now. */
export const bookingEventSchema = {
  type: 'object', additionalProperties: false, required: bookingRequired, properties: bookingProperties,
} as const

/** The payload of `bookings.booking.moved`: the booking as it is now, plus where and when it was before. */
export const bookingMovedSchema = {
  type: 'object', additionalProperties: false, required: [...bookingRequired, 'previous'],
  properties: {
    ...bookingProperties,
    previous: {
      type: 'object', additionalProperties: false, required: ['resourceId', 'startsAt', 'endsAt', 'revision'],
      properties: { resourceId: uuid, startsAt: timestamp, endsAt: timestamp, revision },
    },
  },
} as const

/** A booking was made (one per occurrence of a recurring booking). */
export const bookingCreated = defineEvent({
  name: 'bookings.booking.created',
  schema: bookingEventSchema,
  ui: { fields: BOOKING_UI_FIELDS },
  description: 'A booking was made; personId is an opaque uuid; browsers get occupancy only: id, resourceId, locationId, seat, startsAt, endsAt, status',
})

/** A booking was moved, retitled or checked in. */
export const bookingUpdated = defineEvent({
  name: 'bookings.booking.updated',
  schema: bookingEventSchema,
  ui: { fields: BOOKING_UI_FIELDS },
  description: 'A booking was moved, retitled or checked in (same payload as created)',
})

/** A booking was cancelled. */
export const bookingCancelled = defineEvent({
  name: 'bookings.booking.cancelled',
  schema: bookingEventSchema,
  ui: { fields: BOOKING_UI_FIELDS },
  description: 'A booking was cancelled (same payload as created)',
})

/** A no-show was released; the slot is free again. */
export const bookingReleased = defineEvent({
  name: 'bookings.booking.released',
  schema: bookingEventSchema,
  ui: { fields: BOOKING_UI_FIELDS },
  description: 'A no-show was released; the slot is free again (same payload as created)',
})

/** A booking's times or resource changed (after `updated`, once per revision); for re-pricing, never sent to browsers. */
export const bookingMoved = defineEvent({
  name: 'bookings.booking.moved',
  schema: bookingMovedSchema,
  description: 'A booking\'s times or resource changed (payload of created plus previous: { resourceId, startsAt, endsAt, revision }); for re-pricing, not pushed to browsers',
})

/** The payload of `bookings.booking.created` / `updated` / `cancelled` / `released`. */
export type BookingEventPayload = PayloadOf<typeof bookingCreated>

/** The payload of `bookings.booking.moved`. */
export type BookingMovedPayload = PayloadOf<typeof bookingMoved>

/** Every event bookings publishes. */
export const bookingEvents = [bookingCreated, bookingUpdated, bookingCancelled, bookingReleased, bookingMoved] as const

/** The events that reach browsers (calendars refresh on them). */
export const BOOKING_UI_EVENTS = [bookingCreated.name, bookingUpdated.name, bookingCancelled.name, bookingReleased.name] as const

/** The name of an event that reaches browsers. */
export type BookingUiEventName = (typeof BOOKING_UI_EVENTS)[number]
