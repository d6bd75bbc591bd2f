/**
 * The `pos` plugin: a front-desk point of sale. Products with price, tax rate, category and stock; sales (a cart)
 * paid on the member's account (a line on their next invoice, through billing), by card now (a Stripe PaymentIntent,
 * through billing) or in cash; refunds that bring stock back; a daily sales report as CSV.
 */
import { definePlugin, timezone } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { posMigration001 } from './migrations/001-pos.ts'
import { posRoutes } from './routes/pos-routes.ts'
import { seedSampleData } from './seed-sample-data.ts'

export default definePlugin({
  id: 'pos',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Point of sale',
  description: 'Front-desk sales of products: on account, by card or in cash; stock, refunds, daily CSV.',
  dependsOn: { members: '^1.0.0', billing: '^1.0.0' },
  configSchema: {
    type: 'object', additionalProperties: false,
    properties: {
      pricesIncludeTax: { type: 'boolean', default: true, description: 'Shelf prices include tax' },
      timezone: { ...timezone, default: 'UTC', description: 'IANA timezone of the daily report' },
    },
  },
  permissions: {
    'pos.sell': { description: 'See products and sell at the front desk', roles: ['admin', 'manager', 'support'] },
    'pos.refund': { description: 'Refund sales', roles: ['admin', 'manager'] },
    'pos.manage': { description: 'Products, prices and stock', roles: ['admin', 'manager'] },
    'pos.reports': { description: 'Daily sales reports', roles: ['admin', 'manager', 'finance'] },
  },
  events: {
    'pos.sale.completed': { ui: { permission: 'pos.sell' }, description: '{ id, method, total }' },
    'pos.sale.refunded': { ui: { permission: 'pos.sell' }, description: '{ id, refundId, amount }' },
  },
  migrations: [posMigration001],
  seed: seedSampleData,
  ui: {
    nav: [
      { label: 'Point of sale', path: '/pos', icon: 'shopping-bag', order: 50, permission: 'pos.sell' },
      { label: 'Products', path: '/pos/products', icon: 'grid', order: 51, permission: 'pos.sell' },
    ],
    routes: [
      { path: '/pos', tag: 'pos-sale', permission: 'pos.sell' },
      { path: '/pos/products', tag: 'pos-products', permission: 'pos.sell' },
    ],
  },
  routes(app, ctx) {
    posRoutes(app, ctx)
  },
})
