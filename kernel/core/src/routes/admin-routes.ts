/**
 * The operator API (`/api/v1/admin/…`, platform operators only): tenants, installed plugins with their state and
 * failure reason, per-tenant enablement with validated config, users, the platform audit log with filters, and the
 * deployment's health (`operator-health-routes.ts`). Every mutation is audited.
 */
import type { FastifyInstance } from 'fastify'
import { TENANT_ROLES } from '@tessera/sdk'
import type { Actor, TenantRole } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import { requireOperator } from '../auth/auth-hook.ts'
import { problemResponses, pageQuery, uuid } from '../http/common-schemas.ts'
import { auditPlatform } from '../audit/audit-writer.ts'
import { auditPageSchema, platformAuditQuerySchema, readAudit } from '../audit/audit-query.ts'
import type { AuditFilter } from '../audit/audit-query.ts'
import { operatorHealthRoutes as healthRoutes } from './operator-health-routes.ts'

const tenant = { type: 'object', properties: { id: { type: 'string' }, slug: { type: 'string' }, name: { type: 'string' }, createdAt: { type: 'string' } } } as const
const tenantPlugin = {
  type: 'object',
  properties: {
    pluginId: { type: 'string' }, state: { type: 'string' }, version: { type: ['string', 'null'] },
    config: { type: 'object', additionalProperties: true }, error: { type: ['string', 'null'] },
  },
} as const
const pluginInfo = {
  type: 'object',
  properties: {
    id: { type: 'string' }, name: { type: 'string' }, description: { type: 'string' }, version: { type: ['string', 'null'] },
    state: { type: 'string' }, error: { type: ['string', 'null'] },
    dependsOn: { type: 'object', additionalProperties: { type: 'string' } },
    configSchema: { type: 'object', additionalProperties: true },
    migrationsApplied: { type: 'array', items: { type: 'string' } },
    ui: { type: 'string', description: 'UI bundle: served, not-built, refused, or none (no ui)' }, uiError: { type: ['string', 'null'] },
  },
} as const
const tenantPluginParams = {
  type: 'object', additionalProperties: false, required: ['tenantId', 'pluginId'],
  properties: { tenantId: uuid, pluginId: { type: 'string', maxLength: 64, pattern: '^[a-z][a-z0-9-]*$' } },
} as const

/** The plugin list the operator API and CLI show. */
export function pluginStatus(k: KernelServices) {
  return k.registry.all().map((p) => ({
    id: p.id, name: p.definition?.name ?? p.id, description: p.definition?.description ?? '', version: p.definition?.version ?? null,
    state: p.state === 'active' ? 'installed' : 'failed', error: p.reason ?? null,
    dependsOn: p.definition?.dependsOn ?? {}, configSchema: p.definition?.configSchema ?? { type: 'object' },
    migrationsApplied: p.applied, ui: p.ui?.state ?? 'none', uiError: p.ui?.reason ?? null,
  }))
}

/** Registers the operator routes. */
export function adminRoutes(app: FastifyInstance, k: KernelServices): void {
  const actorOf = (req: Parameters<typeof requireOperator>[0]): Actor => {
    const auth = requireOperator(req)
    return { type: 'user', id: auth.user.id, label: auth.user.email }
  }
  const tags = ['operator']

  app.get('/api/v1/admin/tenants', {
    schema: { tags, summary: 'List tenants', querystring: pageQuery, response: { 200: { type: 'object', properties: { items: { type: 'array', items: tenant }, total: { type: 'integer' } } }, ...problemResponses } },
  }, async (req) => {
    requireOperator(req)
    const { limit, offset, q } = req.query as { limit: number; offset: number; q?: string }
    return k.tenants.list(limit, offset, q)
  })

  app.post('/api/v1/admin/tenants', {
    schema: {
      tags, summary: 'Create a tenant',
      body: {
        type: 'object', additionalProperties: false, required: ['slug', 'name'],
        properties: { slug: { type: 'string', maxLength: 63, pattern: '^[a-z0-9][a-z0-9-]{0,62}$' }, name: { type: 'string', minLength: 1, maxLength: 200 } },
      },
      response: { 201: tenant, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = actorOf(req)
    const { slug, name } = req.body as { slug: string; name: string }
    const created = await k.tenants.create(slug, name)
    await auditPlatform(k.pool, actor, { tenantId: created.id, action: 'tenant.create', target: `tenant:${created.id}`, data: { slug }, requestId: req.id })
    return reply.code(201).send(created)
  })

  app.get('/api/v1/admin/plugins', {
    schema: { tags, summary: 'Installed plugins and their state', response: { 200: { type: 'object', properties: { items: { type: 'array', items: pluginInfo } } }, ...problemResponses } },
  }, async (req) => {
    requireOperator(req)
    return { items: pluginStatus(k) }
  })

  app.get('/api/v1/admin/tenants/:tenantId/plugins', {
    schema: {
      tags, summary: "A tenant's plugin enablement",
      params: { type: 'object', additionalProperties: false, required: ['tenantId'], properties: { tenantId: uuid } },
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: tenantPlugin } } }, ...problemResponses },
    },
  }, async (req) => {
    requireOperator(req)
    const { tenantId } = req.params as { tenantId: string }
    await k.tenants.get(tenantId)
    return { items: await k.enablement.list(tenantId) }
  })

  app.put('/api/v1/admin/tenants/:tenantId/plugins/:pluginId', {
    schema: {
      tags, summary: 'Enable (or reconfigure) a plugin for a tenant',
      params: tenantPluginParams,
      body: { type: 'object', additionalProperties: false, properties: { config: { type: 'object', additionalProperties: true } } },
      response: { 200: tenantPlugin, ...problemResponses },
    },
  }, async (req) => {
    const actor = actorOf(req)
    const { tenantId, pluginId } = req.params as { tenantId: string; pluginId: string }
    return k.enablement.enable(tenantId, pluginId, (req.body as { config?: unknown }).config ?? {}, actor)
  })

  app.delete('/api/v1/admin/tenants/:tenantId/plugins/:pluginId', {
    schema: { tags, summary: 'Disable a plugin for a tenant (data is kept)', params: tenantPluginParams, response: { 200: tenantPlugin, ...problemResponses } },
  }, async (req) => {
    const actor = actorOf(req)
    const { tenantId, pluginId } = req.params as { tenantId: string; pluginId: string }
    return k.enablement.disable(tenantId, pluginId, actor)
  })

  app.post('/api/v1/admin/users', {
    schema: {
      tags, summary: 'Create a user, optionally with a role in a tenant',
      body: {
        type: 'object', additionalProperties: false, required: ['email', 'name'],
        properties: {
          email: { type: 'string', format: 'email', maxLength: 320 }, name: { type: 'string', minLength: 1, maxLength: 200 },
          password: { type: 'string', minLength: 8, maxLength: 1000 }, isOperator: { type: 'boolean' },
          tenantId: uuid, role: { enum: [...TENANT_ROLES] },
        },
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' }, name: { type: 'string' }, isOperator: { type: 'boolean' } } }, ...problemResponses },
    },
  }, async (req, reply) => {
    const actor = actorOf(req)
    const body = req.body as { email: string; name: string; password?: string; isOperator?: boolean; tenantId?: string; role?: TenantRole }
    if (body.tenantId) await k.tenants.get(body.tenantId)
    const user = await k.users.create(body)
    if (body.tenantId) await k.users.grant(user.id, body.tenantId, body.role ?? 'member')
    await auditPlatform(k.pool, actor, { tenantId: body.tenantId ?? null, action: 'user.create', target: `user:${user.id}`, data: { role: body.role, isOperator: body.isOperator ?? false }, requestId: req.id })
    return reply.code(201).send(user)
  })

  app.get('/api/v1/admin/audit', {
    schema: {
      tags, summary: 'The platform audit log, newest first, filtered by tenant, actor, plugin, action, target and time',
      querystring: platformAuditQuerySchema, response: { 200: auditPageSchema, ...problemResponses },
    },
  }, async (req) => {
    requireOperator(req)
    return readAudit((sql, values) => k.pool.query(sql, values), req.query as AuditFilter)
  })

  healthRoutes(app, k, () => pluginStatus(k))
}
