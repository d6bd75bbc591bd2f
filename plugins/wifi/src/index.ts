/**
 * The `wifi` plugin: WPA2/3-Enterprise logins for members and guest vouchers. Each member with an active membership
 * (heard from billing's events) gets a login `local@realm` with a generated password; FreeRADIUS checks it (PAP and
 * PEAP/MSCHAPv2) with rlm_sql through the view `wifi.radius_credentials` as the `tessera_radius` role, and writes
 * accounting into `wifi_radius.sessions`; the member sees the login, rotates the password and sees sessions and data
 * used on `/wifi/me`. Staff create UniFi hotspot vouchers; a POS day-pass sale creates them automatically.
 */
import { definePlugin } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import pkg from '../package.json' with { type: 'json' }
import { vouchersIssued, wifiPermissions } from './contract/index.ts'
import { configSchema } from './domain/wifi-config.ts'
import { wifiMigration001 } from './migrations/001-wifi.ts'
import { meRoutes } from './routes/me-routes.ts'
import { voucherRoutes } from './routes/voucher-routes.ts'
import { onMembershipCreated, onMembershipEnded, onMembershipReactivated, onMembershipSuspended } from './subscribers/membership-changes.ts'
import { onSaleCompleted } from './subscribers/pos-sales.ts'
import { onPersonAnonymised, onPersonStatusChanged } from './subscribers/member-changes.ts'

export default definePlugin({
  id: 'wifi',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Wi-Fi',
  description: 'Members\' Wi-Fi logins checked by FreeRADIUS (PAP, PEAP/MSCHAPv2), accounting, and UniFi guest vouchers.',
  dependsOn: { members: '^1.0.0' },
  consumes: [membersDirectory],
  configSchema,
  permissions: {
    [wifiPermissions.self]: { description: 'See one\'s Wi-Fi login and sessions; rotate its password', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
    [wifiPermissions.vouchers]: { description: 'See and create guest Wi-Fi vouchers', roles: ['admin', 'manager', 'support'] },
  },
  events: [vouchersIssued],
  migrations: [wifiMigration001],
  subscribes: [
    onPersonStatusChanged, onPersonAnonymised,
    // billing and POS are not dependencies: without them these are simply never delivered
    onMembershipCreated, onMembershipEnded, onMembershipSuspended, onMembershipReactivated,
    onSaleCompleted,
  ],
  ui: {
    nav: [
      { label: 'My Wi-Fi', path: '/wifi/me', icon: 'wifi', order: 40, permission: wifiPermissions.self },
      { label: 'Guest Wi-Fi', path: '/wifi/vouchers', icon: 'wifi', order: 41, permission: wifiPermissions.vouchers },
    ],
    routes: [
      { path: '/wifi/me', tag: 'wifi-me', permission: wifiPermissions.self },
      { path: '/wifi/vouchers', tag: 'wifi-vouchers', permission: wifiPermissions.vouchers },
    ],
  },
  routes(app, ctx) {
    meRoutes(app, ctx)
    voucherRoutes(app, ctx)
  },
})
