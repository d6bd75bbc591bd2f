/**
 * The contract of the bookings plugin (`@tessera/plugin-bookings/contract`): its events and their payload schemas,
 * its calendar service ref, its permission names and the wire schemas and types of its routes. Imports nothing but
 * `@tessera/sdk`.
 */
export * from './booking-schemas.ts'
export * from './series-schemas.ts'
export * from './availability-schemas.ts'
export * from './feed-schemas.ts'
export * from './desk-schemas.ts'
export * from './booking-events.ts'
export * from './bookings-permissions.ts'
export * from './bookings-calendar.ts'
