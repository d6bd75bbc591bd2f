/**
 * Test helpers: a kernel with members and Mailchimp (and, for plan tags, spaces and billing) on a fresh database, listening on a real port (the fake delivers
 * webhooks over HTTP), job workers on; a tenant with an admin whose Mailchimp config points the real SDK at the local
 * fake, one audience of its own in the fake, and people created through members' API with or without consent.
 */
import { randomBytes } from 'node:crypto'
import type { LightMyRequestResponse } from 'fastify'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { PluginDefinition } from '@tessera/sdk'
import members from '@tessera/plugin-members'
import mailchimp from '@tessera/plugin-mailchimp'
import type { MailchimpFake, FakeList } from '@tessera/plugin-mailchimp/testing'
import type { SyncStatus } from '@tessera/plugin-mailchimp/contract'

export type { TestKernel }

/** Boots members, `others` (e.g. spaces and billing, for plans) and Mailchimp with workers, listening. */
export async function boot(others: PluginDefinition<any>[] = []): Promise<TestKernel & { origin: string }> {
  const t = await createTestKernel({
    plugins: [members, ...others, mailchimp] as never, workers: true,
    config: { database: { poolSize: 12 }, jobs: { pollingIntervalSeconds: 0.5 } } as never,
  })
  const origin = (await t.listen()).replace(/\/+$/, '')
  return Object.assign(t, { origin })
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH'

/** A tenant with members and Mailchimp enabled, an admin and an audience of its own in the fake. */
export interface World {
  tenantId: string
  admin: string
  list: FakeList
  webhookSecret: string
  webhookUrl: string
  call(method: Method, url: string, payload?: unknown, session?: string): Promise<LightMyRequestResponse>
  ok<T = any>(method: Method, url: string, payload?: unknown): Promise<T>
  /** A person created by staff, with consent granted by staff when `consent`. */
  person(name: string, email: string, consent: boolean): Promise<string>
  /** Chooses the audience and waits for its first sync to finish. */
  firstSync(): Promise<SyncStatus>
}

/** Creates the world (with `others` enabled after members: plugins booted with {@link boot}'s `others`). */
export async function world(t: TestKernel & { origin: string }, fake: MailchimpFake, others: string[] = []): Promise<World> {
  const tenant = await t.createTenant()
  for (const id of ['members', ...others]) await t.enable(tenant.id, id)
  const webhookSecret = randomBytes(24).toString('base64url')
  await t.enable(tenant.id, 'mailchimp', { apiKey: fake.apiKey, serverPrefix: 'us21', webhookSecret, apiBasePath: fake.basePath })
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const list = fake.addList(`Members of ${tenant.id.slice(0, 8)}`)
  const call = (method: Method, url: string, payload?: unknown, session = admin) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (method: Method, url: string, payload?: unknown) => {
    const r = await call(method, url, payload)
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  return {
    tenantId: tenant.id, admin, list, webhookSecret, call, ok,
    webhookUrl: `${t.origin}/api/v1/mailchimp/webhooks/${tenant.id}/${webhookSecret}`,
    async person(name, email, consent) {
      const p = await ok('POST', '/members/people', { name, email })
      if (consent) await ok('PUT', `/members/people/${p.id}/consent`, { granted: true })
      return p.id
    },
    async firstSync() {
      await ok('PUT', '/mailchimp/audience', { audienceId: list.id })
      return waitFor(async () => {
        const s = (await call('GET', '/mailchimp/status')).json() as SyncStatus
        return s.lastRun?.status === 'finished' && s
      }, { timeoutMs: 60_000, message: 'the first sync finishes' })
    },
  }
}
