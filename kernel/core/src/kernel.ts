/**
 * `createKernel`: boots one Tessera kernel instance by composing its parts, each in its own file:
 *
 * 1. database (`boot/start-database.ts`): admin pool, runtime role, kernel schema, runtime pool;
 * 2. plugin host, install (`plugin-host/plugin-host.ts`): load, validate, order by `dependsOn`, install/upgrade one
 *    transaction each — every failure isolated to the plugin (and its dependents) with a reason;
 * 3. jobs and events (`boot/start-jobs.ts`): pg-boss and the event bus; then the kernel services, and the plugin
 *    host's contexts in awilix scopes (root → plugin → request);
 * 4. HTTP (`boot/create-http-server.ts`): Fastify with the kernel routes and every active plugin's routes behind the
 *    tenant gate; then the plugin host's queues and workers;
 * 5. listener (`boot/start-notify-listener.ts`): keeps enablement, sessions and realtime in step across instances.
 *
 * `close()` stops the parts newest first (`boot/shutdown-steps.ts`); a boot that fails stops what it had started.
 */
import type { FastifyInstance } from 'fastify'
import type { KernelConfig } from '@tessera/config'
import { createLogger } from './boot/create-logger.ts'
import { ShutdownSteps } from './boot/shutdown-steps.ts'
import { startDatabase } from './boot/start-database.ts'
import { startJobs } from './boot/start-jobs.ts'
import { createHttpServer } from './boot/create-http-server.ts'
import { startNotifyListener } from './boot/start-notify-listener.ts'
import { PluginHost } from './plugin-host/plugin-host.ts'
import type { PluginInput } from './plugin-host/load-plugins.ts'
import { EnablementService } from './plugin-host/enablement-service.ts'
import { TenantTransactions } from './db/tenant-transactions.ts'
import type { NotifyListener } from './db/notify-listener.ts'
import { startMaintenance } from './db/maintenance.ts'
import { TenantService } from './tenancy/tenant-service.ts'
import { EnablementCache } from './tenancy/enablement-cache.ts'
import { TenantRunner } from './tenancy/tenant-runner.ts'
import { UserService } from './auth/user-service.ts'
import { SessionStore } from './auth/session-store.ts'
import { RealtimeHub } from './realtime/realtime-hub.ts'
import type { KernelServices } from './services/kernel-services.ts'
import { IdentityMessenger } from './plugin-host/identity-messenger.ts'
import { SetPasswordLinks, listeningUrl } from './auth/password-tokens/set-password-links.ts'

/** Options of {@link createKernel}. */
export interface KernelOptions {
  config: KernelConfig
  /** Plugins to host; defaults to `config.plugins`. */
  plugins?: PluginInput[]
  /** Run pg-boss workers (default: `config.jobs.enabled`). The CLI turns them off. */
  workers?: boolean
  /** Tests only: also NOTIFY every published event on this channel, in its transaction (see `event-bus.ts`). */
  eventCaptureChannel?: string
}

/** A booted kernel instance. */
export interface Kernel {
  app: FastifyInstance
  services: KernelServices
  /** The admin database URL in use (embedded or configured). */
  databaseUrl: string
  /** Starts listening (and the separate metrics listener, with `metrics.port`); returns the base URL. */
  listen(): Promise<string>
  /** Base URL of the separate metrics listener once listening (`metrics.port`), else undefined. */
  readonly metricsUrl: string | undefined
  close(): Promise<void>
}

/** Boots a kernel instance. */
export async function createKernel(options: KernelOptions): Promise<Kernel> {
  const { config } = options
  const log = createLogger(config.log.level, config.log.format)
  const steps = new ShutdownSteps()
  try {
    const db = await startDatabase(config.database, log, steps)
    const host = await PluginHost.install(options.plugins ?? config.plugins, { pool: db.pool, rootDir: config.rootDir, runtimeRole: db.role, log })
    const tx = new TenantTransactions(db.runtimePool, db.pool)
    const cache = new EnablementCache(db.pool)
    const runner = new TenantRunner(tx, cache)
    const hub = new RealtimeHub(log)
    const sessions = new SessionStore(db.pool, host.roles, config.auth.sessionTtlHours)
    steps.add(() => sessions.stop()) // its background re-checks end before the pool closes
    const workers = (options.workers ?? true) && config.jobs.enabled
    const { jobs, events } = await startJobs(db, config.jobs, log, steps, options.eventCaptureChannel, workers)
    const links = new SetPasswordLinks(config.http)
    const identityMessages = new IdentityMessenger({ pool: db.pool, registry: host.registry, runner, roles: host.roles, links, log })

    let listener: NotifyListener | undefined
    // what /readyz reports: both pools answer within a second and the LISTEN connection is up
    const readiness = async () => ({ ...(await db.ping()), listener: listener?.connected ?? false })
    const services: KernelServices = {
      config, pool: db.pool, runtimePool: db.runtimePool, log, tenants: new TenantService(db.pool), enablementCache: cache, users: new UserService(db.pool),
      sessions, registry: host.registry, roles: host.roles, tx, hub, jobs, runner, identityMessages,
      enablement: new EnablementService({ pool: db.pool, registry: host.registry, tx, cache, jobs, roles: host.roles }),
      ready: async () => Object.values(await readiness()).every(Boolean),
      readiness,
    }
    host.start({ services, runner, events, jobs, log, secrets: config.secrets, runtimeRole: db.role, identityMessages })
    const http = await createHttpServer({ services, host, events, log }, steps)
    links.listeningAt(() => listeningUrl(http.app.server.address()))
    // queues are created whether or not this instance works them (the CLI enqueues without workers)
    await host.startWorkers({ jobs, events, runner, log, config: config.jobs, workers })
    listener = await startNotifyListener(db.url, { cache, sessions, hub }, log, steps)
    const stopMaintenance = startMaintenance(db.pool, log)
    steps.add(async () => stopMaintenance())

    let closed = false
    return {
      app: http.app, services, databaseUrl: db.url,
      get metricsUrl() { return http.metricsUrl },
      listen: () => http.listen(),
      async close() {
        if (closed) return
        closed = true
        await steps.run((err) => log.warn({ err: err.message }, 'shutdown step failed'))
      },
    }
  } catch (err) {
    await steps.run(() => {})
    throw err
  }
}
