/**
 * The `billing` plugin: plans and memberships with daily proration, a credits wallet consumed by bookings, invoices
 * with gapless numbers, credit notes and PDFs, an idempotent monthly invoice run, card payments through the
 * `payment-gateway` extension point (Stripe built in: customers, saved cards, off-session charges, refunds, signed
 * webhooks; other gateways from other plugins) and dunning that ends in suspension. Money is integer minor
 * units of the tenant's currency.
 */
import { definePlugin, extend, provide } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import pkg from '../package.json' with { type: 'json' }
import { billingMigration001 } from './migrations/001-billing.ts'
import { billingMigration002 } from './migrations/002-charge-tax-mode.ts'
import { billingMigration003 } from './migrations/003-booking-cancellations.ts'
import { billingMigration004 } from './migrations/004-booking-revisions.ts'
import { billingMigration005 } from './migrations/005-payment-gateways.ts'
import { billingMigration006 } from './migrations/006-locations.ts'
import { billingMigration007 } from './migrations/007-stripe-accounts.ts'
import { billingMigration008 } from './migrations/008-search-indexes.ts'
import { billingMigration009 } from './migrations/009-payer-names.ts'
import { billingMigration010 } from './migrations/010-invoice-reminders.ts'
import { billingSearch } from './search/billing-search.ts'
import { configSchema } from './domain/billing-config.ts'
import { plansRoutes } from './routes/plans-routes.ts'
import { invoicesRoutes } from './routes/invoices-routes.ts'
import { paymentRoutes } from './routes/payment-routes.ts'
import { deskRoutes } from './routes/desk-routes.ts'
import { reportRoutes } from './routes/report-routes.ts'
import { cardPaymentRoutes } from './routes/card-payment-routes.ts'
import { reminderRoutes } from './routes/reminder-routes.ts'
import { retryPaymentJob } from './jobs/retry-payment-job.ts'
import { invoiceRunJob } from './jobs/invoice-run-job.ts'
import { onBookingCancelled } from './subscribers/booking-cancelled.ts'
import { onBookingCreated } from './subscribers/booking-created.ts'
import { onBookingMoved } from './subscribers/booking-moved.ts'
import {
  onInvoiceDraftedName, onOrganisationCreatedName, onOrganisationDeletedName, onOrganisationUpdatedName, onPersonAnonymisedName, onPersonCreatedName, onPersonUpdatedName,
} from './subscribers/payer-name-sync.ts'
import { backfillPayerNames } from './search/payer-names.ts'
import { plansService } from './services/plans-service.ts'
import { accountsService } from './services/accounts-service.ts'
import { paymentsService } from './services/payments-service.ts'
import { invoicesService } from './services/invoices-service.ts'
import { stripeGateway } from './gateways/stripe-gateway.ts'
import { seedSampleData } from './seed-sample-data.ts'
import { billingAccounts } from './contract/accounts-service.ts'
import { billingPayments } from './contract/payments-service.ts'
import { billingPlans } from './contract/plans-service.ts'
import { billingInvoices } from './contract/invoices-service.ts'
import { paymentGateway } from './contract/payment-gateway.ts'
import { billingPermissions } from './contract/permissions.ts'
import { invoiceDrafted, invoiceIssued, invoicePaid, invoiceUpdated, invoiceVoided } from './contract/invoice-events.ts'
import { paymentFailed } from './contract/payment-events.ts'
import { invoiceReminded } from './contract/reminder-events.ts'
import { membershipCreated, membershipEnded, membershipReactivated, membershipSuspended } from './contract/membership-events.ts'
import { bookingCharged, bookingRefunded, bookingRepriced } from './contract/booking-events.ts'

const { read, manage, self } = billingPermissions

export default definePlugin({
  id: 'billing',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Billing',
  description: 'Plans, memberships, credits, invoices, card payments (Stripe or another gateway) and dunning.',
  dependsOn: { members: '^1.0.0', spaces: '^1.0.0' },
  consumes: [membersDirectory, spacesCatalog],
  configSchema,
  permissions: {
    [read]: { description: 'See plans, memberships, invoices and wallets', roles: ['admin', 'manager', 'finance', 'support'] },
    [manage]: { description: 'Plans, memberships, invoices, payments, credit notes, invoice runs', roles: ['admin', 'finance', 'manager'] },
    [self]: { description: 'See and pay one\'s own invoices, plan and credits', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
  },
  events: [
    membershipCreated, membershipEnded, membershipSuspended, membershipReactivated,
    invoiceDrafted, invoiceUpdated, invoiceIssued, invoicePaid, invoiceVoided, paymentFailed, invoiceReminded,
    bookingCharged, bookingRefunded, bookingRepriced,
  ],
  services: [
    provide(billingPlans, plansService), provide(billingAccounts, accountsService),
    provide(billingPayments, paymentsService), provide(billingInvoices, invoicesService),
  ],
  // Stripe.js and the iframes it mounts (card entry with Stripe Elements); the kernel adds these to its CSP
  csp: { scriptSrc: ['https://js.stripe.com'], frameSrc: ['https://js.stripe.com', 'https://hooks.stripe.com'], connectSrc: ['https://api.stripe.com'] },
  extensionPoints: [paymentGateway],
  // billing's own Stripe gateway, registered like a third-party one
  extensions: [extend(paymentGateway, stripeGateway)],
  migrations: [billingMigration001, billingMigration002, billingMigration003, billingMigration004, billingMigration005, billingMigration006, billingMigration007, billingMigration008, billingMigration009, billingMigration010],
  search: billingSearch,
  jobs: { 'invoice-run': invoiceRunJob, 'retry-payment': retryPaymentJob },
  // bookings is optional: a tenant without it simply never sends these
  subscribes: [
    onBookingCreated, onBookingMoved, onBookingCancelled,
    // the searchable copy of payers' names (members' contract)
    onPersonCreatedName, onPersonUpdatedName, onPersonAnonymisedName, onOrganisationCreatedName, onOrganisationUpdatedName, onOrganisationDeletedName, onInvoiceDraftedName,
  ],
  // the searchable copy of payers' names, for invoices made before it existed (re-enabling runs it again)
  async onEnable(ctx) {
    await backfillPayerNames(ctx)
  },
  seed: seedSampleData,
  ui: {
    nav: [
      { label: 'Invoices', path: '/billing/invoices', icon: 'receipt', order: 40, permission: read },
      { label: 'Memberships', path: '/billing/memberships', icon: 'users', order: 41, permission: read },
      { label: 'Plans', path: '/billing/plans', icon: 'layers', order: 42, permission: read },
      { label: 'Credits', path: '/billing/wallets', icon: 'credit-card', order: 43, permission: read },
      { label: 'Overdue', path: '/billing/overdue', icon: 'alert-triangle', order: 43.5, permission: read },
      { label: 'Stripe settings', path: '/billing/stripe-settings', icon: 'settings', order: 46, permission: manage },
      { label: 'My invoices', path: '/billing/my-invoices', icon: 'receipt', order: 44, permission: self, selfService: true },
      { label: 'My plan', path: '/billing/my-plan', icon: 'credit-card', order: 45, permission: self, selfService: true },
    ],
    routes: [
      { path: '/billing/invoices', tag: 'billing-invoices', permission: read },
      { path: '/billing/invoices/:id', tag: 'billing-invoice-detail', permission: read },
      { path: '/billing/memberships', tag: 'billing-memberships', permission: read },
      { path: '/billing/plans', tag: 'billing-plans', permission: read },
      { path: '/billing/wallets', tag: 'billing-wallets', permission: read },
      { path: '/billing/overdue', tag: 'billing-overdue', permission: read },
      { path: '/billing/stripe-settings', tag: 'billing-stripe-settings', permission: manage },
      { path: '/billing/my-invoices', tag: 'billing-my-invoices', permission: self },
      { path: '/billing/my-plan', tag: 'billing-my-plan', permission: self },
    ],
    widgets: [{ id: 'overdue', title: 'Overdue invoices', element: 'billing-overdue-widget', size: 's', permission: read, order: 50 }],
    profileSections: [{ id: 'account', title: 'Memberships, invoices and credits', element: 'billing-profile-section', size: 'l', permission: read, order: 10 }],
    reports: [{ id: 'revenue', title: 'Revenue by plan and product', description: 'Net of issued and paid invoices by month; credit notes subtract.', source: '/reports/revenue', x: 'month', series: 'item', values: [{ field: 'net', label: 'Net revenue' }], format: 'money', permission: read, order: 20 }],
  },
  routes(app, ctx) {
    plansRoutes(app, ctx)
    invoicesRoutes(app, ctx)
    paymentRoutes(app, ctx)
    deskRoutes(app, ctx)
    cardPaymentRoutes(app, ctx)
    reminderRoutes(app, ctx)
    reportRoutes(app, ctx)
  },
})

export type { PlansService, AccountsService, PaymentsService, CardCharge, InvoicesService, PaymentGateway } from './contract/index.ts'
