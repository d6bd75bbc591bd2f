/**
 * The `access` plugin: doors behind site agents. Agents register here and connect out to the kernel over a
 * WebSocket with a mutual HMAC handshake; doors are devices on those agents, placed at a location (and optionally a
 * resource). Access groups (doors + weekly windows in the location's timezone) give people — directly or through
 * their organisation, or while they hold an active membership of a plan (heard from billing's events) — access with their PINs and cards, and a booking opens the booked room for the booked time; the result is pushed to each agent as a signed grant set
 * (after every relevant change, within seconds) so doors keep working while the link is down. Staff and members
 * unlock remotely through signed, idempotent, audited commands; the event log and live door status come from the
 * agents' at-least-once event stream, stored exactly once. Printers are devices of the same agents: other plugins print
 * through the `access.printing` service (by purpose and location: receipts, vouchers, badges), as signed `print`
 * commands with the job's state coming back from the agent's printer events.
 */
import { definePlugin, provide } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { billingPlans } from '@tessera/plugin-billing/contract'
import { visitorsDirectory } from '@tessera/plugin-visitors/contract'
import pkg from '../package.json' with { type: 'json' }
import {
  accessCredentials, accessPermissions, accessPrinting, agentStatusChanged, doorEventLogged, doorStatusChanged, grantsChanged, printJobUpdated, printJobsPending,
  printerStatusChanged,
} from './contract/index.ts'
import { accessMigration001 } from './migrations/001-access.ts'
import { accessMigration002 } from './migrations/002-booking-windows.ts'
import { accessMigration003 } from './migrations/003-memberships.ts'
import { accessMigration004 } from './migrations/004-printing.ts'
import { configSchema } from './domain/access-config.ts'
import { credentialsService } from './domain/credentials-service.ts'
import { printingService } from './domain/printing-service.ts'
import { agentRoutes } from './routes/agent-routes.ts'
import { doorRoutes } from './routes/door-routes.ts'
import { alertRoutes } from './routes/alert-routes.ts'
import { groupRoutes } from './routes/group-routes.ts'
import { credentialRoutes } from './routes/credential-routes.ts'
import { printerRoutes } from './routes/printer-routes.ts'
import { agentSocketRoute } from './link/agent-socket.ts'
import { onPersonAnonymised, onPersonStatusChanged, onPersonUpdated } from './subscribers/member-changes.ts'
import { onGrantsChanged } from './subscribers/grants-changes.ts'
import { refreshGrantsJob } from './jobs/refresh-grants-job.ts'
import { printExpiryJob } from './jobs/print-expiry-job.ts'
import { onPrintJobsPending } from './subscribers/print-changes.ts'
import { onVisitorArrived } from './subscribers/visitor-arrivals.ts'
import { onBookingCancelled, onBookingCreated, onBookingReleased, onBookingUpdated } from './subscribers/booking-changes.ts'
import { onMembershipCreated, onMembershipEnded, onMembershipReactivated, onMembershipSuspended } from './subscribers/billing-changes.ts'

export default definePlugin({
  id: 'access',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Access',
  description: 'Doors, access groups, PINs and cards, remote unlock and the door event log, through site agents.',
  dependsOn: { members: '^1.0.0', spaces: '^1.0.0', bookings: '^1.0.0' },
  // each only when installed: billing's plans check a group's plan members, visitors' directory names a badge's host
  optionalDependsOn: { billing: '^1.0.0', visitors: '^1.0.0' },
  consumes: [membersDirectory, spacesCatalog, billingPlans, visitorsDirectory],
  configSchema,
  permissions: {
    [accessPermissions.read]: { description: 'See doors, their live status, agents, groups and the door event log', roles: ['admin', 'manager', 'support'] },
    [accessPermissions.manage]: { description: 'Register agents; manage doors, access groups and credentials', roles: ['admin', 'manager'] },
    [accessPermissions.unlock]: { description: 'Unlock any door remotely', roles: ['admin', 'manager', 'support'] },
    [accessPermissions.self]: { description: 'See and unlock the doors one has access to; set one\'s own PIN', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    [accessPermissions.print]: { description: 'Print test pages and documents on the site printers; cancel print jobs', roles: ['admin', 'manager', 'support'] },
  },
  services: [provide(accessCredentials, credentialsService), provide(accessPrinting, printingService)],
  events: [doorStatusChanged, doorEventLogged, agentStatusChanged, grantsChanged, printJobUpdated, printerStatusChanged, printJobsPending],
  migrations: [accessMigration001, accessMigration002, accessMigration003, accessMigration004],
  jobs: { 'refresh-grants': refreshGrantsJob, 'print-expiry': printExpiryJob },
  subscribes: [
    onGrantsChanged, onPrintJobsPending,
    onPersonStatusChanged, onPersonUpdated, onPersonAnonymised,
    onBookingCreated, onBookingUpdated, onBookingCancelled, onBookingReleased,
    // billing is only an optional dependency: without it (not installed or not enabled) these are simply never delivered
    onMembershipCreated, onMembershipEnded, onMembershipSuspended, onMembershipReactivated,
    // visitors is optional too: an arrival prints the visitor's badge on the location's badges printer
    onVisitorArrived,
  ],
  ui: {
    nav: [
      { label: 'Doors', path: '/doors', icon: 'key', order: 30, permission: accessPermissions.read },
      { label: 'My doors', path: '/my-doors', icon: 'key', order: 31, permission: accessPermissions.self, selfService: true },
      { label: 'Printers', path: '/printers', icon: 'printer', order: 32, permission: accessPermissions.read },
      { label: 'Doors setup', path: '/doors/setup', icon: 'settings', order: 33, permission: accessPermissions.manage },
    ],
    routes: [
      { path: '/doors', tag: 'access-doors', permission: accessPermissions.read },
      { path: '/my-doors', tag: 'access-my-doors', permission: accessPermissions.self },
      { path: '/printers', tag: 'access-printers', permission: accessPermissions.read },
      { path: '/doors/setup', tag: 'access-setup', permission: accessPermissions.manage },
    ],
    widgets: [{ id: 'alerts', title: 'Door alerts', element: 'access-alerts-widget', size: 's', permission: accessPermissions.read, order: 60 }],
    profileSections: [{ id: 'credentials', title: 'Door credentials', element: 'access-profile-section', size: 's', permission: accessPermissions.manage, order: 30 }],
  },
  routes(app, ctx) {
    agentSocketRoute(app, ctx)
    agentRoutes(app, ctx)
    doorRoutes(app, ctx)
    alertRoutes(app, ctx)
    groupRoutes(app, ctx)
    credentialRoutes(app, ctx)
    printerRoutes(app, ctx)
  },
})
