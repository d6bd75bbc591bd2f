/**
 * `createTestKernel({ plugins })`: a real kernel on a real PostgreSQL for a plugin's own tests. Each call creates a
 * fresh database (dropped again by `close()`), so tests never share data and may run in parallel. Pass `databaseUrl`
 * of an existing test kernel to boot a second instance on the same database. Helpers create tenants, users and
 * sessions and enable plugins, so a test reads like what it checks.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import { loadConfig } from '@tessera/config'
import type { ConfigOverrides } from '@tessera/config'
import type { TenantRole } from '@tessera/sdk'
import { createKernel } from '../kernel.ts'
import type { Kernel } from '../kernel.ts'
import type { PluginInput } from '../plugin-host/load-plugins.ts'

/** Options of {@link createTestKernel}. */
export interface TestKernelOptions {
  plugins: PluginInput[]
  /** Boot on this existing database instead of a new one (it is then not dropped on close). */
  databaseUrl?: string
  config?: ConfigOverrides
  workers?: boolean
}

/** A kernel under test plus helpers. */
export interface TestKernel {
  kernel: Kernel
  app: FastifyInstance
  databaseUrl: string
  /** `app.inject` with an optional session cookie. */
  request(options: InjectOptions & { session?: string }): Promise<LightMyRequestResponse>
  createTenant(slug?: string): Promise<{ id: string; slug: string }>
  /** Creates a user (password `password123`) with a role in `tenantId`, signs in, returns the cookie header value. */
  signIn(input: { tenantId?: string; role?: TenantRole; operator?: boolean; email?: string }): Promise<{ userId: string; cookie: string; email: string }>
  enable(tenantId: string, pluginId: string, config?: Record<string, unknown>): Promise<void>
  /** Runs SQL as the admin (superuser) connection: for assertions only. */
  adminQuery(sql: string, params?: unknown[]): Promise<pg.QueryResult>
  close(): Promise<void>
}

/** The server-level admin URL tests create their databases on. */
export function testServerUrl(): string {
  return loadConfig({ envName: 'test' }).database.url!
}

/** Creates an empty database; returns its URL. */
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

/** Drops a database created by {@link createTestDatabase}. */
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

/** Boots a kernel for tests. */
export async function createTestKernel(options: TestKernelOptions): Promise<TestKernel> {
  const owned = !options.databaseUrl
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase())
  const config = loadConfig({ envName: 'test', overrides: { ...options.config, database: { ...options.config?.database, url: databaseUrl } } })
  let kernel: Kernel
  try {
    kernel = await createKernel({ config, plugins: options.plugins, workers: options.workers })
  } catch (err) {
    if (owned) await dropTestDatabase(databaseUrl).catch(() => {})
    throw err
  }
  const { app, services } = kernel
  const admin = new pg.Pool({ connectionString: databaseUrl, max: 2 })
  const request = (o: InjectOptions & { session?: string }) => {
    const { session, ...rest } = o
    return app.inject({ ...rest, headers: { ...rest.headers, ...(session ? { cookie: session } : {}) } })
  }
  return {
    kernel, app, databaseUrl, request,
    async createTenant(slug) {
      const t = await services.tenants.create(slug ?? `t-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}`, 'Test tenant')
      return { id: t.id, slug: t.slug }
    },
    async signIn({ tenantId, role = 'owner', operator = false, email }) {
      const mail = email ?? `u${++counter}-${randomBytes(4).toString('hex')}@example.test`
      const user = await services.users.create({ email: mail, name: mail.split('@')[0], password: 'password123', isOperator: operator })
      if (tenantId) await services.users.grant(user.id, tenantId, role)
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: mail, password: 'password123', tenantId } })
      if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`)
      const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])[0] ?? ''
      return { userId: user.id, cookie: setCookie.split(';')[0], email: mail }
    },
    async enable(tenantId, pluginId, cfg = {}) {
      await services.enablement.enable(tenantId, pluginId, cfg, { type: 'system', id: 'test' })
    },
    adminQuery: (sql, params) => admin.query(sql, params),
    async close() {
      await admin.end()
      await kernel.close()
      if (owned) await dropTestDatabase(databaseUrl)
    },
  }
}
