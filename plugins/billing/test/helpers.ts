/**
 * Test helpers: a kernel with members, spaces and billing (optionally bookings) on a fresh database, and a tenant with
 * a finance user, a meeting room with prices, plans and people — set up through the public API.
 */
import { createTestKernel, waitFor as pollUntil } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { LightMyRequestResponse } from 'fastify'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '@tessera/plugin-bookings'
import billing from '../src/index.ts'

export type { TestKernel }

/** Boots the plugins. */
export function boot(options: { workers?: boolean; bookings?: boolean; extra?: unknown[] } = {}): Promise<TestKernel> {
  return createTestKernel({
    plugins: [members, spaces, ...(options.bookings ? [bookings] : []), billing, ...(options.extra ?? [])] as never,
    workers: options.workers ?? false,
    config: { database: { poolSize: 12 } } as never,
  })
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A tenant ready to bill. */
export interface World {
  tenantId: string
  staff: string
  call(method: Method, url: string, payload?: unknown, session?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  ok(method: Method, url: string, payload?: unknown, session?: string): Promise<any>
  person(name?: string): Promise<string>
  plan(input: Record<string, unknown>): Promise<any>
}

let n = 0

/** Creates a tenant with members, spaces and billing (config `billingConfig`) enabled. */
export async function world(t: TestKernel, billingConfig: Record<string, unknown> = {}, options: { bookings?: boolean; extraPlugins?: string[] } = {}): Promise<World> {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'spaces')
  if (options.bookings) await t.enable(tenant.id, 'bookings')
  await t.enable(tenant.id, 'billing', billingConfig)
  for (const p of options.extraPlugins ?? []) await t.enable(tenant.id, p)
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: Method, url: string, payload?: unknown, session = staff, headers: Record<string, string> = {}) =>
    t.request({ method, url: `/api/v1${url}`, session, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (method: Method, url: string, payload?: unknown, session?: string) => {
    const r = await call(method, url, payload, session)
    if (r.statusCode >= 300) throw new Error(`${method} ${url} failed: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  return {
    tenantId: tenant.id, staff, call, ok,
    async person(name = `Person ${++n}`) { return (await ok('POST', '/members/people', { name })).id },
    async plan(input) { return ok('POST', '/billing/plans', { code: `p${++n}`, name: `Plan ${n}`, ...input }) },
  }
}

/** Opening hours around the clock, every day (bookings at any time of the test). */
export const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

/** Polls `check` until it returns a value (not undefined/null/false); jobs on a loaded machine get 20 s. */
export function waitFor<T>(check: () => Promise<T>): Promise<Exclude<T, undefined | null | false>> {
  return pollUntil(check, { timeoutMs: 20_000, intervalMs: 100 })
}

/** A person of the members plugin linked to a member login (invited), with that login's session. */
export async function member(t: TestKernel, w: World, name: string): Promise<{ person: string; session: string }> {
  const login = await t.signIn({ tenantId: w.tenantId, role: 'member', email: `${name.toLowerCase()}-${crypto.randomUUID().slice(0, 8)}@example.test` })
  const person = (await w.ok('POST', '/members/people', { name, email: login.email })).id as string
  await w.ok('POST', `/members/people/${person}/invite`, {})
  return { person, session: login.cookie }
}
