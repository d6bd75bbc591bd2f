/**
 * Mounts a plugin's routes, once at boot, in an encapsulated Fastify context at `/api/v1/<id>` (Fastify's route tree
 * is frozen after `ready`, so routes of every installed plugin are registered and gated instead). For each route:
 *
 * - it must declare `config.permission` or `config.public` (deny by default), a response schema, a params schema when
 *   its path has params, and a body schema for POST/PUT/PATCH (INV-3), and every string, number and array its request
 *   schemas accept must be bounded (INV-9, `http/schema-bounds.ts`) — otherwise the plugin fails with the reason, which
 *   names the route and the JSON pointer;
 * - the gate answers 404 while the caller's tenant has not enabled the plugin (or the plugin failed), 401 without a
 *   caller and 403 without the permission — before the body is even parsed;
 * - the handler runs inside the tenant's transaction as the runtime role; a successful mutation is audited on that
 *   transaction unless the plugin recorded its own entry.
 *
 * A `routes` function that throws, or a route schema ajv cannot compile, fails only this plugin (and its dependents).
 */
import type { FastifyInstance, RouteOptions, FastifyRequest, FastifyReply } from 'fastify'
import { problem } from '@tessera/sdk'
import type { Actor, JsonSchemaToTsProvider } from '@tessera/sdk'
import type { PluginRuntime, PluginRegistry } from './plugin-runtime.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import { requireAuth } from '../auth/auth-hook.ts'
import type { AuthInfo } from '../auth/auth-info.ts'
import { currentScope } from '../db/tenant-scope.ts'
import { auditInScope } from '../audit/audit-writer.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'
import { claimIdempotencyKey, replay } from './idempotency.ts'
import { checkRouteSchemas } from '../http/validator-compiler.ts'
import { requestSchemaProblems } from '../http/schema-bounds.ts'

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/**
 * A request's tenant transaction as `onSend` sees it: `sending()` tells the handler wrapper that the handler has
 * called `reply.send()` (so it can commit without waiting for the handler's promise, which only settles once the
 * reply is out), and `done` settles after COMMIT or ROLLBACK — no response leaves before the transaction ends.
 */
const TX = Symbol('tessera.tx')
const SENT = Symbol('tessera.sent')
type TxState = { done: Promise<unknown>; sending: () => void }
type WithTx = FastifyRequest & { [TX]?: TxState }
type RouteOnSend = (req: FastifyRequest, reply: FastifyReply, payload: unknown) => Promise<unknown>

/** A transaction route's `onSend`: hold the bytes until the transaction has committed (or failed). */
async function holdUntilCommitted(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  const tx = (req as WithTx)[TX]
  if (!tx) return payload
  tx.sending()
  const failure = await tx.done
  if (failure && reply.statusCode < 400) {
    reply.code(500).type('application/problem+json')
    return JSON.stringify({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'The change could not be committed.' })
  }
  return payload
}

/** The actor of a caller, made once per cached `AuthInfo` (the session cache hands out the same object for 30 s). */
const actors = new WeakMap<AuthInfo, Actor>()
function actorOf(auth: AuthInfo): Actor {
  let actor = actors.get(auth)
  if (!actor) {
    actor = auth.user
      ? { type: 'user', id: auth.user.id, role: auth.role ?? undefined, label: auth.user.email }
      : { type: 'token', id: auth.credentialId, role: auth.role ?? undefined }
    actors.set(auth, actor)
  }
  return actor
}

function routeProblems(route: RouteOptions, known: ReadonlySet<string>): string[] {
  const out: string[] = []
  const methods = ([] as string[]).concat(route.method)
  const label = `${methods.join(',')} ${route.url}`
  const cfg = (route.config ?? {}) as { permission?: string; public?: boolean }
  const schema = (route.schema ?? {}) as Record<string, unknown>
  if (!cfg.public && !cfg.permission) out.push(`${label} declares neither config.permission nor config.public`)
  if (cfg.permission && !known.has(cfg.permission)) out.push(`${label} requires the undeclared permission "${cfg.permission}"`)
  if ((route as { websocket?: boolean }).websocket) return out
  if (!schema.response) out.push(`${label} has no response schema`)
  if (route.url.includes(':') && !schema.params) out.push(`${label} has path parameters but no params schema`)
  if (methods.some((m) => ['POST', 'PUT', 'PATCH'].includes(m)) && !schema.body && !cfg.public) out.push(`${label} has no body schema`)
  for (const p of requestSchemaProblems(schema)) out.push(`${label} has an unbounded request schema at ${p}`)
  return out
}

/** Registers one plugin's routes with the gate. */
export async function mountPluginRoutes(app: FastifyInstance, rt: PluginRuntime, deps: { runner: TenantRunner; registry: PluginRegistry; roles: () => RolePermissions }): Promise<void> {
  const def = rt.definition!
  if (!def.routes || !rt.ctx) return
  const ctx = rt.ctx
  await app.register(async (child) => {
    const problems: string[] = []
    child.addHook('onRoute', (route) => {
      problems.push(...routeProblems(route, deps.roles().all))
      try {
        checkRouteSchemas(route.schema as Record<string, unknown> | undefined)
      } catch (err) {
        throw new Error(`${([] as string[]).concat(route.method).join(',')} ${route.url} has an invalid schema: ${(err as Error).message}`)
      }
      const cfg = (route.config ?? {}) as { public?: boolean; audit?: string | false; idempotency?: boolean; transaction?: boolean }
      if (cfg.public || (route as { websocket?: boolean }).websocket) return
      const original = route.handler as (this: unknown, req: FastifyRequest, reply: FastifyReply) => unknown
      const mutating = ([] as string[]).concat(route.method).some((m) => MUTATING.has(m))
      // reads run statement by statement (one round trip each, tenant still transaction-local) unless they ask for a transaction
      const statements = !mutating && !cfg.transaction && !cfg.idempotency
      const action = cfg.audit === undefined ? `${([] as string[]).concat(route.method).join(',')} ${route.url}` : cfg.audit
      if (statements) {
        // a read: nothing to commit, audit or remember, so no send race and no onSend wait — the handler runs in the
        // tenant scope and its value is the answer
        // (plain functions, not async ones: the runner's promise is the answer, no extra promise around it)
        route.handler = function (this: unknown, req: FastifyRequest, reply: FastifyReply) {
          const auth = req.auth!
          return deps.runner.run({ pluginId: def.id, tenantId: auth.tenantId!, actor: actorOf(auth), permissions: auth.permissions, requestId: req.id, statements: true }, () => original.call(this, req, reply) as Promise<unknown>)
        }
        return
      }
      // only a transaction has a COMMIT to wait for: its route gets the onSend hook that holds the bytes until then
      route.onSend = route.onSend ? [holdUntilCommitted, ...([] as RouteOnSend[]).concat(route.onSend as RouteOnSend | RouteOnSend[])] : [holdUntilCommitted]
      route.handler = async function (this: unknown, req: FastifyRequest, reply: FastifyReply) {
        let settle: (outcome: unknown) => void = () => {}
        let sending!: () => void
        const sent = new Promise<typeof SENT>((resolve) => (sending = () => resolve(SENT)))
        ;(req as WithTx)[TX] = { done: new Promise((resolve) => (settle = resolve)), sending }
        const auth = req.auth!
        try {
          const result = await deps.runner.run({ pluginId: def.id, tenantId: auth.tenantId!, actor: actorOf(auth), permissions: auth.permissions, requestId: req.id, statements: false }, async () => {
            const claim = cfg.idempotency ? await claimIdempotencyKey(def.id, req) : undefined
            if (claim?.kind === 'replay') {
              replay(reply, claim.status)
              return claim.payload
            }
            const handler = Promise.resolve(original.call(this, req, reply))
            handler.catch(() => {}) // after reply.send() its outcome no longer matters
            const value = await Promise.race([handler, sent])
            if (mutating && action !== false && !currentScope().audited && reply.statusCode < 400) {
              const params = req.params as Record<string, string> | undefined
              await auditInScope(def.id, { action, target: params && Object.keys(params).length ? Object.values(params).join('/') : undefined })
            }
            if (claim?.kind === 'claimed' && value !== SENT) await claim.remember(reply.statusCode, value)
            return value
          })
          settle(null)
          return result === SENT ? reply : result
        } catch (err) {
          settle(err)
          throw err
        }
      }
    })
    // the gate: synchronous while the tenant's enablement is cached (the common case), no promise on the hot path
    const notEnabled = () => problem.notFound(`The plugin "${def.id}" is not enabled for this tenant.`)
    const permitted = (auth: AuthInfo, permission: string | undefined) =>
      permission && !auth.permissions.has(permission) ? problem.forbidden(`This needs the permission "${permission}".`) : undefined
    child.addHook('onRequest', (req, _reply, done) => {
      let auth: AuthInfo
      let cfg: { public?: boolean; permission?: string }
      try {
        if (deps.registry.get(def.id)?.state !== 'active') throw problem.notFound(`The plugin "${def.id}" is not available.`)
        cfg = req.routeOptions.config as { public?: boolean; permission?: string }
        if (cfg.public) return done()
        auth = requireAuth(req)
        if (!auth.tenantId) throw problem.notFound('No current tenant: choose a tenant first.')
      } catch (err) {
        return done(err as Error)
      }
      const enabled = deps.runner.isEnabledNow(auth.tenantId, def.id)
      if (enabled !== undefined) return done(enabled ? permitted(auth, cfg.permission) : notEnabled())
      deps.runner.isEnabled(auth.tenantId, def.id).then((ok) => done(ok ? permitted(auth, cfg.permission) : notEnabled()), done)
    })
    try {
      // type-only at run time (it returns `child`): the plugin's routes are typed from their JSON schemas
      await def.routes!(child.withTypeProvider<JsonSchemaToTsProvider>(), ctx)
    } catch (err) {
      deps.registry.fail(def.id, `routes failed to register: ${(err as Error).message}`)
      return
    }
    if (problems.length) deps.registry.fail(def.id, `invalid routes: ${problems.join('; ')}`)
  }, { prefix: `/api/v1/${def.id}` })
}
