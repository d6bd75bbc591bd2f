/**
 * The `mailchimp` plugin, built as a third party would, against members' contract (and, when installed, billing's and
 * spaces' for plans and their locations): people with recorded marketing consent become contacts of the tenant's
 * chosen Mailchimp audience (upserted by subscriber hash, merge fields and tags from the mapping, current plan and
 * location; the first sync by batch operations with its progress), a withdrawal unsubscribes
 * them within seconds (event → job), anonymisation deletes the contact permanently, and Mailchimp's webhooks
 * (unsubscribe, cleaned, subscribe, e-mail change) flow back into consent in members. One SDK client per tenant, at
 * most 10 connections, 429 and 5xx retried with backoff.
 */
import { definePlugin } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingPlans } from '@tessera/plugin-billing/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import pkg from '../package.json' with { type: 'json' }
import { mailchimpPermissions } from './contract/mailchimp-permissions.ts'
import { configSchema } from './domain/mailchimp-config.ts'
import { mailchimpMigration001 } from './migrations/001-mailchimp.ts'
import { mailchimpMigration002 } from './migrations/002-plan-tags.ts'
import { mailchimpJobs } from './jobs/mailchimp-jobs.ts'
import { onConsentChanged, onPersonAnonymised, onPersonUpdated } from './subscribers/member-changes.ts'
import { planSubscriptions } from './subscribers/plan-changes.ts'
import { connectionRoutes } from './routes/connection-routes.ts'
import { syncRoutes } from './routes/sync-routes.ts'
import { webhookRoutes } from './routes/webhook-routes.ts'
import { ensureSettings } from './store/settings-store.ts'

export default definePlugin({
  id: 'mailchimp',
  version: pkg.version,
  kernel: '^1.0.0',
  name: 'Mailchimp',
  description: 'Newsletter audience sync with consent first: subscribe consenting members, unsubscribe on withdrawal, delete on anonymisation.',
  dependsOn: { members: '^1.0.0' },
  // plans (merge field, plan tags) and their locations (location tags) when billing and spaces are installed
  optionalDependsOn: { billing: '^1.0.0', spaces: '^1.0.0' },
  consumes: [membersDirectory, billingPlans, spacesCatalog],
  configSchema,
  permissions: {
    [mailchimpPermissions.read]: { description: 'See the Mailchimp connection, last sync and errors', roles: ['admin', 'manager'] },
    [mailchimpPermissions.manage]: { description: 'Choose the Mailchimp audience, map fields and tags, start a sync', roles: ['admin'] },
  },
  migrations: [mailchimpMigration001, mailchimpMigration002],
  jobs: mailchimpJobs,
  subscribes: [onConsentChanged, onPersonUpdated, onPersonAnonymised, ...planSubscriptions],
  ui: {
    nav: [{ label: 'Mailchimp', path: '/mailchimp', icon: 'mail', order: 80, permission: mailchimpPermissions.read }],
    routes: [{ path: '/mailchimp', tag: 'mailchimp-settings', permission: mailchimpPermissions.read }],
  },
  async onEnable(ctx) {
    await ensureSettings(ctx.db)
  },
  routes(app, ctx) {
    connectionRoutes(app, ctx)
    syncRoutes(app, ctx)
    webhookRoutes(app, ctx)
  },
})

export { retryPolicy } from './domain/mailchimp-client.ts'
