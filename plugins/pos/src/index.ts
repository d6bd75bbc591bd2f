/**
 * The `pos` plugin: a front-desk point of sale. Products with price, tax rate, category and stock; sales (a cart)
 * paid on the member's account (a line on their next invoice, through billing), by card now (a Stripe PaymentIntent,
 * through billing) or in cash; refunds that bring stock back; a daily sales report as CSV; a printed receipt through the
 * access plugin's printing contract when the tenant asks for it.
 */
import { definePlugin } from '@tessera/sdk'
import { billingAccounts, billingPayments } from '@tessera/plugin-billing/contract'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { accessPrinting } from '@tessera/plugin-access/contract'
import pkg from '../package.json' with { type: 'json' }
import { posPermissions, saleCompleted, saleRefunded } from './contract/index.ts'
import { posConfigSchema } from './domain/pos-config.ts'
import { posMigration001 } from './migrations/001-pos.ts'
import { posRoutes } from './routes/pos-routes.ts'
import { seedSampleData } from './seed-sample-data.ts'
import { onSaleCompletedReceipt } from './subscribers/print-receipt.ts'

export default definePlugin({
  id: 'pos',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Point of sale',
  description: 'Front-desk sales of products: on account, by card or in cash; stock, refunds, daily CSV.',
  dependsOn: { members: '^1.0.0', billing: '^1.0.0' },
  // access only when installed: receipts are printed through its printing contract (POS runs without it)
  optionalDependsOn: { access: '^1.0.0' },
  consumes: [membersDirectory, billingAccounts, billingPayments, accessPrinting],
  configSchema: posConfigSchema,
  permissions: {
    [posPermissions.sell]: { description: 'See products and sell at the front desk', roles: ['admin', 'manager', 'support'] },
    [posPermissions.refund]: { description: 'Refund sales', roles: ['admin', 'manager'] },
    [posPermissions.manage]: { description: 'Products, prices and stock', roles: ['admin', 'manager'] },
    [posPermissions.reports]: { description: 'Daily sales reports', roles: ['admin', 'manager', 'finance'] },
  },
  events: [saleCompleted, saleRefunded],
  subscribes: [onSaleCompletedReceipt],
  migrations: [posMigration001],
  seed: seedSampleData,
  ui: {
    nav: [
      { label: 'Point of sale', path: '/pos', icon: 'shopping-bag', order: 50, permission: posPermissions.sell },
      { label: 'Products', path: '/pos/products', icon: 'grid', order: 51, permission: posPermissions.sell },
    ],
    routes: [
      { path: '/pos', tag: 'pos-sale', permission: posPermissions.sell },
      { path: '/pos/products', tag: 'pos-products', permission: posPermissions.sell },
    ],
  },
  routes(app, ctx) {
    posRoutes(app, ctx)
  },
})
