/**
 * `GET /api/v1/search?q=&limit=`: the shell's top-bar search across the plugins the caller's tenant has enabled, each
 * plugin answering for its own records through its search provider (`search/search-providers.ts`), in one tenant
 * transaction so RLS scopes every provider to the caller's tenant.
 */
import type { FastifyInstance } from 'fastify'
import { problem, SEARCH_MAX_LIMIT, SEARCH_MAX_QUERY } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import { requireAuth } from '../auth/auth-hook.ts'
import { problemResponses } from '../http/common-schemas.ts'
import { searchProviders } from '../search/search-providers.ts'

const result = {
  type: 'object',
  properties: { kind: { type: 'string' }, id: { type: 'string' }, title: { type: 'string' }, subtitle: { type: 'string' }, href: { type: 'string' }, rank: { type: 'number' } },
} as const

/** Registers the search route. */
export function searchRoutes(app: FastifyInstance, k: KernelServices): void {
  app.get('/api/v1/search', {
    schema: {
      tags: ['search'], summary: "Finds the caller's tenant's records (people, bookings, invoices, …) by text, grouped by kind, best first",
      querystring: {
        type: 'object', additionalProperties: false, required: ['q'],
        properties: {
          // bounded here for the parser; the search's own bound (100) answers 422 in words
          q: { type: 'string', maxLength: 1000 },
          limit: { type: 'integer', minimum: 1, maximum: SEARCH_MAX_LIMIT, default: 8 },
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            q: { type: 'string' },
            groups: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  kind: { type: 'string' }, label: { type: 'string' },
                  plugin: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
                  results: { type: 'array', items: result },
                },
              },
            },
            skipped: { type: 'array', description: 'Providers left out of this answer (over their time budget, or failed)', items: { type: 'object', properties: { plugin: { type: 'string' }, reason: { type: 'string' } } } },
          },
        },
        ...problemResponses,
      },
    },
  }, async (req) => {
    const auth = requireAuth(req)
    if (!auth.tenantId) throw problem.notFound('No current tenant.')
    const { q: raw, limit } = req.query as { q: string; limit: number }
    const q = raw.trim().replace(/\s+/g, ' ')
    if (q.length === 0) throw problem.unprocessable('Type something to search for.', [{ pointer: '/q', detail: 'Type something to search for.' }])
    if (q.length > SEARCH_MAX_QUERY) {
      const message = `Search for at most ${SEARCH_MAX_QUERY} characters (this is ${q.length}).`
      throw problem.unprocessable(message, [{ pointer: '/q', detail: message }])
    }
    const tenantPlugins = await k.enablementCache.forTenant(auth.tenantId)
    const actor = { type: auth.kind === 'token' ? ('token' as const) : ('user' as const), id: auth.user?.id ?? auth.credentialId, role: auth.role ?? undefined }
    const answer = await k.tx.run({ tenantId: auth.tenantId, actor, permissions: auth.permissions, tenantPlugins, requestId: req.id }, () =>
      searchProviders(k.registry.activeList(), k.runner, k.log, { q, limit }))
    return { q, ...answer }
  })
}
