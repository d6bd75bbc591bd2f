/**
 * The `papercut` plugin: members with an active membership get a PaperCut internal user (XML-RPC web services, auth
 * token first), kept in step with members' and billing's events; an ended or suspended membership disables printing
 * and reactivation enables it again. Each billing period the account is topped up with the plan's print allowance
 * (once per person and period, from a ledger), and pages printed beyond it become a billing charge at the period's
 * end. PaperCut failures are stored per person with their reason, retried, then dead-lettered for a staff retry.
 * Staff see a person's account (sync state, balance, this period's pages and cost) on their profile.
 * Built as a third party would: other plugins only through their contracts.
 */
import { definePlugin } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingAccounts, billingPlans } from '@tessera/plugin-billing/contract'
import { accessCredentials } from '@tessera/plugin-access/contract'
import pkg from '../package.json' with { type: 'json' }
import { accountSyncFailed, papercutPermissions } from './contract/index.ts'
import { configSchema } from './domain/papercut-config.ts'
import { papercutMigration001 } from './migrations/001-papercut.ts'
import { papercutRoutes } from './routes/papercut-routes.ts'
import { periodRunJob, personPeriodJob, syncPersonJob } from './jobs/papercut-jobs.ts'
import { onMembershipCreated, onMembershipEnded, onMembershipReactivated, onMembershipSuspended } from './subscribers/membership-changes.ts'
import { onPersonAnonymised, onPersonStatusChanged, onPersonUpdated } from './subscribers/member-changes.ts'

export default definePlugin({
  id: 'papercut',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'PaperCut',
  description: 'PaperCut MF/NG print accounts for members: users, print allowance per plan, overage charges.',
  dependsOn: { members: '^1.0.0', billing: '^1.0.0', access: '^1.0.0' },
  consumes: [membersDirectory, billingPlans, billingAccounts, accessCredentials],
  configSchema,
  permissions: {
    [papercutPermissions.manage]: { description: 'See every person\'s PaperCut sync state and errors; retry', roles: ['admin', 'manager', 'support'] },
    [papercutPermissions.self]: { description: 'See one\'s own print balance and usage', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
  },
  events: [accountSyncFailed],
  migrations: [papercutMigration001],
  jobs: { 'sync-person': syncPersonJob, 'person-period': personPeriodJob, 'period-run': periodRunJob },
  subscribes: [
    onMembershipCreated, onMembershipEnded, onMembershipSuspended, onMembershipReactivated,
    onPersonUpdated, onPersonStatusChanged, onPersonAnonymised,
  ],
  ui: {
    nav: [
      { label: 'Printing', path: '/papercut/accounts', icon: 'printer', order: 60, permission: papercutPermissions.manage },
      { label: 'My printing', path: '/papercut/me', icon: 'printer', order: 61, permission: papercutPermissions.self, selfService: true },
    ],
    routes: [
      { path: '/papercut/accounts', tag: 'papercut-accounts', permission: papercutPermissions.manage },
      { path: '/papercut/me', tag: 'papercut-me', permission: papercutPermissions.self },
    ],
    profileSections: [{ id: 'printing', title: 'Print account', element: 'papercut-profile-section', size: 's', permission: papercutPermissions.manage, order: 50 }],
  },
  routes(app, ctx) {
    papercutRoutes(app, ctx)
  },
})
