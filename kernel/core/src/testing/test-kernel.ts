/**
 * The public shape of a test kernel: what `@tessera/sdk/testing` gives a plugin's tests. It is made of helpers only —
 * requests, tenants, users, enablement, captured events, jobs, the plugin's own context — and exposes no kernel
 * internals (no services, no container, no Fastify instance), so plugin tests use only what a plugin can rely on.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify'
import type pg from 'pg'
import type { ConfigOverrides } from '@tessera/config'
import type { PluginContext, PluginDefinition, TenantRole } from '@tessera/sdk'
import type { EventLog } from './event-log.ts'

/** A plugin given to the test kernel: its definition, a definition with its package folder, or a package name. @public */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TestPluginInput = PluginDefinition<any> | { definition: PluginDefinition<any>; packageDir?: string } | string

/** Options of `createTestKernel`. @public */
export interface TestKernelOptions {
  /** The plugins to host, in any order (dependencies are resolved by the kernel). */
  plugins: TestPluginInput[]
  /** Boot on this existing database instead of a new one (it is then not dropped on close). */
  databaseUrl?: string
  /** Kernel configuration overrides (e.g. `{ rootDir }` to resolve plugin package names from a host folder). */
  config?: ConfigOverrides
  /** Run pg-boss workers (jobs and event subscribers); default on. */
  workers?: boolean
}

/** A user signed in by the harness. @public */
export interface TestUser {
  userId: string
  email: string
  /** The `Cookie` header value of the user's session (pass it as `session` to `request`). */
  cookie: string
}

/** A plugin to enable in a world: its id, or its id and config. @public */
export type WorldPlugin = string | { id: string; config?: Record<string, unknown> }

/** A tenant with the given plugins enabled and one signed-in user of every role. @public */
export interface TestWorld {
  tenantId: string
  slug: string
  users: Record<TenantRole, TestUser>
}

/** A kernel under test plus helpers. @public */
export interface TestKernel {
  /** The admin URL of the test database. */
  readonly databaseUrl: string
  /** Injects an HTTP request (no socket); `session` is a cookie header value from `signIn`. */
  request(options: InjectOptions & { session?: string }): Promise<LightMyRequestResponse>
  /** Starts listening on a free port (for browsers, websockets, device links); returns the base URL. */
  listen(): Promise<string>
  createTenant(slug?: string, name?: string): Promise<{ id: string; slug: string }>
  /** Creates a user (password `password123`) with a role in `tenantId`, signs in, returns the session cookie. */
  signIn(input: { tenantId?: string; role?: TenantRole; operator?: boolean; email?: string }): Promise<TestUser>
  /** Gives an existing user a role in a tenant (replacing the one they had). */
  grant(userId: string, tenantId: string, role: TenantRole): Promise<void>
  /** Enables a plugin for a tenant, as the operator would (dependencies must be enabled first). */
  enable(tenantId: string, pluginId: string, config?: Record<string, unknown>): Promise<void>
  disable(tenantId: string, pluginId: string): Promise<void>
  /** A tenant with `plugins` enabled in order and a signed-in user of every role. */
  createWorld(input?: { plugins?: WorldPlugin[]; slug?: string }): Promise<TestWorld>
  /** The events committed while this kernel runs (`await t.events.next('parcels.parcel.received')`). */
  readonly events: EventLog
  /** Enqueues a job as the kernel would (`data.tenantId` names the tenant); returns the job id. */
  sendJob(queue: string, data: Record<string, unknown> & { tenantId: string }): Promise<string | null>
  /** A running plugin's context (call its domain code with `ctx.withTenant(tenantId, …)`); throws when not running. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  pluginContext<C = any>(pluginId: string): PluginContext<C>
  /** Runs SQL as the admin (superuser) connection: for assertions only. */
  adminQuery(sql: string, params?: unknown[]): Promise<pg.QueryResult>
  /** Stops the kernel and drops the database it created. */
  close(): Promise<void>
}
