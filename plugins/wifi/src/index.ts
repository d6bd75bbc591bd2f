/**
 * The `wifi` plugin: WPA2/3-Enterprise logins for members and guest vouchers. Each member with an active membership —
 * their own or their organisation's, of a plan that gives Wi-Fi (heard from billing's events; plan features from
 * billing's plans service) — gets a login `local@realm` with a generated password; FreeRADIUS checks it (PAP and
 * PEAP/MSCHAPv2) with rlm_sql through the view `wifi.radius_credentials` as the `tessera_radius` role, and writes
 * accounting into `wifi_radius.sessions`; the member sees the login, rotates the password and sees sessions and data
 * used on `/wifi/me`; staff see a person's Wi-Fi on their profile (status and why not, devices, data used — never the
 * password), give them a new password and disconnect them. Staff create UniFi hotspot vouchers; a POS day-pass sale
 * and a visitor's arrival create them automatically; vouchers print on the access plugin's `vouchers` printers.
 */
import { definePlugin } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingPlans } from '@tessera/plugin-billing/contract'
import { accessPrinting } from '@tessera/plugin-access/contract'
import pkg from '../package.json' with { type: 'json' }
import { vouchersIssued, wifiPermissions } from './contract/index.ts'
import { configSchema } from './domain/wifi-config.ts'
import { wifiMigration001 } from './migrations/001-wifi.ts'
import { wifiMigration002 } from './migrations/002-payers-and-visitors.ts'
import { meRoutes } from './routes/me-routes.ts'
import { voucherRoutes } from './routes/voucher-routes.ts'
import { personRoutes } from './routes/person-routes.ts'
import { onMembershipCreated, onMembershipEnded, onMembershipReactivated, onMembershipSuspended } from './subscribers/membership-changes.ts'
import { onSaleCompleted } from './subscribers/pos-sales.ts'
import { onPersonAnonymised, onPersonCreated, onPersonStatusChanged, onPersonUpdated } from './subscribers/member-changes.ts'
import { onVisitorArrived } from './subscribers/visitor-arrivals.ts'
import { refreshEligibilityJob } from './jobs/refresh-eligibility-job.ts'

export default definePlugin({
  id: 'wifi',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Wi-Fi',
  description: 'Members\' Wi-Fi logins checked by FreeRADIUS (PAP, PEAP/MSCHAPv2), accounting, and UniFi guest vouchers.',
  dependsOn: { members: '^1.0.0' },
  // each only when installed: billing's plans (the wifi feature), access's printers (vouchers)
  optionalDependsOn: { billing: '^1.0.0', access: '^1.0.0' },
  consumes: [membersDirectory, billingPlans, accessPrinting],
  configSchema,
  permissions: {
    [wifiPermissions.self]: { description: 'See one\'s Wi-Fi login and sessions; rotate its password', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    [wifiPermissions.vouchers]: { description: 'See and create guest Wi-Fi vouchers', roles: ['admin', 'manager', 'support'] },
    [wifiPermissions.manage]: { description: 'See a person\'s Wi-Fi login, status, devices and data used (never the password); give them a new password; disconnect them', roles: ['admin', 'manager', 'support'] },
  },
  events: [vouchersIssued],
  migrations: [wifiMigration001, wifiMigration002],
  jobs: { 'refresh-eligibility': refreshEligibilityJob },
  subscribes: [
    onPersonStatusChanged, onPersonCreated, onPersonUpdated, onPersonAnonymised,
    // billing, POS and visitors are not (required) dependencies: without them these are simply never delivered
    onMembershipCreated, onMembershipEnded, onMembershipSuspended, onMembershipReactivated,
    onSaleCompleted, onVisitorArrived,
  ],
  ui: {
    nav: [
      { label: 'My Wi-Fi', path: '/wifi/me', icon: 'wifi', order: 40, permission: wifiPermissions.self, selfService: true },
      { label: 'Guest Wi-Fi', path: '/wifi/vouchers', icon: 'wifi', order: 41, permission: wifiPermissions.vouchers },
    ],
    routes: [
      { path: '/wifi/me', tag: 'wifi-me', permission: wifiPermissions.self },
      { path: '/wifi/vouchers', tag: 'wifi-vouchers', permission: wifiPermissions.vouchers },
    ],
    profileSections: [{ id: 'wifi', title: 'Wi-Fi', element: 'wifi-profile-section', size: 's', permission: wifiPermissions.manage, order: 40 }],
  },
  routes(app, ctx) {
    meRoutes(app, ctx)
    voucherRoutes(app, ctx)
    personRoutes(app, ctx)
  },
})
