/**
 * Builds a plugin's context inside its own awilix scope. The scope holds the plugin's `ctx` and its exported services
 * (lazy singletons); another plugin reaches them only through `ctx.services.get(id, name)`, and only if it declared
 * `id` in `dependsOn` — no plugin imports another (INV-2).
 */
import { asFunction, asValue } from 'awilix'
import type { AwilixContainer } from 'awilix'
import type { PluginContext, PluginDefinition, Logger, Actor } from '@tessera/sdk'
import { tenantDb } from '../db/tenant-db.ts'
import { currentScope } from '../db/tenant-scope.ts'
import { auditInScope } from '../audit/audit-writer.ts'
import { createIdentity } from '../auth/identity.ts'
import type { EventBus } from '../jobs/event-bus.ts'
import type { JobSystem } from '../jobs/job-system.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import type { PluginRegistry } from './plugin-runtime.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'

/** Kernel services a plugin context is built from. */
export interface ContextDeps {
  root: AwilixContainer
  runner: TenantRunner
  events: EventBus
  jobs: JobSystem
  registry: PluginRegistry
  roles: () => RolePermissions
  log: Logger
  secrets: Record<string, string>
  runtimeRole: string
}

/** Creates the plugin's scope and context. */
export function createPluginContext(def: PluginDefinition, deps: ContextDeps): { scope: AwilixContainer; ctx: PluginContext } {
  const scope = deps.root.createScope()
  const declaredJobs = new Set(Object.keys(def.jobs ?? {}))
  const ctx: PluginContext = {
    id: def.id,
    version: def.version,
    db: tenantDb,
    log: deps.log,
    events: { publish: (name, payload) => deps.events.publish(def.id, name, payload) },
    jobs: {
      send(name, data = {}, options) {
        if (!declaredJobs.has(name)) throw new Error(`plugin "${def.id}" has not declared the job "${name}"`)
        return deps.jobs.sendInScope(`${def.id}.${name}`, data, options)
      },
    },
    audit: { record: (entry) => auditInScope(def.id, entry) },
    services: {
      get<T>(pluginId: string, name: string): T {
        if (!def.dependsOn?.[pluginId]) throw new Error(`plugin "${def.id}" must declare "${pluginId}" in dependsOn to use its services`)
        const other = deps.registry.active(pluginId)
        if (!other?.scope) throw new Error(`plugin "${pluginId}" is not running`)
        if (!other.definition?.services?.[name]) throw new Error(`plugin "${pluginId}" exports no service "${name}"`)
        return other.scope.resolve<T>(`service:${name}`)
      },
    },
    identity: createIdentity(def.id, deps.runtimeRole),
    tenant: () => ({ id: currentScope().tenantId }),
    actor: () => currentScope().actor,
    config() {
      const rec = currentScope().tenantPlugins.get(def.id)
      return (rec?.config ?? {}) as never
    },
    can: (permission) => currentScope().permissions.has(permission),
    withTenant<T>(tenantId: string, fn: () => Promise<T>, actor?: Actor): Promise<T> {
      const who: Actor = actor ?? { type: 'system', id: def.id }
      const permissions = who.type === 'system' ? deps.roles().all : deps.roles().of(who.role)
      return deps.runner.run({ pluginId: def.id, tenantId, actor: who, permissions }, fn)
    },
    secret: (name) => deps.secrets[name],
  }
  scope.register({ ctx: asValue(ctx) })
  for (const [name, factory] of Object.entries(def.services ?? {})) {
    scope.register(`service:${name}`, asFunction(() => factory(ctx)).scoped())
  }
  return { scope, ctx }
}
