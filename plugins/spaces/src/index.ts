/**
 * The `spaces` plugin: locations (address, IANA timezone, opening hours, closures) and bookable resources (meeting
 * rooms, private offices, event spaces, hot-desk areas) with amenities, booking rules and prices. Bookings and billing
 * read them through the `catalog` service and follow them through its events, both declared in
 * `@tessera/plugin-spaces/contract` (`src/contract/`).
 */
import { definePlugin, provide } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { spacesMigration001 } from './migrations/001-spaces.ts'
import { locationsRoutes } from './routes/locations-routes.ts'
import { resourcesRoutes } from './routes/resources-routes.ts'
import { catalog } from './domain/catalog.ts'
import { spacesCatalog } from './contract/catalog.ts'
import { spacesEvents } from './contract/spaces-events.ts'
import { spacesPermissions } from './contract/spaces-permissions.ts'
import { seedSampleData } from './seed-sample-data.ts'

export default definePlugin({
  id: 'spaces',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Spaces',
  description: 'Locations, opening hours and closures, and bookable resources with rules and prices.',
  dependsOn: { members: '^1.0.0' },
  configSchema: { type: 'object', additionalProperties: false, properties: {} },
  permissions: {
    [spacesPermissions.read]: { description: 'See locations and resources', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    [spacesPermissions.write]: { description: 'Create and change locations and resources', roles: ['admin', 'manager'] },
  },
  events: spacesEvents,
  migrations: [spacesMigration001],
  services: [provide(spacesCatalog, catalog)],
  ui: {
    nav: [{ label: 'Spaces', path: '/spaces', icon: 'building', order: 30, permission: spacesPermissions.write }],
    routes: [
      { path: '/spaces', tag: 'spaces-locations', permission: spacesPermissions.read },
      { path: '/spaces/locations/:id', tag: 'spaces-location', permission: spacesPermissions.read },
      { path: '/spaces/resources/:id', tag: 'spaces-resource', permission: spacesPermissions.read },
    ],
    // occupancy is who holds the resources now — bookings' data, read by the browser — so only for those who may see every booking
    widgets: [{ id: 'occupancy', title: 'Occupancy now', element: 'spaces-occupancy-widget', size: 's', permission: 'bookings.read', order: 15 }],
  },
  seed: seedSampleData,
  routes(app, ctx) {
    locationsRoutes(app, ctx)
    resourcesRoutes(app, ctx)
  },
})
