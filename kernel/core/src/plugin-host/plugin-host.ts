/**
 * The plugin host: carries every plugin of this kernel instance through its lifecycle, in the order `createKernel`
 * calls it. Each step lives in its own file of this folder:
 *
 * 1. `PluginHost.install` — load and validate each package (`load-plugins.ts`, `validate-manifest.ts`), order by
 *    `dependsOn` and check contracts (`resolve-plugin-order.ts`, `check-plugin-contracts.ts`), then install or
 *    upgrade each healthy plugin in its own transaction, in that order (`install-plugin.ts`: migrations,
 *    `apply-tenancy.ts`, `onInstall`/`onUpgrade`). A failure fails that plugin and its dependents with a reason,
 *    recorded in `tessera.plugins`; the rest boot;
 * 2. `start` — a root awilix container holding the kernel services, and per active plugin a scope with its context and
 *    services (`create-plugin-context.ts`); its events are declared on the bus; contract skew is logged;
 * 3. `mountRoutes` — each active plugin's routes, once, behind the tenant gate (`mount-plugin-routes.ts`); a plugin
 *    whose routes fail leaves the role → permission map;
 * 4. `startWorkers` — queues, job and subscriber workers (`start-plugin-workers.ts`).
 *
 * Enabling and disabling per tenant is `enablement-service.ts`, on the same registry and role map.
 */
import { createContainer, asValue } from 'awilix'
import type { Pool } from 'pg'
import type { FastifyInstance } from 'fastify'
import type { Logger as PinoLogger } from 'pino'
import { SDK_VERSION } from '@tessera/sdk'
import type { Logger, PluginDefinition } from '@tessera/sdk'
import { RolePermissions } from '../auth/role-permissions.ts'
import type { EventBus } from '../jobs/event-bus.ts'
import type { JobSystem } from '../jobs/job-system.ts'
import type { TenantRunner } from '../tenancy/tenant-runner.ts'
import { declaredEvents } from '../model/plugin-declarations.ts'
import { loadPlugins } from './load-plugins.ts'
import type { PluginInput } from './load-plugins.ts'
import { resolvePluginOrder } from './resolve-plugin-order.ts'
import { installPlugin, recordPluginFailure } from './install-plugin.ts'
import { PluginRegistry } from './plugin-runtime.ts'
import { createPluginContext } from './create-plugin-context.ts'
import type { IdentityMessages } from '../auth/identity.ts'
import { contractWarnings } from './check-plugin-contracts.ts'
import { mountPluginRoutes } from './mount-plugin-routes.ts'
import { startPluginWorkers } from './start-plugin-workers.ts'
import type { PluginWorkerDeps } from './start-plugin-workers.ts'

/** What installing needs: the admin pool (migrations run there) and the runtime role that gets DML on plugin tables. */
export interface InstallDeps {
  pool: Pool
  rootDir: string
  runtimeRole: string
  log: Logger
}

/** What plugin contexts are built from. */
export interface StartDeps {
  /** Registered as `kernel` in the root container. */
  services: object
  runner: TenantRunner
  events: EventBus
  jobs: JobSystem
  log: PinoLogger
  secrets: Record<string, string>
  runtimeRole: string
  /** Where invitations' set-password links are handed to delivering plugins. */
  identityMessages?: IdentityMessages
}

/** The plugins of one kernel instance and their lifecycle. */
export class PluginHost {
  readonly registry: PluginRegistry
  /** Healthy plugins in dependency order (as resolved at install). */
  readonly #order: PluginDefinition[]
  #roles: RolePermissions
  #runner: TenantRunner | undefined
  /** The role → permission map of the active plugins. */
  readonly roles = (): RolePermissions => this.#roles

  constructor(registry: PluginRegistry, order: PluginDefinition[]) {
    this.registry = registry
    this.#order = order
    this.#roles = this.#activeRoles()
  }

  /** Loads, validates, orders and installs/upgrades `inputs`; failures are isolated, recorded and kept in the registry. */
  static async install(inputs: readonly PluginInput[], deps: InstallDeps): Promise<PluginHost> {
    const { pool, log } = deps
    const registry = new PluginRegistry()
    const loaded = await loadPlugins(inputs, deps.rootDir)
    const loadFailures = new Map(loaded.failures.map((f) => [f.id, f.reason]))
    const { order, failed } = resolvePluginOrder(loaded.sources.map((s) => s.definition), SDK_VERSION, loadFailures)
    for (const [id, reason] of failed) {
      const source = loaded.sources.find((s) => s.definition.id === id)
      registry.set({ id, definition: source?.definition, packageDir: source?.packageDir, state: 'failed', reason, applied: [] })
    }
    for (const def of order) {
      registry.set({ id: def.id, definition: def, packageDir: loaded.sources.find((s) => s.definition === def)?.packageDir, state: 'active', applied: [] })
    }
    for (const def of order) {
      const rt = registry.get(def.id)!
      if (rt.state !== 'active') continue
      try {
        rt.applied = (await installPlugin(pool, def, deps.runtimeRole, log)).applied
      } catch (err) {
        log.error({ plugin: def.id, err: (err as Error).message }, 'plugin install failed')
        registry.fail(def.id, `migration failed: ${(err as Error).message}`)
      }
    }
    for (const rt of registry.all()) if (rt.state === 'failed') await recordPluginFailure(pool, rt.id, rt.reason ?? 'failed').catch(() => {})
    return new PluginHost(registry, order)
  }

  /** Builds each active plugin's scope and context, and declares its events on the bus. */
  start(deps: StartDeps): void {
    this.#runner = deps.runner
    const root = createContainer({ strict: true })
    root.register({ kernel: asValue(deps.services) })
    for (const rt of this.registry.activeList()) {
      const { scope, ctx } = createPluginContext(rt.definition!, {
        root, runner: deps.runner, events: deps.events, jobs: deps.jobs, registry: this.registry, roles: this.roles,
        log: deps.log.child({ plugin: rt.id }) as Logger, secrets: deps.secrets, runtimeRole: deps.runtimeRole, identityMessages: deps.identityMessages,
      })
      rt.scope = scope
      rt.ctx = ctx
      deps.events.declare(declaredEvents(rt.definition!).values())
    }
    for (const w of contractWarnings(this.registry.activeList().map((p) => p.definition!))) deps.log.warn({ plugin: w.plugin }, w.message)
  }

  /** Mounts the active plugins' routes (after `start`); a plugin whose routes fail leaves the role map. */
  async mountRoutes(app: FastifyInstance): Promise<void> {
    const runner = this.#runner
    if (!runner) throw new Error('PluginHost.mountRoutes needs start() first')
    for (const def of this.#order) {
      const rt = this.registry.get(def.id)!
      if (rt.state === 'active') await mountPluginRoutes(app, rt, { runner, registry: this.registry, roles: this.roles })
    }
    this.#roles = this.#activeRoles()
  }

  /** Creates the active plugins' queues and, with `workers`, starts their workers (after the HTTP app is ready). */
  async startWorkers(deps: Omit<PluginWorkerDeps, 'roles'>): Promise<void> {
    await startPluginWorkers(this.registry.activeList(), { ...deps, roles: this.roles })
  }

  #activeRoles(): RolePermissions {
    return new RolePermissions(this.registry.activeList().map((p) => p.definition?.permissions))
  }
}
