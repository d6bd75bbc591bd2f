/**
 * The `bookings` plugin: bookings of the spaces' resources by members and staff — create, reschedule, cancel, recurring
 * series, an availability finder that honours opening hours in the location's timezone, check-in with automatic
 * release of no-shows, iCal feeds and realtime events. Overlaps are made impossible by an exclusion constraint.
 */
import { definePlugin } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { bookingsMigration001 } from './migrations/001-bookings.ts'
import { bookingsMigration002 } from './migrations/002-revisions-and-feed-issuers.ts'
import { configSchema } from './domain/bookings-config.ts'
import { bookingsRoutes } from './routes/bookings-routes.ts'
import { seriesRoutes } from './routes/series-routes.ts'
import { availabilityRoutes } from './routes/availability-routes.ts'
import { feedRoutes } from './routes/feed-routes.ts'
import { releaseNoShowJob, sweepNoShowsJob } from './jobs/release-no-show-job.ts'
import { onPersonAnonymised } from './subscribers/person-anonymised.ts'
import { UI_FIELDS } from './domain/booking-events.ts'

export default definePlugin({
  id: 'bookings',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Bookings',
  description: 'Room and desk bookings: availability, recurring bookings, check-in and no-show release, iCal feeds.',
  dependsOn: { spaces: '^1.0.0', members: '^1.0.0' },
  configSchema,
  permissions: {
    'bookings.book': { description: 'Find free slots and book for oneself; see one\'s own bookings', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    'bookings.read': { description: 'See every booking of the tenant', roles: ['admin', 'manager', 'finance', 'support'] },
    'bookings.manage': { description: 'Book, move, cancel and check in for anyone; staff-only resources; feed links', roles: ['admin', 'manager', 'support'] },
  },
  events: {
    'bookings.booking.created': { ui: { fields: UI_FIELDS }, description: 'A booking was made ({ id, resourceId, locationId, personId, seriesId, seat, startsAt, endsAt, status, revision }; personId is an opaque uuid; browsers get occupancy only: id, resourceId, locationId, seat, startsAt, endsAt, status)' },
    'bookings.booking.updated': { ui: { fields: UI_FIELDS }, description: 'A booking was moved, retitled or checked in (same payload)' },
    'bookings.booking.cancelled': { ui: { fields: UI_FIELDS }, description: 'A booking was cancelled (same payload)' },
    'bookings.booking.released': { ui: { fields: UI_FIELDS }, description: 'A no-show was released; the slot is free again (same payload)' },
    'bookings.booking.moved': { description: 'A booking\'s times or resource changed (same payload, plus previous: { resourceId, startsAt, endsAt, revision }); for re-pricing, not pushed to browsers' },
  },
  migrations: [bookingsMigration001, bookingsMigration002],
  jobs: { 'release-no-show': releaseNoShowJob, 'sweep-no-shows': sweepNoShowsJob },
  subscribes: { 'members.person.anonymised': onPersonAnonymised },
  ui: {
    nav: [
      { label: 'Calendar', path: '/bookings', icon: 'calendar', order: 10, permission: 'bookings.read' },
      { label: 'My bookings', path: '/my-bookings', icon: 'calendar', order: 11, permission: 'bookings.book' },
    ],
    routes: [
      { path: '/bookings', tag: 'bookings-calendar', permission: 'bookings.read' },
      { path: '/bookings/find', tag: 'bookings-finder', permission: 'bookings.book' },
      { path: '/my-bookings', tag: 'bookings-my', permission: 'bookings.book' },
    ],
  },
  routes(app, ctx) {
    availabilityRoutes(app, ctx)
    bookingsRoutes(app, ctx)
    seriesRoutes(app, ctx)
    feedRoutes(app, ctx)
  },
})
