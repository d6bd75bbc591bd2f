/**
 * PaperCut's routes: the member's print balance and usage (`GET /me`), the staff list of people with their sync
 * state and errors (`GET /accounts`), one person's account for their profile (`GET /accounts/:personId`: from the
 * store, 404 for an unknown person, `linked: false` for one without an account), and a staff retry of one person (`POST /accounts/:personId/retry`: failures
 * reset, a sync and a period run queued — nothing runs in the request, so a PaperCut outage never blocks it).
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { accountListSchema, myPrintSchema, papercutPermissions, personParams, personPrintSchema, retryQueuedSchema } from '../contract/index.ts'
import type { PaperCutContext } from '../domain/papercut-config.ts'
import { myPrint } from '../domain/my-print.ts'
import { personPrint } from '../domain/person-print.ts'
import { today } from '../domain/period-run.ts'
import { listAccounts, resetFailures } from '../store/accounts-store.ts'

export function papercutRoutes(app: PluginApp, ctx: PaperCutContext): void {
  app.get('/me', { config: { permission: papercutPermissions.self }, schema: { response: { 200: myPrintSchema } } }, async () => {
    const actor = ctx.actor()
    const view = actor.type === 'user' ? await myPrint(ctx, actor.id) : undefined
    if (!view) throw problem.forbidden('Your login is not linked to a member.')
    return view
  })

  app.get('/accounts', { config: { permission: papercutPermissions.manage }, schema: { response: { 200: accountListSchema } } }, async () => {
    const directory = ctx.services.get(membersDirectory)
    const rows = await listAccounts(ctx.db)
    const items = []
    for (const { balance: _b, pageCount: _p, colourPageCount: _c, ...row } of rows) {
      const person = await directory.getPerson(row.personId)
      items.push({ ...row, personName: person?.name ?? 'Unknown person' })
    }
    return { items }
  })

  app.get('/accounts/:personId', {
    config: { permission: papercutPermissions.manage }, schema: { params: personParams, response: { 200: personPrintSchema } },
  }, async (req) => personPrint(ctx, req.params.personId))

  app.post('/accounts/:personId/retry', {
    config: { permission: papercutPermissions.manage },
    schema: { params: personParams, body: { type: 'object', additionalProperties: false, properties: {} }, response: { 202: retryQueuedSchema } },
  }, async (req, reply) => {
    const { personId } = req.params
    if (!(await resetFailures(ctx.db, personId))) throw problem.notFound('This person has no PaperCut account.')
    await ctx.jobs.send('sync-person', { personId })
    await ctx.jobs.send('person-period', { personId, on: today() })
    reply.code(202)
    return { queued: true }
  })
}
