/**
 * Tenant-level kernel routes for staff: the tenant's audit log with filters (read under RLS in the tenant's
 * transaction), its users and roles (`tenant-user-routes.ts`), the
 * composed UI manifest (without plugins whose UI bundle was refused), and the realtime websocket (whose sockets close
 * when their session or token is revoked and follow their caller's role changes).
 */
import type { FastifyInstance } from 'fastify'
import { problem } from '@tessera/sdk'
import type { KernelServices } from '../services/kernel-services.ts'
import { requireAuth } from '../auth/auth-hook.ts'
import { problemResponses } from '../http/common-schemas.ts'
import { auditPageSchema, auditQuerySchema, readAudit } from '../audit/audit-query.ts'
import type { AuditFilter } from '../audit/audit-query.ts'
import { tenantUserRoutes } from './tenant-user-routes.ts'
import { currentScope } from '../db/tenant-scope.ts'
import { hashSecret } from '../auth/token-hash.ts'

const navItem = { type: 'object', properties: { label: { type: 'string' }, path: { type: 'string' }, icon: { type: 'string' }, order: { type: 'number' }, selfService: { type: 'boolean' } } } as const
const widget = {
  type: 'object',
  properties: { id: { type: 'string' }, title: { type: 'string' }, element: { type: 'string' }, size: { type: 'string' }, order: { type: 'number' } },
} as const

const report = {
  type: 'object',
  properties: {
    id: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, source: { type: 'string' }, chart: { type: 'string' },
    x: { type: 'string' }, series: { type: 'string' }, format: { type: 'string' }, order: { type: 'number' },
    values: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, label: { type: 'string' } } } },
  },
} as const

/** The entries the caller may see — nav items, routes, dashboard widgets and profile sections alike — without their `permission`. */
function visible<T extends { permission?: string }>(entries: readonly T[] | undefined, holds: (permission: string) => boolean): Omit<T, 'permission'>[] {
  return (entries ?? []).filter((e) => !e.permission || holds(e.permission)).map(({ permission: _p, ...rest }) => rest)
}

/** Registers the tenant routes. */
export function tenantRoutes(app: FastifyInstance, k: KernelServices): void {
  app.get('/api/v1/tenant/audit', {
    schema: {
      tags: ['tenant'], summary: "The current tenant's audit log, newest first, filtered by actor, plugin, action, target and time",
      querystring: auditQuerySchema, response: { 200: auditPageSchema, ...problemResponses },
    },
  }, async (req) => {
    const auth = requireAuth(req)
    if (!auth.tenantId) throw problem.notFound('No current tenant.')
    if (!auth.permissions.has('tessera.audit.read')) throw problem.forbidden('Reading the audit log needs the tessera.audit.read permission (admins).')
    const actor = { type: auth.kind === 'token' ? ('token' as const) : ('user' as const), id: auth.user?.id ?? auth.credentialId, role: auth.role ?? undefined }
    return k.tx.run({ tenantId: auth.tenantId, actor, permissions: auth.permissions, tenantPlugins: new Map(), statements: true }, () =>
      readAudit((sql, values) => currentScope().client.query(sql, values), req.query as AuditFilter))
  })

  tenantUserRoutes(app, k)

  app.get('/api/v1/ui/manifest', {
    schema: {
      tags: ['ui'], summary: 'The UI of the plugins the current tenant has enabled, filtered by permission',
      response: {
        200: {
          type: 'object',
          properties: {
            tenantId: { type: ['string', 'null'] },
            permissions: { type: 'array', items: { type: 'string' }, description: "The caller's permissions in this tenant: screens ask can(permission) instead of keeping role lists" },
            plugins: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  id: { type: 'string' }, version: { type: 'string' }, module: { type: 'string' },
                  name: { type: 'string', description: "The plugin's display name (its id when it declares none)" },
                  self: { type: 'string', description: "GET it: { linked } — whether the signed-in user is a member here (staff then see selfService nav items)" },
                  nav: { type: 'array', items: navItem },
                  routes: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, tag: { type: 'string' } } } },
                  widgets: { type: 'array', items: widget, description: 'Dashboard widgets: custom elements of the module, shown on the home page' },
                  profileSections: { type: 'array', items: widget, description: "Sections of a person's profile: custom elements of the module given the person-id attribute" },
                  reports: { type: 'array', items: report, description: "Reports on the shell's Reports screen, each drawn from the plugin's report route `source`" },
                },
              },
            },
          },
        },
        ...problemResponses,
      },
    },
  }, async (req) => {
    const auth = requireAuth(req)
    if (!auth.tenantId) return { tenantId: null, permissions: [], plugins: [] }
    const records = await k.enablementCache.forTenant(auth.tenantId)
    const holds = (permission: string) => auth.permissions.has(permission)
    const plugins = k.registry
      .activeList()
      .filter((p) => p.definition?.ui && p.ui?.state !== 'refused' && records.get(p.id)?.state === 'enabled')
      .map((p) => {
        const def = p.definition!
        return {
          id: def.id, name: def.name ?? def.id, version: def.version, module: `/ui/plugins/${def.id}/${def.version}/index.js`,
          ...(def.ui!.self ? { self: `/api/v1/${def.id}${def.ui!.self}` } : {}),
          nav: visible(def.ui!.nav, holds),
          routes: visible(def.ui!.routes, holds).map(({ path, tag }) => ({ path, tag })),
          // widgets render on every home page: only those of a bundle that is built (an unbuilt screen says so when opened)
          widgets: p.ui?.state === 'not-built' ? [] : visible(def.ui!.widgets, holds),
          profileSections: visible(def.ui!.profileSections, holds),
          reports: visible(def.ui!.reports, holds),
        }
      })
      .filter((p) => p.routes.length > 0 || p.widgets.length > 0 || p.profileSections.length > 0 || p.reports.length > 0)
    return { tenantId: auth.tenantId, permissions: [...auth.permissions].sort(), plugins }
  })

  // a logout, revoked token or role change (NOTIFY tessera_auth, on any instance) re-checks the sockets it concerns
  k.hub.useResolver((secret) => k.sessions.resolve(secret))
  k.sessions.onForget((hash) => k.hub.credentialsChanged(hash))

  app.get('/api/v1/realtime', { websocket: true, schema: { hide: true } as never }, (socket, req) => {
    const auth = req.auth
    if (!auth?.tenantId || !req.credential) {
      socket.close(4401, 'sign in first')
      return
    }
    k.hub.join(auth.tenantId, socket, auth.permissions, { secret: req.credential, hash: hashSecret(req.credential), userId: auth.user?.id })
    socket.send(JSON.stringify({ type: 'hello', tenantId: auth.tenantId }))
  })
}
