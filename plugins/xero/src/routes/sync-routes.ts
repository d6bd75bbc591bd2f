/**
 * The sync log, mapping and reconciliation routes: `GET /documents` (filter by state and kind, counts per state),
 * `POST /documents/:id/retry` (a failed document, with a new idempotency key), `GET|PUT /mapping` (the account/tax
 * mapping and its schema for the form), `GET /tracking` (locations and Xero's tracking categories for the mapping's
 * tracking section), `GET /reconciliation` and `POST /reconciliation/refresh`.
 */
import type { PluginApp } from '@tessera/sdk'
import { emptyBody, idParams, problem } from '@tessera/sdk'
import { documentPageSchema, documentQuery, documentSchema, mappingSchema, reconciliationSchema, trackingSchema, xeroPermissions } from '../contract/index.ts'
import type { XeroContext } from '../domain/xero-config.ts'
import type { ResolvedXeroOptions } from '../domain/xero-options.ts'
import { checkLocationOptions, trackingView } from '../domain/tracking.ts'
import { effectiveMapping } from '../domain/mapping.ts'
import { reconciliation } from '../domain/reconciliation.ts'
import { getDocument, listDocuments, retryDocument } from '../store/document-store.ts'
import { saveMapping } from '../store/mapping-store.ts'

const { manage, read } = xeroPermissions

/** Registers the sync log, mapping and reconciliation routes. */
export function syncRoutes(app: PluginApp, ctx: XeroContext, opts: ResolvedXeroOptions): void {
  app.get('/documents', { config: { permission: read }, schema: { querystring: documentQuery, response: { 200: documentPageSchema } } },
    async (req) => listDocuments(ctx.db, req.query))

  app.post('/documents/:id/retry', { config: { permission: manage }, schema: { params: idParams, body: emptyBody, response: { 200: documentSchema } } }, async (req) => {
    const doc = await retryDocument(ctx.db, req.params.id)
    if (!doc) throw problem.notFound('No failed document with this id.')
    // a document that failed because its contact failed: the contact is retried with it
    if (doc.kind !== 'contact') {
      const contact = await ctx.db.one<{ id: string }>('SELECT c.id FROM xero.documents c WHERE c.kind = \'contact\' AND c.state = \'failed\' AND c.tessera_id = $1', [doc.parent_id])
      if (contact) await retryDocument(ctx.db, contact.id)
    }
    await ctx.jobs.send('sync', { retry: doc.id })
    return (await getDocument(ctx.db, doc.id))!
  })

  app.get('/mapping', {
    config: { permission: read },
    schema: {
      response: { 200: { type: 'object', additionalProperties: false, required: ['mapping', 'schema'], properties: { mapping: mappingSchema, schema: { type: 'object', additionalProperties: true } } } },
    },
  }, async () => ({ mapping: await effectiveMapping(ctx), schema: mappingSchema as unknown as Record<string, unknown> }))

  app.put('/mapping', { config: { permission: manage }, schema: { body: mappingSchema, response: { 200: mappingSchema } } }, async (req) => {
    await checkLocationOptions(ctx, req.body)
    await saveMapping(ctx.db, req.body)
    // documents refused for an account or tax code or a location's tracking go again with the new mapping
    const refused = await ctx.db.many<{ id: string }>(
      'SELECT id FROM xero.documents WHERE state = \'failed\' AND (error ILIKE \'%account code%\' OR error ILIKE \'%taxtype%\' OR error ILIKE \'%tracking%\')')
    for (const r of refused) await retryDocument(ctx.db, r.id)
    if (refused.length) await ctx.jobs.send('sync', { mapping: true })
    return effectiveMapping(ctx)
  })

  // a transaction: reading Xero's categories takes the tenant's sync lock (one conversation with Xero at a time)
  app.get('/tracking', { config: { permission: read, transaction: true }, schema: { response: { 200: trackingSchema } } }, async () => trackingView(ctx, opts))

  app.get('/reconciliation', { config: { permission: read }, schema: { response: { 200: reconciliationSchema } } }, async () => reconciliation(ctx))

  app.post('/reconciliation/refresh', {
    config: { permission: manage },
    schema: { body: emptyBody, response: { 202: { type: 'object', additionalProperties: false, required: ['queued'], properties: { queued: { type: 'boolean' } } } } },
  }, async (_req, reply) => {
    await ctx.jobs.send('reconcile', {})
    reply.code(202)
    return { queued: true }
  })
}
