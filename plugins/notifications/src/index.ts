/**
 * The `notifications` plugin: e-mail over SMTP (nodemailer) for the space's events — invitations with a set-password
 * link and password resets (the kernel's `onIdentityMessage`), bookings confirmed / moved / cancelled / reminded /
 * released, invoices issued (PDF attached), declined payments at each dunning step and a suspension, a visitor's
 * arrival to their host. Each message is stored under an idempotency key (event id + template + recipient, so a
 * redelivered event mails once) and sent by a job with retry and backoff; templates are the tenant's (name and logo
 * from the config, HTML and text), other plugins add theirs on `notifications.templates` and queue them with the
 * `notifications.outbox` service; people switch non-essential mail off in their preferences or with one-click
 * unsubscribe. Built as a third party would: other plugins only through their contracts.
 */
import { definePlugin, provide } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingInvoices } from '@tessera/plugin-billing/contract'
import pkg from '../package.json' with { type: 'json' }
import { notificationsPermissions, notificationTemplates, notificationsOutbox } from './contract/index.ts'
import { configSchema } from './domain/notifications-config.ts'
import type { NotificationsContext } from './domain/notifications-config.ts'
import { outboxService } from './domain/outbox-service.ts'
import { notificationsMigration001 } from './migrations/001-notifications.ts'
import { deliverJob, reminderJob } from './jobs/notifications-jobs.ts'
import { onBookingCancelled, onBookingCreated, onBookingMoved, onBookingReleased } from './subscribers/booking-mail.ts'
import { onInvoiceIssued, onMembershipSuspended, onPaymentFailed } from './subscribers/billing-mail.ts'
import { onInvoiceReminded } from './subscribers/payment-reminder-mail.ts'
import { onVisitorArrived } from './subscribers/visitor-mail.ts'
import { onIdentityMessage } from './subscribers/identity-mail.ts'
import { preferencesRoutes } from './routes/preferences-routes.ts'
import { adminRoutes } from './routes/admin-routes.ts'
import { unsubscribeRoutes } from './routes/unsubscribe-routes.ts'

const { manage, self } = notificationsPermissions

export default definePlugin({
  id: 'notifications',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Notifications',
  description: 'E-mail over SMTP: invitations, password resets, bookings, invoices, payments, visitors; preferences and one-click unsubscribe.',
  dependsOn: { members: '^1.0.0' },
  optionalDependsOn: { billing: '^1.0.0' },
  consumes: [membersDirectory, billingInvoices],
  configSchema,
  permissions: {
    [manage]: { description: 'See the e-mail settings and the sent-mail log, send a test e-mail, retry a failed message', roles: ['admin'] },
    [self]: { description: 'Change one\'s own e-mail preferences', roles: ['admin', 'manager', 'finance', 'support', 'member'] },
  },
  extensionPoints: [notificationTemplates],
  services: [provide(notificationsOutbox, (ctx) => outboxService(ctx as NotificationsContext))],
  migrations: [notificationsMigration001],
  jobs: { deliver: deliverJob, reminder: reminderJob },
  subscribes: [
    onBookingCreated, onBookingMoved, onBookingCancelled, onBookingReleased,
    onInvoiceIssued, onPaymentFailed, onMembershipSuspended, onInvoiceReminded, onVisitorArrived,
  ],
  onIdentityMessage,
  ui: {
    nav: [
      { label: 'E-mail preferences', path: '/notifications/preferences', icon: 'mail', order: 90, permission: self },
      { label: 'E-mail settings', path: '/notifications/settings', icon: 'settings', order: 91, permission: manage },
      { label: 'Sent mail', path: '/notifications/log', icon: 'inbox', order: 92, permission: manage },
    ],
    routes: [
      { path: '/notifications/preferences', tag: 'notifications-preferences', permission: self },
      { path: '/notifications/settings', tag: 'notifications-settings', permission: manage },
      { path: '/notifications/log', tag: 'notifications-log', permission: manage },
    ],
  },
  routes(app, ctx) {
    preferencesRoutes(app, ctx)
    adminRoutes(app, ctx)
    unsubscribeRoutes(app, ctx)
  },
})
