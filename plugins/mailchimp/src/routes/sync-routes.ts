/**
 * Sync routes: the status screen (`GET /status`: the last run with its progress, contacts by state, the latest
 * errors with Mailchimp's message) and "sync now" (`POST /sync`: a full sync by batch operations, queued).
 */
import { emptyBody, problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { syncStatusSchema } from '../contract/mailchimp-schemas.ts'
import { mailchimpPermissions } from '../contract/mailchimp-permissions.ts'
import type { MailchimpContext } from '../domain/mailchimp-config.ts'
import { getSettings } from '../store/settings-store.ts'
import { latestRun } from '../store/sync-run-store.ts'
import { contactSummary } from '../store/contact-store.ts'

/** Registers the routes. */
export function syncRoutes(app: PluginApp, ctx: MailchimpContext): void {
  app.get('/status', {
    config: { permission: mailchimpPermissions.read },
    schema: { response: { 200: syncStatusSchema } },
  }, async () => {
    const s = await getSettings(ctx.db)
    const run = await latestRun(ctx.db)
    const lastRun = run ? {
      id: run.id, audienceId: run.audienceId, status: run.status, totalOperations: run.totalOperations, finishedOperations: run.finishedOperations,
      erroredOperations: run.erroredOperations, error: run.error, startedAt: run.startedAt, finishedAt: run.finishedAt,
    } : null
    const summary = s.audienceId ? await contactSummary(ctx.db, s.audienceId) : { subscribed: 0, unsubscribed: 0, errors: [] }
    return { lastRun, ...summary }
  })

  app.post('/sync', {
    config: { permission: mailchimpPermissions.manage },
    schema: { body: emptyBody, response: { 202: { type: 'object', additionalProperties: false, required: ['queued'], properties: { queued: { type: 'boolean' } } } } },
  }, async (_req, reply) => {
    if (!(await getSettings(ctx.db)).audienceId) throw problem.conflict('Choose an audience first.')
    await ctx.jobs.send('sync-audience', {})
    reply.code(202)
    return { queued: true }
  })
}
