/**
 * Printers and print jobs (HTTP only; rules in `domain/printers.ts` and `domain/print-jobs.ts`): register, list,
 * change and remove printers of site agents; print a test page; send a document (staff); list, read and cancel jobs.
 */
import { problem } from '@tessera/sdk'
import type { PluginApp } from '@tessera/sdk'
import {
  accessPermissions, createPrinterBody, emptyBody, idParams, listOf, printJobQuery, printJobSchema, printRequestBody, printerQuery, printerSchema,
  updatePrinterBody,
} from '../contract/index.ts'
import type { AccessContext } from '../domain/access-config.ts'
import { createPrinter, printerRowOr404, removePrinter, updatePrinter } from '../domain/printers.ts'
import { cancelPrint, submitPrint } from '../domain/print-jobs.ts'
import { testPage } from '../domain/test-page.ts'
import { getJobRow, listJobRows, toPrintJob } from '../store/print-jobs-store.ts'
import { listPrinterRows, toPrinter } from '../store/printers-store.ts'

const read = { permission: accessPermissions.read }
const manage = { permission: accessPermissions.manage }
const print = { permission: accessPermissions.print }

/** Registers `/printers` and `/print-jobs`. */
export function printerRoutes(app: PluginApp, ctx: AccessContext): void {
  app.get('/printers', { config: read, schema: { querystring: printerQuery, response: { 200: listOf(printerSchema) } } },
    async (req) => ({ items: (await listPrinterRows(ctx.db, { ...req.query, limit: req.query.limit ?? 100, offset: req.query.offset ?? 0 })).map(toPrinter) }))

  app.get('/printers/:id', { config: read, schema: { params: idParams, response: { 200: printerSchema } } },
    async (req) => toPrinter(await printerRowOr404(ctx, req.params.id)))

  app.post('/printers', { config: manage, schema: { body: createPrinterBody, response: { 201: printerSchema } } }, async (req, reply) => {
    const created = await createPrinter(ctx, req.body)
    reply.code(201)
    return created
  })

  app.patch('/printers/:id', { config: manage, schema: { params: idParams, body: updatePrinterBody, response: { 200: printerSchema } } },
    async (req) => updatePrinter(ctx, req.params.id, req.body))

  app.delete('/printers/:id', { config: manage, schema: { params: idParams, response: { 204: { type: 'null' } } } }, async (req, reply) => {
    await removePrinter(ctx, req.params.id)
    reply.code(204)
    return null
  })

  app.post('/printers/:id/test-page', {
    config: { ...print, idempotency: true },
    schema: { params: idParams, body: emptyBody, response: { 201: printJobSchema } },
  }, async (req, reply) => {
    const job = await testPage(ctx, await printerRowOr404(ctx, req.params.id))
    reply.code(201)
    return job
  })

  app.post('/print-jobs', { config: print, schema: { body: printRequestBody, response: { 201: printJobSchema } } }, async (req, reply) => {
    const job = await submitPrint(ctx, req.body, 'access')
    reply.code(201)
    return job
  })

  app.get('/print-jobs', { config: read, schema: { querystring: printJobQuery, response: { 200: listOf(printJobSchema) } } },
    async (req) => ({ items: (await listJobRows(ctx.db, { ...req.query, limit: req.query.limit ?? 50, offset: req.query.offset ?? 0 })).map(toPrintJob) }))

  app.get('/print-jobs/:id', { config: read, schema: { params: idParams, response: { 200: printJobSchema } } }, async (req) => {
    const job = await getJobRow(ctx.db, req.params.id)
    if (!job) throw problem.notFound('No such print job.')
    return toPrintJob(job)
  })

  app.post('/print-jobs/:id/cancel', { config: print, schema: { params: idParams, body: emptyBody, response: { 200: printJobSchema } } }, async (req) => {
    const job = await getJobRow(ctx.db, req.params.id)
    if (!job) throw problem.notFound('No such print job.')
    return cancelPrint(ctx, job)
  })
}
