/**
 * The `billing` plugin: plans and memberships with daily proration, a credits wallet consumed by bookings, invoices
 * with gapless numbers, credit notes and PDFs, an idempotent monthly invoice run, Stripe payments (customers, saved
 * cards, off-session charges, refunds, signed webhooks) and dunning that ends in suspension. Money is integer minor
 * units of the tenant's currency.
 */
import { definePlugin } from '@tessera/sdk'
import pkg from '../package.json' with { type: 'json' }
import { billingMigration001 } from './migrations/001-billing.ts'
import { billingMigration002 } from './migrations/002-charge-tax-mode.ts'
import { billingMigration003 } from './migrations/003-booking-cancellations.ts'
import { billingMigration004 } from './migrations/004-booking-revisions.ts'
import { configSchema } from './domain/billing-config.ts'
import { plansRoutes } from './routes/plans-routes.ts'
import { invoicesRoutes } from './routes/invoices-routes.ts'
import { paymentRoutes } from './routes/payment-routes.ts'
import { retryPaymentJob } from './jobs/retry-payment-job.ts'
import { invoiceRunJob } from './jobs/invoice-run-job.ts'
import { onBookingCancelled } from './subscribers/booking-cancelled.ts'
import { onBookingCreated } from './subscribers/booking-created.ts'
import { onBookingMoved } from './subscribers/booking-moved.ts'
import { plansService } from './services/plans-service.ts'
import { pricingService, accountsService } from './services/pricing-service.ts'
import { paymentsService } from './services/payments-service.ts'
import { seedSampleData } from './seed-sample-data.ts'

export default definePlugin({
  id: 'billing',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Billing',
  description: 'Plans, memberships, credits, invoices, Stripe payments and dunning.',
  dependsOn: { members: '^1.0.0', spaces: '^1.0.0' },
  configSchema,
  permissions: {
    'billing.read': { description: 'See plans, memberships, invoices and wallets', roles: ['admin', 'manager', 'finance', 'support'] },
    'billing.manage': { description: 'Plans, memberships, invoices, payments, credit notes, invoice runs', roles: ['admin', 'finance', 'manager'] },
    'billing.self': { description: 'See and pay one\'s own invoices, plan and credits', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
  },
  events: {
    'billing.membership.created': { ui: { permission: 'billing.read' }, description: '{ id, payerType, payerId, planId, startsOn }' },
    'billing.membership.ended': { ui: { permission: 'billing.read' }, description: '{ id, payerType, payerId, endsOn }' },
    'billing.membership.suspended': { ui: { permission: 'billing.read' }, description: 'Dunning gave up: { id, payerType, payerId, invoiceId } — access should stop' },
    'billing.membership.reactivated': { ui: { permission: 'billing.read' }, description: 'Staff lifted a suspension: { id, payerType, payerId }' },
    'billing.invoice.drafted': { ui: { permission: 'billing.read' }, description: 'A draft was made from open charges: { id, payerType, payerId }' },
    'billing.invoice.updated': { ui: { permission: 'billing.read' }, description: 'A partial payment or a credit changed what is due: { id, payerType, payerId, status, amountDue }' },
    'billing.invoice.issued': { ui: { permission: 'billing.read' }, description: '{ id, number, payerType, payerId, total, kind }' },
    'billing.invoice.paid': { ui: { permission: 'billing.read' }, description: '{ id, payerType, payerId, total }' },
    'billing.invoice.voided': { ui: { permission: 'billing.read' }, description: '{ id, payerType, payerId }' },
    'billing.payment.failed': { ui: { permission: 'billing.read' }, description: 'A charge was declined; the payer is to be notified: { invoiceId, payerType, payerId, attempt, nextAttemptAt, declineCode }' },
    'billing.booking.charged': { description: '{ bookingId, creditsUsed, amount }' },
    'billing.booking.refunded': { description: '{ bookingId, creditsRestored, amount }' },
    'billing.booking.repriced': { description: 'A moved or resized booking was priced again: { bookingId, revision, creditsUsed, amount, previousCreditsUsed, previousAmount }' },
  },
  services: { plans: plansService, pricing: pricingService, accounts: accountsService, payments: paymentsService },
  migrations: [billingMigration001, billingMigration002, billingMigration003, billingMigration004],
  jobs: { 'invoice-run': invoiceRunJob, 'retry-payment': retryPaymentJob },
  subscribes: { 'bookings.booking.created': onBookingCreated, 'bookings.booking.moved': onBookingMoved, 'bookings.booking.cancelled': onBookingCancelled },
  seed: seedSampleData,
  ui: {
    nav: [
      { label: 'Invoices', path: '/billing/invoices', icon: 'receipt', order: 40, permission: 'billing.read' },
      { label: 'Memberships', path: '/billing/memberships', icon: 'users', order: 41, permission: 'billing.read' },
      { label: 'Plans', path: '/billing/plans', icon: 'layers', order: 42, permission: 'billing.read' },
      { label: 'Credits', path: '/billing/wallets', icon: 'credit-card', order: 43, permission: 'billing.read' },
      { label: 'My invoices', path: '/billing/my-invoices', icon: 'receipt', order: 44, permission: 'billing.self' },
      { label: 'My plan', path: '/billing/my-plan', icon: 'credit-card', order: 45, permission: 'billing.self' },
    ],
    routes: [
      { path: '/billing/invoices', tag: 'billing-invoices', permission: 'billing.read' },
      { path: '/billing/invoices/:id', tag: 'billing-invoice-detail', permission: 'billing.read' },
      { path: '/billing/memberships', tag: 'billing-memberships', permission: 'billing.read' },
      { path: '/billing/plans', tag: 'billing-plans', permission: 'billing.read' },
      { path: '/billing/wallets', tag: 'billing-wallets', permission: 'billing.read' },
      { path: '/billing/my-invoices', tag: 'billing-my-invoices', permission: 'billing.self' },
      { path: '/billing/my-plan', tag: 'billing-my-plan', permission: 'billing.self' },
    ],
  },
  routes(app, ctx) {
    plansRoutes(app, ctx)
    invoicesRoutes(app, ctx)
    paymentRoutes(app, ctx)
  },
})

export type { PlansService } from './services/plans-service.ts'
export type { PricingService, AccountsService } from './services/pricing-service.ts'
export type { PaymentsService, CardCharge } from './services/payments-service.ts'
