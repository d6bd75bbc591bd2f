/**
 * `createKernel`: boots one Tessera kernel instance.
 *
 * 1. database: the configured admin URL, or embedded PostgreSQL; the kernel schema is migrated and the runtime role
 *    (LOGIN, no SUPERUSER, no BYPASSRLS) ensured. Two pools: a small admin pool (migrations, platform tables) and the
 *    runtime pool that every request and job transaction runs on, logged in as the runtime role (`database.runtimeUrl`
 *    may point it at PgBouncer; LISTEN and pg-boss stay on the admin URL);
 * 2. plugins: loaded and validated, ordered by `dependsOn`, installed/upgraded one transaction each in that order —
 *    every failure is isolated to the plugin (and its dependents) with a reason;
 * 3. jobs and events on pg-boss; contexts in awilix scopes (root → plugin → request);
 * 4. HTTP: Fastify with problem+json errors, ajv validation, auth, rate limits, OpenAPI, metrics, health, the kernel
 *    routes, every healthy plugin's routes behind the tenant gate, and the composed UI;
 * 5. a LISTEN connection that keeps enablement, sessions and realtime in step across instances.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import Fastify from 'fastify'
import type { FastifyInstance, FastifyBaseLogger } from 'fastify'
import cookie from '@fastify/cookie'
import rateLimit from '@fastify/rate-limit'
import websocket from '@fastify/websocket'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { pino } from 'pino'
import { createContainer, asValue } from 'awilix'
import type { KernelConfig } from '@tessera/config'
import { SDK_VERSION } from '@tessera/sdk'
import type { Logger, DeliveredEvent } from '@tessera/sdk'
import { startEmbeddedPostgres } from './db/embedded-postgres.ts'
import type { EmbeddedDatabase } from './db/embedded-postgres.ts'
import { ensureRuntimeRole, runtimeConnectionUrl, assertRuntimeLogin } from './db/runtime-role.ts'
import { createPool, endPool } from './db/create-pool.ts'
import { TenantTransactions } from './db/tenant-transactions.ts'
import { NotifyListener } from './db/notify-listener.ts'
import { ident } from './db/sql-identifier.ts'
import { withTransaction } from './db/with-transaction.ts'
import { runMigrations } from './migrations/run-migrations.ts'
import { kernelMigrations } from './migrations/kernel-migrations.ts'
import { loadPlugins } from './plugin-host/load-plugins.ts'
import type { PluginInput } from './plugin-host/load-plugins.ts'
import { resolvePluginOrder } from './plugin-host/resolve-plugin-order.ts'
import { installPlugin, recordPluginFailure } from './plugin-host/install-plugin.ts'
import { PluginRegistry } from './plugin-host/plugin-runtime.ts'
import { createPluginContext } from './plugin-host/create-plugin-context.ts'
import { mountPluginRoutes } from './plugin-host/mount-plugin-routes.ts'
import { TenantService } from './tenancy/tenant-service.ts'
import { EnablementCache } from './tenancy/enablement-cache.ts'
import { EnablementService } from './plugin-host/enablement-service.ts'
import { TenantRunner } from './tenancy/tenant-runner.ts'
import { UserService } from './auth/user-service.ts'
import { SessionStore } from './auth/session-store.ts'
import { RolePermissions } from './auth/role-permissions.ts'
import { installAuthHook } from './auth/auth-hook.ts'
import { JobSystem } from './jobs/job-system.ts'
import { EventBus } from './jobs/event-bus.ts'
import { compilePayloadCheck } from './jobs/payload-validator.ts'
import { declaredEvents, declaredSubscriptions } from './model/plugin-declarations.ts'
import { contractWarnings } from './plugin-host/check-plugin-contracts.ts'
import { eventsCatalogueRoutes } from './routes/events-catalogue-routes.ts'
import { claimJobReceipt } from './jobs/job-receipt.ts'
import { startMaintenance } from './db/maintenance.ts'
import { RealtimeHub } from './realtime/realtime-hub.ts'
import { installErrorHandler, installNotFoundHandler, frameworkErrorHandler, clientErrorHandler } from './http/problem-handler.ts'
import { installSecurityHeaders, staticSecurityHeaders } from './http/security-headers.ts'
import { OriginPolicy, installOriginPolicy } from './http/origin-policy.ts'
import { startMetricsListener } from './http/metrics-listener.ts'
import type { MetricsListener } from './http/metrics-listener.ts'
import { installValidators } from './http/validator-compiler.ts'
import { installJsonBodyParser } from './http/json-body-parser.ts'
import { KernelMetrics } from './http/metrics.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { authRoutes } from './routes/auth-routes.ts'
import { adminRoutes } from './routes/admin-routes.ts'
import { tenantRoutes } from './routes/tenant-routes.ts'
import { serveUi, shellInlineScriptHashes } from './ui/serve-ui.ts'
import type { KernelServices } from './services/kernel-services.ts'

/** Options of {@link createKernel}. */
export interface KernelOptions {
  config: KernelConfig
  /** Plugins to host; defaults to `config.plugins`. */
  plugins?: PluginInput[]
  /** Run pg-boss workers (default: `config.jobs.enabled`). The CLI turns them off. */
  workers?: boolean
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

const REDACT = ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret', '*.passwordHash']

/** Boots a kernel instance. */
export async function createKernel(options: KernelOptions): Promise<Kernel> {
  const { config } = options
  const log = pino({ level: config.log.level, redact: { paths: REDACT, censor: '[redacted]' } })
  let embedded: EmbeddedDatabase | undefined
  const databaseUrl = config.database.url ?? (embedded = await startEmbeddedPostgres(config.database.embedded.dataDir, config.database.embedded.port, log)).url
  // the admin pool: migrations and platform tables (tenants, users, sessions, enablement); never plugin SQL
  const pool = createPool(databaseUrl, config.database.adminPoolSize, 'tessera-admin', log)
  const role = config.database.runtimeRole
  // embedded PostgreSQL authenticates by password: without a configured one the runtime role gets a fresh one per boot
  const runtimePassword = config.database.runtimePassword ?? (embedded ? randomBytes(18).toString('base64url') : undefined)
  let runtimePool: pg.Pool | undefined
  // in this order at close (steps added later run first): the pools are closed for good before the embedded server stops
  const cleanup: (() => Promise<unknown>)[] = [async () => runtimePool && endPool(runtimePool), () => endPool(pool), async () => embedded?.stop()]
  try {
    await ensureRuntimeRole(pool, role, runtimePassword)
    await migrateKernel(pool, role)
    // the runtime pool: every tenant transaction (requests, jobs, subscribers, hooks), logged in as the runtime role
    runtimePool = createPool(runtimeConnectionUrl(databaseUrl, role, runtimePassword, config.database.runtimeUrl), config.database.poolSize, 'tessera', log)
    await assertRuntimeLogin(runtimePool, role)

    // plugins: load, order, install
    const registry = new PluginRegistry()
    const loaded = await loadPlugins(options.plugins ?? config.plugins, config.rootDir)
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
        rt.applied = (await installPlugin(pool, def, role, log)).applied
      } catch (err) {
        log.error({ plugin: def.id, err: (err as Error).message }, 'plugin install failed')
        registry.fail(def.id, `migration failed: ${(err as Error).message}`)
      }
    }
    for (const rt of registry.all()) if (rt.state === 'failed') await recordPluginFailure(pool, rt.id, rt.reason ?? 'failed').catch(() => {})

    let roles = new RolePermissions(registry.activeList().map((p) => p.definition?.permissions))
    const rolesFn = () => roles
    const tx = new TenantTransactions(runtimePool, pool)
    const cache = new EnablementCache(pool)
    const runner = new TenantRunner(tx, cache)
    const hub = new RealtimeHub(log)
    const sessions = new SessionStore(pool, rolesFn, config.auth.sessionTtlHours)
    const workers = (options.workers ?? true) && config.jobs.enabled
    const jobs = new JobSystem(databaseUrl, config.jobs.pollingIntervalSeconds, log)
    const events = new EventBus(jobs, log)
    await jobs.start()
    cleanup.unshift(() => jobs.stop())
    await grantJobAccess(pool, role)

    const runtime = runtimePool
    // what /readyz reports: both pools answer within a second and the LISTEN connection is up
    const readiness = async () => {
      const [database, runtimeDatabase] = await Promise.all([pingDatabase(pool), pingDatabase(runtime)])
      return { database, runtimeDatabase, listener: listener.connected }
    }
    const root = createContainer({ strict: true })
    const services: KernelServices = {
      config, pool, runtimePool, log, tenants: new TenantService(pool), enablementCache: cache, users: new UserService(pool), sessions, registry,
      roles: rolesFn, tx, hub, jobs, runner,
      enablement: new EnablementService({ pool, registry, tx, cache, jobs, roles: rolesFn }),
      ready: async () => Object.values(await readiness()).every(Boolean),
      readiness,
    }
    root.register({ kernel: asValue(services) })
    for (const rt of registry.activeList()) {
      const { scope, ctx } = createPluginContext(rt.definition!, {
        root, runner, events, jobs, registry, roles: rolesFn, log: log.child({ plugin: rt.id }) as Logger, secrets: config.secrets, runtimeRole: role,
      })
      rt.scope = scope
      rt.ctx = ctx
      events.declare(declaredEvents(rt.definition!).values())
    }
    for (const w of contractWarnings(registry.activeList().map((p) => p.definition!))) log.warn({ plugin: w.plugin }, w.message)

    // HTTP
    const metrics = new KernelMetrics()
    const securityHeaders = { hsts: config.http.hsts, scriptHashes: shellInlineScriptHashes(config.ui.shellDir) }
    const app = Fastify({
      frameworkErrors: frameworkErrorHandler(staticSecurityHeaders(securityHeaders)),
      clientErrorHandler: clientErrorHandler(staticSecurityHeaders(securityHeaders)),
      loggerInstance: log as unknown as FastifyBaseLogger,
      bodyLimit: config.http.bodyLimit,
      trustProxy: config.http.trustProxy,
      genReqId: (req) => {
        const given = req.headers['x-request-id']
        return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID()
      },
      ajv: { customOptions: { removeAdditional: false } },
    })
    cleanup.unshift(() => app.close())
    app.removeContentTypeParser('text/plain')
    installValidators(app)
    installJsonBodyParser(app)
    installErrorHandler(app)
    // before every other hook: headers on every answer, then cross-origin mutations and websockets refused (CSRF, CSWSH)
    await installSecurityHeaders(app, securityHeaders)
    installOriginPolicy(app, new OriginPolicy(config.http))
    await app.register(cookie)
    await app.register(rateLimit, { global: true, max: config.rateLimit.max, timeWindow: config.rateLimit.timeWindowMs })
    await app.register(websocket, { options: { maxPayload: 64 * 1024 } })
    await app.register(swagger, {
      openapi: {
        openapi: '3.1.0',
        info: { title: 'Tessera API', version: SDK_VERSION, description: 'The kernel and every installed plugin. Errors are application/problem+json (RFC 9457).' },
        components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: config.auth.cookieName }, token: { type: 'http', scheme: 'bearer' } } },
        security: [{ session: [] }, { token: [] }],
      },
    })
    await app.register(swaggerUi, { routePrefix: '/docs' })
    app.get('/api/v1/openapi.json', { schema: { hide: true } as never }, async () => app.swagger())
    installAuthHook(app, sessions, config.auth.cookieName)
    const updateGauges = () => {
      metrics.sockets.set(hub.size)
      metrics.plugins.set({ state: 'active' }, registry.activeList().length)
      metrics.plugins.set({ state: 'failed' }, registry.all().length - registry.activeList().length)
    }
    // /metrics is not public: a bearer token on the main listener, or a listener of its own (metrics.port)
    metrics.install(app, updateGauges, { token: config.metrics.token, separateListener: config.metrics.port !== undefined })
    healthRoutes(app, services)
    authRoutes(app, services)
    adminRoutes(app, services)
    tenantRoutes(app, services)
    eventsCatalogueRoutes(app, { registry, events })
    for (const def of order) {
      const rt = registry.get(def.id)!
      if (rt.state === 'active') await mountPluginRoutes(app, rt, { runner, registry, roles: rolesFn })
    }
    // a plugin whose routes failed to mount is no longer active: its permissions leave the role map
    roles = new RolePermissions(registry.activeList().map((p) => p.definition?.permissions))
    const spa = await serveUi(app, config.ui.shellDir, registry.activeList())
    installNotFoundHandler(app, spa)
    app.addHook('onClose', async () => hub.closeAll())
    await app.ready()

    // queues are created whether or not this instance works them (the CLI enqueues without workers)
    for (const rt of registry.activeList()) {
      const def = rt.definition!
      for (const [name, job] of Object.entries(def.jobs ?? {})) {
        const queue = `${def.id}.${name}`
        await jobs.ensureQueue({ name: queue, retryLimit: job.retryLimit ?? config.jobs.retryLimit, retryDelaySeconds: job.retryDelaySeconds ?? config.jobs.retryDelaySeconds, retryBackoff: job.retryBackoff, expireInSeconds: job.expireInSeconds })
        if (workers) {
          await jobs.work(queue, async (j) => {
            if (!(await runner.isEnabled(j.data.tenantId, def.id))) return void log.info({ queue, tenantId: j.data.tenantId }, 'job skipped: plugin not enabled for tenant')
            await runner.run({ pluginId: def.id, tenantId: j.data.tenantId, actor: { type: 'system', id: queue }, permissions: roles.all }, async () => {
              if (await claimJobReceipt(queue, j.id)) await job.handler({ id: j.id, name: queue, tenantId: j.data.tenantId, data: j.data }, rt.ctx!)
            })
          })
        }
      }
      for (const sub of declaredSubscriptions(def)) {
        const queue = events.subscribe(def.id, sub.event)
        await jobs.ensureQueue({ name: queue, retryLimit: config.jobs.retryLimit, retryDelaySeconds: config.jobs.retryDelaySeconds })
        // a typed subscriber checks each payload against its own copy of the contract: a mismatch retries, then dead-letters
        const check = sub.schema ? compilePayloadCheck(sub.schema) : undefined
        if (workers) {
          await jobs.work(queue, async (j) => {
            const event = j.data.event as DeliveredEvent
            if (!(await runner.isEnabled(event.tenantId, def.id))) return
            const problems = check?.(event.payload)
            if (problems?.length) {
              log.error({ queue, event: event.name, eventId: event.id, errors: problems }, 'delivered event payload does not match the subscriber\'s schema')
              throw new Error(`event ${event.name} ${event.id} does not match ${def.id}'s schema: ${problems.join('; ')}`)
            }
            await runner.run({ pluginId: def.id, tenantId: event.tenantId, actor: { type: 'system', id: queue }, permissions: roles.all }, async () => {
              if (await claimJobReceipt(queue, j.id)) await sub.handler(event as never, rt.ctx!)
            })
          })
        }
      }
    }

    const listener = new NotifyListener(databaseUrl, {
      tessera_enablement: (tenantId) => cache.invalidate(tenantId || undefined),
      tessera_auth: (hash) => sessions.forget(hash === '*' ? undefined : hash),
      tessera_realtime: (payload) => hub.dispatch(payload),
    }, log, () => {
      cache.invalidate()
      sessions.forget()
    })
    await listener.start()
    cleanup.unshift(() => listener.close())
    const stopMaintenance = startMaintenance(pool, log)
    cleanup.unshift(async () => stopMaintenance())

    let closed = false
    let metricsListener: MetricsListener | undefined
    cleanup.unshift(async () => metricsListener?.close())
    return {
      app, services, databaseUrl,
      get metricsUrl() { return metricsListener?.url },
      async listen() {
        const url = await app.listen({ host: config.http.host, port: config.http.port })
        if (config.metrics.port !== undefined && !metricsListener) {
          metricsListener = await startMetricsListener(metrics, updateGauges, { host: config.metrics.host, port: config.metrics.port, token: config.metrics.token })
        }
        return url
      },
      async close() {
        if (closed) return
        closed = true
        for (const c of cleanup) await c().catch((err: Error) => log.warn({ err: err.message }, 'shutdown step failed'))
      },
    }
  } catch (err) {
    for (const c of cleanup) await c().catch(() => {})
    throw err
  }
}

async function migrateKernel(pool: pg.Pool, role: string): Promise<void> {
  await withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('tessera.kernel'))`)
    await runMigrations(client, 'tessera', kernelMigrations)
    await client.query(`GRANT USAGE ON SCHEMA tessera TO ${ident(role)}`)
    await client.query(`GRANT SELECT, INSERT ON tessera.audit_log TO ${ident(role)}`)
    await client.query(`GRANT SELECT, INSERT, UPDATE ON tessera.idempotency_keys TO ${ident(role)}`)
    await client.query(`GRANT SELECT, INSERT ON tessera.job_receipts TO ${ident(role)}`)
  })
}

/** Lets tenant transactions enqueue jobs (the transactional outbox runs as the runtime role). */
async function grantJobAccess(pool: pg.Pool, role: string): Promise<void> {
  const r = ident(role)
  await pool.query(`GRANT USAGE ON SCHEMA pgboss TO ${r}`)
  await pool.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA pgboss TO ${r}`)
  await pool.query(`GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA pgboss TO ${r}`)
}

async function pingDatabase(pool: pg.Pool): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      pool.query('SELECT 1').then(() => true),
      new Promise<boolean>((ok) => (timer = setTimeout(() => ok(false), 1000))),
    ])
  } catch {
    return false
  } finally {
    clearTimeout(timer)
  }
}
