/**
 * Test world: a real kernel (members, spaces, bookings, billing, access, papercut) on a fresh PostgreSQL database,
 * the PaperCut fake, and a tenant whose PaperCut config points at the fake; people and memberships are made through
 * the public API of members and billing.
 */
import type { LightMyRequestResponse } from 'fastify'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel, TestKernelOptions } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import billing from '@tessera/plugin-billing'
import access from '@tessera/plugin-access'
import type { PaperCutFake } from '@tessera/plugin-papercut/testing'
import papercut from '@tessera/plugin-papercut'

export { waitFor }
export type { TestKernel }

/** Boots the kernel with every plugin PaperCut needs (spaces and bookings by package name: access needs them). */
export function boot(options: Partial<TestKernelOptions> = {}): Promise<TestKernel> {
  return createTestKernel({
    plugins: [members, '@tessera/plugin-spaces', '@tessera/plugin-bookings', billing, access, papercut, ...(options.plugins ?? [])],
    workers: options.workers ?? true,
    ...options.config ? { config: options.config } : {},
  })
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A tenant with PaperCut enabled against `fake`. */
export interface World {
  tenantId: string
  staff: string
  call(method: Method, url: string, payload?: unknown, session?: string): Promise<LightMyRequestResponse>
  ok(method: Method, url: string, payload?: unknown, session?: string): Promise<any>
  /** A person (with a login when `login`), and their id. */
  person(name: string, options?: { login?: boolean }): Promise<{ personId: string; email: string; cookie?: string }>
  plan(features: Record<string, unknown>): Promise<{ id: string }>
  membership(personId: string, planId: string): Promise<{ id: string }>
}

/**
 * Waits until none of the tenant's PaperCut jobs (syncs, period runs, event handlers) is queued or running — e.g.
 * before taking the fake down, so a job still in flight does not fail on it, or before counting the fake's calls.
 */
export async function jobsSettled(t: TestKernel, tenantId: string): Promise<void> {
  await waitFor(async () => (await t.adminQuery(
    `SELECT count(*)::int AS n FROM pgboss.job WHERE name LIKE 'papercut.%' AND data->>'tenantId' = $1 AND state IN ('created', 'retry', 'active')`,
    [tenantId])).rows[0].n === 0 || undefined, { timeoutMs: 30_000, message: 'the tenant\'s PaperCut jobs are done' })
}

let n = 0
export const day = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)

/** Creates the tenant. `papercutConfig` overrides the config pointing at the fake; `options` billing's config and more plugins. */
export async function world(t: TestKernel, fake: PaperCutFake, papercutConfig: Record<string, unknown> = {}, options: { billing?: Record<string, unknown>; extraPlugins?: string[] } = {}): Promise<World> {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'billing', { currency: 'EUR', ...options.billing })
  for (const p of options.extraPlugins ?? []) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'access')
  // a named kernel secret replaces the inline token
  const token = papercutConfig.authTokenSecret ? {} : { authToken: fake.token }
  await t.enable(tenant.id, 'papercut', { serverUrl: fake.url, ...token, ...papercutConfig })
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: Method, url: string, payload?: unknown, session = staff) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (method: Method, url: string, payload?: unknown, session?: string) => {
    const r = await call(method, url, payload, session)
    if (r.statusCode >= 300) throw new Error(`${method} ${url} failed: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  return {
    tenantId: tenant.id, staff, call, ok,
    async person(name, options = {}) {
      if (options.login) {
        const m = await t.signIn({ tenantId: tenant.id, role: 'member' })
        const p = await ok('POST', '/members/people', { name, email: m.email })
        await ok('POST', `/members/people/${p.id}/invite`, {})
        return { personId: p.id, email: m.email, cookie: m.cookie }
      }
      const email = `p${++n}-${Date.now()}@example.test`
      const p = await ok('POST', '/members/people', { name, email })
      return { personId: p.id, email }
    },
    plan: (features) => ok('POST', '/billing/plans', { code: `print-${++n}`, name: `Print plan ${n}`, monthlyPrice: 10000, features }),
    membership: (personId, planId) => ok('POST', '/billing/memberships', { payerType: 'person', payerId: personId, planId, startsOn: day(-10) }),
  }
}
