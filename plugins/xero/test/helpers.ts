/**
 * Test helpers: a kernel with members, spaces, billing and Xero (built against the local Xero fake) on a fresh
 * database; a tenant with staff; people, a plan and issued invoices made through billing's public API; and the
 * OAuth connection made the way a browser does it — consent page, redirect, callback.
 */
import type { LightMyRequestResponse } from 'fastify'
import pg from 'pg'
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import billing from '@tessera/plugin-billing'
import { createXeroPlugin, httpXeroIdentity } from '@tessera/plugin-xero'
import type { XeroLimits } from '@tessera/plugin-xero'
import { startXeroFake } from '@tessera/plugin-xero/testing'
import type { FakeOrganisation, XeroFake } from '@tessera/plugin-xero/testing'

export type { TestKernel }

export const APP = { clientId: 'tessera-test-app', clientSecret: 'test-secret', webhookKey: 'whk-test-key' }

/** The Xero plugin pointed at `fake`. */
export function xeroFor(fake: XeroFake, limits: Partial<XeroLimits> = {}) {
  const { accountingBasePath, ...urls } = fake.endpoints
  return createXeroPlugin({ identity: httpXeroIdentity(urls), accountingBasePath, limits })
}

/** Boots members, spaces, billing and Xero. */
export function boot(fake: XeroFake, options: { workers?: boolean; limits?: Partial<XeroLimits>; databaseUrl?: string } = {}): Promise<TestKernel> {
  return createTestKernel({
    plugins: [members, spaces, billing, xeroFor(fake, options.limits)] as never,
    workers: options.workers ?? true,
    databaseUrl: options.databaseUrl,
    config: { database: { poolSize: 12 }, jobs: { pollingIntervalSeconds: 0.5 }, secrets: { xero_token_key: 'test-token-key' } } as never,
  })
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A tenant with the four plugins enabled and a finance admin. */
export interface World {
  tenantId: string
  staff: string
  call(method: Method, url: string, payload?: unknown, session?: string): Promise<LightMyRequestResponse>
  ok(method: Method, url: string, payload?: unknown): Promise<any>
}

/** Creates the tenant. */
export async function world(t: TestKernel, xeroConfig: Record<string, unknown> = {}): Promise<World> {
  const tenant = await t.createTenant()
  for (const p of ['members', 'spaces', 'billing']) await t.enable(tenant.id, p)
  await t.enable(tenant.id, 'xero', { ...APP, ...xeroConfig })
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: Method, url: string, payload?: unknown, session = staff) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return {
    tenantId: tenant.id, staff, call,
    async ok(method, url, payload) {
      const r = await call(method, url, payload)
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`)
      return r.json()
    },
  }
}

/** Connects the tenant to the fake's organisations: consent page → "Allow access" → callback. */
export async function connect(w: World, fake: XeroFake, origin = 'http://tessera.test'): Promise<void> {
  const { authorizeUrl } = await w.ok('POST', '/xero/connection/start', { redirectUri: `${origin}/api/v1/xero/oauth/callback` })
  const page = await (await fetch(authorizeUrl)).text()
  const form = new URLSearchParams()
  for (const m of page.matchAll(/<input type="(?:hidden|checkbox)" name="([^"]+)" value="([^"]*)"/g)) form.append(m[1], m[2].replace(/&#(\d+);/g, (_, c) => String.fromCharCode(Number(c))))
  const consent = await fetch(`${fake.url}/identity/consent`, { method: 'POST', body: form, redirect: 'manual' })
  const back = new URL(consent.headers.get('location')!)
  const res = await w.call('GET', `/xero/oauth/callback${back.search}`)
  if (res.statusCode !== 302) throw new Error(`callback: ${res.statusCode} ${res.body}`)
}

/** Connects the tenant (consent page) and, when the consent covered several organisations, chooses `org`. */
export async function connectOrganisation(w: World, fake: XeroFake, org: FakeOrganisation): Promise<void> {
  await connect(w, fake)
  const c = await w.ok('GET', '/xero/connection')
  if (c.state === 'choose_organisation') await w.ok('POST', '/xero/connection/organisation', { tenantId: org.tenantId })
}

/** A fresh fake and the four plugins booted against it — what a test file shares; `close()` stops both. */
export async function fakeAndKernel(): Promise<{ fake: XeroFake; t: TestKernel; close(): Promise<void> }> {
  const fake = await startXeroFake()
  const t = await boot(fake)
  return { fake, t, close: async () => { await t.close(); await fake.close() } }
}

/** Issued invoices for `people` people over `periods` months (one plan, one membership each, one invoice run a month). */
export async function billedPeople(w: World, people: number, periods: string[], options: { prefix?: string } = {}): Promise<string[]> {
  const plan = await w.ok('POST', '/billing/plans', { code: `desk-${Date.now() % 100000}`, name: 'Hot desk', monthlyPrice: 15000, taxRateBp: 2000 })
  const ids: string[] = []
  const prefix = options.prefix ?? 'Member'
  for (let i = 0; i < people; i += 10) {
    const chunk = await Promise.all(Array.from({ length: Math.min(10, people - i) }, async (_, j) => {
      const n = i + j + 1
      const p = await w.ok('POST', '/members/people', { name: `${prefix} ${n}`, email: `${prefix.toLowerCase().replace(/\W/g, '')}${n}@example.test` })
      await w.ok('POST', '/billing/memberships', { payerType: 'person', payerId: p.id, planId: plan.id, startsOn: `${periods[0]}-01` })
      return p.id as string
    }))
    ids.push(...chunk)
  }
  for (const period of periods) {
    const run = await w.ok('POST', '/billing/invoice-runs', { period })
    if (run.failed.length) throw new Error(`invoice run ${period} failed for ${run.failed.length} payers: ${JSON.stringify(run.failed[0])}`)
  }
  return ids
}

/** Polls `fn` until it is true (or fails after `ms`). */
export async function waitFor(fn: () => Promise<boolean>, ms = 20_000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await fn()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Counts of the tenant's documents by state. */
export async function docCounts(t: TestKernel): Promise<{ pending: number; synced: number; failed: number }> {
  const rows = (await t.adminQuery('SELECT state, count(*)::int AS n FROM xero.documents GROUP BY state')).rows
  const c = { pending: 0, synced: 0, failed: 0 }
  for (const r of rows) c[r.state as keyof typeof c] = r.n
  return c
}

/**
 * Holds, from a session of its own, the advisory lock a running sync of `tenantId` holds (`trySyncLock` in
 * `connection-store.ts`), as if a sync were talking to Xero; returns the release (which also closes the session).
 */
export async function holdSyncLock(databaseUrl: string, tenantId: string): Promise<() => Promise<void>> {
  const holder = new pg.Client({ connectionString: databaseUrl })
  await holder.connect()
  const lock = `hashtext('tessera/xero/sync'), hashtext($1)`
  await holder.query(`SELECT pg_advisory_lock(${lock})`, [tenantId])
  return async () => {
    try {
      await holder.query(`SELECT pg_advisory_unlock(${lock})`, [tenantId])
    } finally {
      await holder.end()
    }
  }
}
