/**
 * Builds a plugin's context inside its own awilix scope. The scope holds the plugin's `ctx`, its exported services and
 * its extensions on other plugins' points (lazy singletons); another plugin reaches a service only through
 * `ctx.services.get(ref)` for a ref it lists in `consumes` (checked at boot against `dependsOn`, the provider and the
 * ref's version range), `ctx.services.optional(ref)` — `undefined` while the provider is not running — for a ref of an
 * `optionalDependsOn` plugin, or the deprecated `ctx.services.get(id, name)` — no plugin imports another (INV-2). The owner of
 * an extension point reads what running plugins registered on it with `ctx.extensions.get(point)`.
 *
 * `ctx.config()` applies the `configSchema`'s defaults on read (to a copy, cached per stored record), so a default
 * added in an upgrade reaches tenants that enabled the plugin before it.
 */
import { asFunction, asValue } from 'awilix'
import type { AwilixContainer } from 'awilix'
import { isServiceRef, isEventContract } from '@tessera/sdk'
import type { PluginContext, PluginDefinition, Logger, Actor, ServiceRef, ExtensionPoint, Extension, EventContract } from '@tessera/sdk'
import { tenantDb } from '../db/tenant-db.ts'
import { currentScope } from '../db/tenant-scope.ts'
import { auditInScope } from '../audit/audit-writer.ts'
import { createIdentity } from '../auth/identity.ts'
import type { IdentityMessages } from '../auth/identity.ts'
import type { EventBus } from '../jobs/event-bus.ts'
import type { JobSystem } from '../jobs/job-system.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import type { PluginRegistry } from './plugin-runtime.ts'
import type { RolePermissions } from '../auth/role-permissions.ts'
import { providedServices } from '../model/plugin-declarations.ts'
import { configReader } from './config-defaults.ts'

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
  /** Where invitations' set-password links are handed to delivering plugins. */
  identityMessages?: IdentityMessages
}

const refKey = (r: { plugin: string; id: string }) => `${r.plugin}/${r.id}`

/** Creates the plugin's scope and context. */
export function createPluginContext(def: PluginDefinition, deps: ContextDeps): { scope: AwilixContainer; ctx: PluginContext } {
  const scope = deps.root.createScope()
  const declaredJobs = new Set(Object.keys(def.jobs ?? {}))
  const consumed = new Set((def.consumes ?? []).map(refKey))
  const ownPoints = new Set((def.extensionPoints ?? []).map(refKey))
  const readConfig = configReader(def.configSchema)

  function resolveService<T>(pluginId: string, name: string): T {
    const other = deps.registry.active(pluginId)
    if (!other?.scope || !other.definition) throw new Error(`plugin "${pluginId}" is not running`)
    if (!providedServices(other.definition).has(name)) throw new Error(`plugin "${pluginId}" exports no service "${name}"`)
    return other.scope.resolve<T>(`service:${name}`)
  }

  function checkConsumed(ref: ServiceRef<unknown>): void {
    if (!consumed.has(refKey(ref))) throw new Error(`plugin "${def.id}" must list the service ref "${ref.plugin}.${ref.id}" in consumes to use it`)
  }

  const ctx: PluginContext = {
    id: def.id,
    version: def.version,
    db: tenantDb,
    log: deps.log,
    events: {
      publish: (event: string | EventContract, payload: unknown) =>
        deps.events.publish(def.id, isEventContract(event) ? event.name : event, payload as Record<string, unknown>),
    },
    jobs: {
      send(name, data = {}, options) {
        if (!declaredJobs.has(name)) throw new Error(`plugin "${def.id}" has not declared the job "${name}"`)
        return deps.jobs.sendInScope(`${def.id}.${name}`, data, options)
      },
    },
    audit: { record: (entry) => auditInScope(def.id, entry) },
    services: {
      get<T>(refOrPlugin: ServiceRef<T> | string, name?: string): T {
        if (isServiceRef(refOrPlugin)) {
          checkConsumed(refOrPlugin)
          if (!def.dependsOn?.[refOrPlugin.plugin]) {
            throw new Error(`plugin "${def.id}" depends on "${refOrPlugin.plugin}" only optionally: read "${refOrPlugin.plugin}.${refOrPlugin.id}" with ctx.services.optional(ref)`)
          }
          return resolveService<T>(refOrPlugin.plugin, refOrPlugin.id)
        }
        if (!def.dependsOn?.[refOrPlugin]) throw new Error(`plugin "${def.id}" must declare "${refOrPlugin}" in dependsOn to use its services`)
        return resolveService<T>(refOrPlugin, name!)
      },
      optional<T>(ref: ServiceRef<T>): T | undefined {
        checkConsumed(ref)
        const other = deps.registry.active(ref.plugin)
        if (!other?.scope || !other.definition || !providedServices(other.definition).has(ref.id)) return undefined
        return other.scope.resolve<T>(`service:${ref.id}`)
      },
    },
    extensions: {
      get<T>(point: ExtensionPoint<T>): readonly Extension<T>[] {
        if (point.plugin !== def.id || !ownPoints.has(refKey(point))) throw new Error(`plugin "${def.id}" does not offer the extension point "${point.plugin}.${point.id}"`)
        const out: Extension<T>[] = []
        for (const rt of deps.registry.activeList()) {
          if (!rt.scope || !rt.definition?.extensions?.some((e) => e.point.plugin === point.plugin && e.point.id === point.id)) continue
          out.push({ plugin: rt.id, value: rt.scope.resolve<T>(`extension:${refKey(point)}`) })
        }
        return out.sort((a, b) => a.plugin.localeCompare(b.plugin))
      },
    },
    identity: createIdentity(def.id, deps.runtimeRole, deps.identityMessages),
    tenant: () => ({ id: currentScope().tenantId }),
    actor: () => currentScope().actor,
    config() {
      return readConfig(currentScope().tenantPlugins.get(def.id)?.config) as never
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
  for (const [name, factory] of providedServices(def)) {
    scope.register(`service:${name}`, asFunction(() => factory(ctx)).scoped())
  }
  for (const ext of def.extensions ?? []) {
    scope.register(`extension:${refKey(ext.point)}`, asFunction(() => ext.factory(ctx)).scoped())
  }
  return { scope, ctx }
}
