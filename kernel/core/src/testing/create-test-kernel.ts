/**
 * `createTestKernel({ plugins })`: a real kernel on a real PostgreSQL for tests. Each call creates a fresh database
 * (dropped again by `close()`), so tests never share data and may run in parallel. Pass `databaseUrl` of an existing
 * test kernel to boot a second instance on the same database. Helpers create tenants, users, sessions and worlds,
 * enable plugins, capture committed events and enqueue jobs, so a test reads like what it checks.
 *
 * Two shapes: {@link createTestKernel} (the kernel's own tests and benchmarks) also returns the booted `kernel` and the
 * Fastify `app`; {@link createPluginTestKernel} — `createTestKernel` of `@tessera/sdk/testing` — returns only the
 * public {@link TestKernel} helpers, with no kernel internals reachable.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { FastifyInstance, InjectOptions } from 'fastify'
import { loadConfig } from '@tessera/config'
import { TENANT_ROLES } from '@tessera/sdk'
import type { PluginContext, TenantRole } from '@tessera/sdk'
import { createKernel } from '../kernel.ts'
import type { Kernel, KernelOptions } from '../kernel.ts'
import { listenForEvents } from './event-log.ts'
import type { ListeningEventLog } from './event-log.ts'
import type { TestKernel, TestKernelOptions, TestUser, TestWorld } from './test-kernel.ts'

/** A test kernel with the kernel itself: for the kernel's own tests and benchmarks, never for plugins. */
export interface KernelTestKernel extends TestKernel {
  kernel: Kernel
  app: FastifyInstance
}

/** Options of the kernel's own {@link createTestKernel}. */
export interface KernelTestKernelOptions extends TestKernelOptions {
  /**
   * Capture committed events (`t.events`, a `pg_notify` per event and a listener in this process); default on. The
   * benchmarks turn it off to measure what a production kernel does (`t.events` then throws).
   */
  captureEvents?: boolean
}

/** The server-level admin URL tests create their databases on. */
export function testServerUrl(): string {
  return loadConfig({ envName: 'test' }).database.url!
}

/** Creates an empty database on the test server; returns its URL. @public */
export async function createTestDatabase(prefix = 'tessera_t'): Promise<string> {
  const server = testServerUrl()
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = new pg.Client({ connectionString: server })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const url = new URL(server)
  url.pathname = `/${name}`
  return url.toString()
}

/** Drops a database created by {@link createTestDatabase}. @public */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1)
  const admin = new pg.Client({ connectionString: testServerUrl() })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  } finally {
    await admin.end()
  }
}

let counter = 0
const SYSTEM = { type: 'system', id: 'test' } as const

/** Boots a kernel for the kernel's own tests: the helpers plus `kernel` and `app`. */
export async function createTestKernel(options: KernelTestKernelOptions): Promise<KernelTestKernel> {
  const owned = !options.databaseUrl
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase())
  const config = loadConfig({ envName: 'test', overrides: { ...options.config, database: { ...options.config?.database, url: databaseUrl } } })
  const channel = options.captureEvents === false ? undefined : `tessera_test_events_${randomBytes(6).toString('hex')}`
  let kernel: Kernel
  try {
    kernel = await createKernel({ config, plugins: options.plugins as KernelOptions['plugins'], workers: options.workers, eventCaptureChannel: channel })
  } catch (err) {
    if (owned) await dropTestDatabase(databaseUrl).catch(() => {})
    throw err
  }
  const { app, services } = kernel
  const events = channel ? await listenForEvents(databaseUrl, channel) : notCapturing()
  let listening: Promise<string> | undefined
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const request = (o: InjectOptions & { session?: string }) => {
    const { session, ...rest } = o
    return app.inject({ ...rest, headers: { ...rest.headers, ...(session ? { cookie: session } : {}) } })
  }
  const signIn: TestKernel['signIn'] = async ({ tenantId, role = 'owner', operator = false, email }) => {
    const mail = email ?? `u${++counter}-${randomBytes(4).toString('hex')}@example.test`
    const user = await services.users.create({ email: mail, name: mail.split('@')[0], password: 'password123', isOperator: operator })
    if (tenantId) await services.users.grant(user.id, tenantId, role)
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: mail, password: 'password123', tenantId } })
    if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`)
    const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? ''
    return { userId: user.id, cookie: setCookie.split(';')[0], email: mail }
  }
  const createTenant: TestKernel['createTenant'] = async (slug, name = 'Test tenant') => {
    const t = await services.tenants.create(slug ?? `t-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`, name)
    return { id: t.id, slug: t.slug }
  }
  const enable: TestKernel['enable'] = async (tenantId, pluginId, cfg = {}) => {
    await services.enablement.enable(tenantId, pluginId, cfg, SYSTEM)
  }
  return {
    kernel, app, databaseUrl, request, signIn, createTenant, enable, events,
    listen: () => (listening ??= kernel.listen()),
    grant: (userId, tenantId, role) => services.users.grant(userId, tenantId, role),
    async disable(tenantId, pluginId) {
      await services.enablement.disable(tenantId, pluginId, SYSTEM)
    },
    async createWorld({ plugins = [], slug } = {}) {
      const tenant = await createTenant(slug)
      for (const p of plugins) {
        if (typeof p === 'string') await enable(tenant.id, p)
        else await enable(tenant.id, p.id, p.config)
      }
      const users = {} as Record<TenantRole, TestUser>
      for (const role of TENANT_ROLES) users[role] = await signIn({ tenantId: tenant.id, role })
      return { tenantId: tenant.id, slug: tenant.slug, users } satisfies TestWorld
    },
    async sendJob(queue, data) {
      if (!services.jobs) throw new Error('sendJob: this kernel runs without jobs')
      return services.jobs.send(queue, data)
    },
    pluginContext<C>(pluginId: string) {
      const rt = services.registry.get(pluginId)
      if (!rt?.ctx) throw new Error(`pluginContext: the plugin "${pluginId}" is not running${rt ? ` (${rt.state}${rt.reason ? `: ${rt.reason}` : ''})` : ''}`)
      return rt.ctx as unknown as PluginContext<C>
    },
    adminQuery: (sql, params) => admin.query(sql, params),
    async close() {
      await events.close()
      await admin.end()
      await kernel.close()
      if (owned) await dropTestDatabase(databaseUrl)
    },
  }
}

/** The event log of a kernel booted with `captureEvents: false`: every read says so. */
function notCapturing(): ListeningEventLog {
  const off = (): never => {
    throw new Error('t.events: this test kernel was created with captureEvents: false')
  }
  return { all: off, next: off, clear: off, close: async () => {} }
}

/**
 * Boots a kernel for a plugin's tests (`createTestKernel` of `@tessera/sdk/testing`): the same kernel and database as
 * {@link createTestKernel}, returning only the public helpers — the kernel, its services and its Fastify instance stay
 * out of reach. @public
 */
export async function createPluginTestKernel(options: TestKernelOptions): Promise<TestKernel> {
  const { kernel: _kernel, app: _app, ...helpers } = await createTestKernel(options)
  return helpers
}
