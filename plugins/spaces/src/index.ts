/**
 * The `spaces` plugin: locations (address, IANA timezone, opening hours, closures) and bookable resources (meeting
 * rooms, private offices, event spaces, hot-desk areas) with amenities, booking rules and prices. Bookings and billing
 * read them through the `catalog` service.
 */
import { definePlugin } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { spacesMigration001 } from './migrations/001-spaces.ts'
import { locationsRoutes } from './routes/locations-routes.ts'
import { resourcesRoutes } from './routes/resources-routes.ts'
import { catalog } from './services/catalog.ts'
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
    'spaces.read': { description: 'See locations and resources', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    'spaces.write': { description: 'Create and change locations and resources', roles: ['admin', 'manager'] },
  },
  events: {
    'spaces.location.created': { ui: true, description: 'A location was added ({ id })' },
    'spaces.location.updated': { ui: true, description: 'A location was changed ({ id, fields })' },
    'spaces.location.deleted': { ui: true, description: 'A location was deleted ({ id })' },
    'spaces.resource.created': { ui: true, description: 'A resource was added ({ id, locationId })' },
    'spaces.resource.updated': { ui: true, description: 'A resource was changed ({ id, locationId, fields })' },
  },
  migrations: [spacesMigration001],
  services: { catalog },
  ui: {
    nav: [{ label: 'Spaces', path: '/spaces', icon: 'building', order: 30, permission: 'spaces.write' }],
    routes: [
      { path: '/spaces', tag: 'spaces-locations', permission: 'spaces.read' },
      { path: '/spaces/locations/:id', tag: 'spaces-location', permission: 'spaces.read' },
      { path: '/spaces/resources/:id', tag: 'spaces-resource', permission: 'spaces.read' },
    ],
  },
  seed: seedSampleData,
  routes(app, ctx) {
    locationsRoutes(app, ctx)
    resourcesRoutes(app, ctx)
  },
})

export type { Catalog, CatalogResource } from './services/catalog.ts'
