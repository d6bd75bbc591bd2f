/**
 * The Xero plugin: mirrors a tenant's members (as contacts) and billing documents (invoices, credit notes, payments,
 * voids) into the tenant's Xero organisation through the real `xero-node` SDK, within Xero's limits, with the sync
 * state of every document visible; Xero's webhooks bring payments made in Xero back. It uses members and billing only
 * through their contracts. `createXeroPlugin(options)` lets a deployment or a test point the identity service and the
 * accounting API elsewhere (the local fake) and change the limits; the default export talks to Xero.
 */
import { definePlugin } from '@tessera/sdk'
import type { PluginDefinition } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingInvoices } from '@tessera/plugin-billing/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import pkg from '../package.json' with { type: 'json' }
import { xeroEvents, xeroPermissions } from './contract/index.ts'
import { configSchema } from './domain/xero-config.ts'
import type { XeroConfig } from './domain/xero-config.ts'
import { resolveOptions } from './domain/xero-options.ts'
import type { XeroPluginOptions } from './domain/xero-options.ts'
import { xeroMigration001 } from './migrations/001-xero.ts'
import { connectionRoutes } from './routes/connection-routes.ts'
import { syncRoutes } from './routes/sync-routes.ts'
import { webhookRoutes } from './routes/webhook-routes.ts'
import { xeroJobs } from './jobs/xero-jobs.ts'
import { memberSubscriptions } from './subscribers/member-changes.ts'
import { invoiceSubscriptions } from './subscribers/invoice-changes.ts'

export type { XeroPluginOptions, XeroLimits } from './domain/xero-options.ts'
export { XERO_LIMITS } from './domain/xero-options.ts'
export { httpXeroIdentity, XeroIdentityError } from './domain/xero-identity.ts'
export type { XeroIdentity, XeroIdentityUrls, XeroTokenSet, XeroConnectionInfo } from './domain/xero-identity.ts'

const { manage, read } = xeroPermissions

/** Builds the plugin with its identity service, accounting base path and limits (defaults: Xero's). */
export function createXeroPlugin(options: XeroPluginOptions = {}): PluginDefinition<XeroConfig> {
  const opts = resolveOptions(options)
  return definePlugin({
    id: 'xero',
    version: pkg.version,
    kernel: '^1.0.0',
    name: 'Xero',
    description: 'Contacts, invoices, credit notes and payments mirrored into Xero; payments made in Xero come back.',
    dependsOn: { members: '^1.0.0', billing: '^1.0.0' },
    // spaces names the locations of the tracking mapping; without it lines are tracked by location id alone
    optionalDependsOn: { spaces: '^1.0.0' },
    consumes: [membersDirectory, billingInvoices, spacesCatalog],
    configSchema,
    permissions: {
      [manage]: { description: 'Connect Xero, map accounts and tax rates, retry failed documents', roles: ['admin', 'finance'] },
      [read]: { description: 'See the Xero connection, sync log and reconciliation', roles: ['admin', 'finance', 'manager'] },
    },
    events: xeroEvents,
    migrations: [xeroMigration001],
    jobs: xeroJobs(opts),
    subscribes: [...memberSubscriptions, ...invoiceSubscriptions],
    routes(app, ctx) {
      connectionRoutes(app, ctx, opts)
      syncRoutes(app, ctx, opts)
      webhookRoutes(app, ctx)
    },
    ui: {
      nav: [{ label: 'Xero', path: '/xero/sync-log', icon: 'plug', order: 60, permission: read }],
      routes: [
        { path: '/xero/connection', tag: 'xero-connection', permission: read },
        { path: '/xero/mapping', tag: 'xero-mapping', permission: read },
        { path: '/xero/sync-log', tag: 'xero-sync-log', permission: read },
        { path: '/xero/reconciliation', tag: 'xero-reconciliation', permission: read },
      ],
    },
  })
}

export default createXeroPlugin()
