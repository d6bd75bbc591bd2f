/**
 * The `visitors` plugin: the front desk's visitors. A member pre-registers their own guest (staff register one for
 * any host, a user of the tenant); on arrival the front desk checks the visitor in and hands out a badge number that
 * is unique in the tenant for the day; the host is told in their browser (`visitors.visitor.arrived`, addressed to
 * them with `ui.userField`), and other plugins may act on it (an e-mail, a Wi-Fi voucher, a printed badge); check-out
 * returns the badge. Built only on Tessera's published packages — `@tessera/sdk`, `@tessera/orm` (every table is read
 * and written through its entities), `@tessera/ui-kit` and `lit` — and imports no other plugin.
 */
import { readFileSync } from 'node:fs'
import { definePlugin, provide } from '@tessera/sdk'
import {
  visitorArrived, visitorCancelled, visitorLeft, visitorRegistered, visitorsDirectory, visitorsPermissions,
} from './contract/index.ts'
import { configSchema } from './domain/visitors-config.ts'
import { seedVisitors } from './domain/seed-visitors.ts'
import { visitorsDirectoryService } from './domain/visitors-directory.ts'
import { visitorsMigration001 } from './migrations/001-visitors.ts'
import { visitorsRoutes } from './routes/visitors-routes.ts'

// from src/ in the workspace and from dist/ when installed: the package root is one folder up either way
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }

const staff = ['owner', 'admin', 'manager', 'support'] as const

export default definePlugin({
  id: 'visitors',
  version,
  kernel: '^1.0.0',
  name: 'Visitors',
  description: 'Front desk: visitor pre-registration, check-in with a badge number, host notified, check-out.',
  configSchema,
  permissions: {
    [visitorsPermissions.read]: { description: 'See every visitor of the space (the front-desk list)', roles: [...staff] },
    [visitorsPermissions.register]: { description: 'Pre-register one\'s own guests, see and cancel them', roles: [...staff, 'finance', 'member'] },
    [visitorsPermissions.manage]: { description: 'Front desk: register visitors for any host, check them in and out', roles: [...staff] },
  },
  services: [provide(visitorsDirectory, visitorsDirectoryService)],
  events: [visitorRegistered, visitorArrived, visitorLeft, visitorCancelled],
  migrations: [visitorsMigration001],
  ui: {
    nav: [
      { label: 'Visitors', path: '/visitors', icon: 'users', order: 25, permission: visitorsPermissions.manage },
      { label: 'My guests', path: '/visitors/mine', icon: 'users', order: 26, permission: visitorsPermissions.register },
    ],
    routes: [
      { path: '/visitors', tag: 'visitors-desk', permission: visitorsPermissions.register },
      { path: '/visitors/mine', tag: 'visitors-desk', permission: visitorsPermissions.register },
    ],
    widgets: [{ id: 'today', title: 'Visitors today', element: 'visitors-today-widget', size: 's', permission: visitorsPermissions.register, order: 30 }],
  },
  routes(app, ctx) {
    visitorsRoutes(app, ctx)
  },
  seed: seedVisitors,
})
