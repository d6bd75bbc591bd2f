/**
 * The `bookings` plugin: bookings of the spaces' resources by members and staff — create, reschedule, cancel, recurring
 * series, an availability finder that honours opening hours in the location's timezone, check-in with automatic
 * release of no-shows, iCal feeds and realtime events. Overlaps are made impossible by an exclusion constraint.
 */
import { definePlugin, provide } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import pkg from '../package.json' with { type: 'json' }
import { bookingEvents, bookingsCalendar, bookingsPermissions } from './contract/index.ts'
import { bookingsMigration001 } from './migrations/001-bookings.ts'
import { bookingsMigration002 } from './migrations/002-revisions-and-feed-issuers.ts'
import { bookingsMigration003 } from './migrations/003-search-indexes.ts'
import { bookingsMigration004 } from './migrations/004-person-names.ts'
import { bookingsSearch } from './search/bookings-search.ts'
import { configSchema } from './domain/bookings-config.ts'
import { bookingsCalendarService } from './domain/bookings-calendar.ts'
import { bookingsRoutes } from './routes/bookings-routes.ts'
import { seriesRoutes } from './routes/series-routes.ts'
import { availabilityRoutes } from './routes/availability-routes.ts'
import { feedRoutes } from './routes/feed-routes.ts'
import { deskRoutes } from './routes/desk-routes.ts'
import { reportRoutes } from './routes/report-routes.ts'
import { releaseNoShowJob, sweepNoShowsJob } from './jobs/release-no-show-job.ts'
import { onPersonAnonymised } from './subscribers/person-anonymised.ts'
import { onBookingCreatedName, onPersonCreatedName, onPersonUpdatedName } from './subscribers/person-name-sync.ts'
import { backfillPersonNames } from './search/person-names.ts'

const { book, read, manage } = bookingsPermissions

export default definePlugin({
  id: 'bookings',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Bookings',
  description: 'Room and desk bookings: availability, recurring bookings, check-in and no-show release, iCal feeds.',
  dependsOn: { spaces: '^1.0.0', members: '^1.0.0' },
  consumes: [membersDirectory, spacesCatalog],
  configSchema,
  permissions: {
    [book]: { description: 'Find free slots and book for oneself; see one\'s own bookings', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    [read]: { description: 'See every booking of the tenant', roles: ['admin', 'manager', 'finance', 'support'] },
    [manage]: { description: 'Book, move, cancel and check in for anyone; staff-only resources; feed links', roles: ['admin', 'manager', 'support'] },
  },
  services: [provide(bookingsCalendar, bookingsCalendarService)],
  events: bookingEvents,
  migrations: [bookingsMigration001, bookingsMigration002, bookingsMigration003, bookingsMigration004],
  search: bookingsSearch,
  jobs: { 'release-no-show': releaseNoShowJob, 'sweep-no-shows': sweepNoShowsJob },
  subscribes: [onPersonAnonymised, onPersonCreatedName, onPersonUpdatedName, onBookingCreatedName],
  // the searchable copy of booked people's names, for bookings made before it existed (re-enabling runs it again)
  async onEnable(ctx) {
    await backfillPersonNames(ctx)
  },
  ui: {
    nav: [
      { label: 'Calendar', path: '/bookings', icon: 'calendar', order: 10, permission: read },
      { label: 'My bookings', path: '/my-bookings', icon: 'calendar', order: 11, permission: book, selfService: true },
    ],
    routes: [
      { path: '/bookings', tag: 'bookings-calendar', permission: read },
      { path: '/bookings/find', tag: 'bookings-finder', permission: book },
      { path: '/my-bookings', tag: 'bookings-my', permission: book },
    ],
    widgets: [
      { id: 'now', title: 'Now & next', element: 'bookings-now-widget', size: 'm', permission: read, order: 10 },
      { id: 'arrivals', title: 'Arrivals', element: 'bookings-arrivals-widget', size: 's', permission: read, order: 20 },
      { id: 'no-shows', title: 'No-shows today', element: 'bookings-no-shows-widget', size: 's', permission: read, order: 30 },
    ],
    profileSections: [{ id: 'bookings', title: 'Bookings', element: 'bookings-profile-section', size: 'm', permission: read, order: 20 }],
    reports: [
      { id: 'occupancy', title: 'Utilisation by resource and week', description: 'Booked seat-hours against the hours each resource was open.', source: '/reports/occupancy', x: 'week', series: 'resourceName', values: [{ field: 'utilisation', label: 'Utilisation' }], format: 'percent', permission: read, order: 10 },
      { id: 'hours', title: 'Bookings by hour of day', description: 'Bookings by the local hour they start.', source: '/reports/hours', x: 'hour', values: [{ field: 'bookings', label: 'Bookings' }], permission: read, order: 30 },
      { id: 'no-shows', title: 'No-show rate by week', description: 'Bookings released because nobody checked in.', source: '/reports/no-shows', chart: 'line', x: 'week', values: [{ field: 'rate', label: 'No-show rate' }], format: 'percent', permission: read, order: 40 },
    ],
  },
  routes(app, ctx) {
    availabilityRoutes(app, ctx)
    bookingsRoutes(app, ctx)
    seriesRoutes(app, ctx)
    feedRoutes(app, ctx)
    deskRoutes(app, ctx)
    reportRoutes(app, ctx)
  },
})
