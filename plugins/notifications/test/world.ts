/**
 * Test world: a real kernel (members, spaces, bookings, billing, visitors, notifications) listening on a real port, a
 * real SMTP receiver and the Stripe fake; a tenant whose notifications config points at the receiver (retries after
 * 1 s) and whose billing charges through the fake. People, bookings, invoices and visitors are made through the
 * plugins' public routes.
 */
import { join } from 'node:path'
import { createTestKernel, waitFor } from '@tessera/sdk/testing'
import type { TestKernel, TestPluginInput } from '@tessera/sdk/testing'
import type { StripeFake } from '@tessera/plugin-billing/testing'
import type { NotificationMessage } from '@tessera/plugin-notifications/contract'
import notifications from '@tessera/plugin-notifications'
import type { SmtpReceiver } from './support/index.ts'

export { waitFor }
export type { TestKernel }

export const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

// by package name, so the kernel serves their built UI bundles (their dashboard widgets load in the browser tests)
const OTHERS = ['@tessera/plugin-members', '@tessera/plugin-spaces', '@tessera/plugin-bookings', '@tessera/plugin-billing', '@tessera/plugin-visitors']

/** Boots the kernel with the plugins (and `extra`), listening; the sealing key and an SMTP password as kernel secrets. */
export async function boot(options: { extra?: TestPluginInput[]; config?: Record<string, unknown> } = {}): Promise<{ t: TestKernel; baseURL: string }> {
  const t = await createTestKernel({
    plugins: [...OTHERS, { definition: notifications, packageDir: join(import.meta.dirname, '..') }, ...(options.extra ?? [])],
    workers: true,
    config: { database: { poolSize: 12 }, secrets: { notifications_key: 'test-notifications-key-0123456789', smtp_password: 'mailer-s3cret' }, ...options.config } as never,
  })
  return { t, baseURL: await t.listen() }
}

type LightMyRequestResponse = Awaited<ReturnType<TestKernel['request']>>
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** A tenant with every plugin enabled. */
export interface World {
  tenantId: string
  admin: string
  roomId: string
  call(method: Method, url: string, payload?: unknown, session?: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>
  ok(method: Method, url: string, payload?: unknown, session?: string, headers?: Record<string, string>): Promise<any>
  /** A person with an e-mail and no login. */
  person(name: string): Promise<{ personId: string; email: string }>
  /** A signed-in member with a person record. */
  member(name: string): Promise<{ personId: string; email: string; userId: string; cookie: string }>
  /** A booking of the room `hours` from the next full hour, for `personId`. */
  book(personId: string, hours: number): Promise<{ id: string; startsAt: string; endsAt: string }>
  /** An issued invoice of one charge for the person. */
  invoice(personId: string, amount?: number): Promise<{ id: string; number: string }>
  /** The messages of the log (newest first), optionally of one template and recipient. */
  messages(filter?: { template?: string; to?: string }): Promise<NotificationMessage[]>
}

let n = 0

/** An instant `hours` after the next full UTC hour. */
export function hoursFromNow(hours: number): Date {
  const d = new Date()
  d.setUTCMinutes(0, 0, 0)
  return new Date(d.getTime() + (hours + 1) * 3_600_000)
}

/** Creates a tenant; `notificationsConfig` is merged over the config pointing at `smtp`. */
export async function world(t: TestKernel, baseURL: string, smtp: SmtpReceiver | null, notificationsConfig: Record<string, unknown> = {}, stripe?: StripeFake): Promise<World> {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'spaces')
  await t.enable(tenant.id, 'bookings')
  await t.enable(tenant.id, 'billing', {
    currency: 'EUR',
    ...(stripe ? { stripe: { secretKey: 'sk_test_tenant', webhookSecret: 'whsec_x', apiHost: stripe.host, apiPort: stripe.port, apiProtocol: 'http' } } : {}),
  })
  await t.enable(tenant.id, 'visitors')
  await t.enable(tenant.id, 'notifications', {
    ...(smtp ? { smtp: smtp.config('Test Coworking <hello@coworking.test>') } : {}),
    brandName: 'Test Coworking', logoUrl: 'https://coworking.test/logo.png', appUrl: baseURL, timeZone: 'Europe/London',
    retry: { maxAttempts: 6, baseDelaySeconds: 1 },
    ...notificationsConfig,
  })
  const admin = (await t.signIn({ tenantId: tenant.id, role: 'admin' })).cookie
  const call = (method: Method, url: string, payload?: unknown, session = admin, headers: Record<string, string> = {}) =>
    t.request({ method, url: `/api/v1${url}`, session, headers, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (method: Method, url: string, payload?: unknown, session?: string, headers?: Record<string, string>) => {
    const r = await call(method, url, payload, session, headers)
    if (r.statusCode >= 300) throw new Error(`${method} ${url} failed: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const location = await ok('POST', '/spaces/locations', { name: 'Main', timezone: 'Europe/London', openingHours: ALL_DAY })
  const room = await ok('POST', '/spaces/resources', {
    locationId: location.id, name: 'Room A', kind: 'meeting_room', capacity: 8, rules: { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 500 },
  })
  return {
    tenantId: tenant.id, admin, roomId: room.id, call, ok,
    async person(name) {
      const email = `person${++n}-${Date.now()}@example.test`
      const p = await ok('POST', '/members/people', { name, email })
      return { personId: p.id, email }
    },
    async member(name) {
      const m = await t.signIn({ tenantId: tenant.id, role: 'member' })
      const p = await ok('POST', '/members/people', { name, email: m.email })
      await ok('POST', `/members/people/${p.id}/invite`, {})
      return { personId: p.id, email: m.email, userId: m.userId, cookie: m.cookie }
    },
    async book(personId, hours) {
      const start = hoursFromNow(hours)
      const b = await ok('POST', '/bookings/bookings', {
        resourceId: room.id, personId, startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 3_600_000).toISOString(),
      })
      return { id: b.id, startsAt: b.startsAt, endsAt: b.endsAt }
    },
    async invoice(personId, amount = 4200) {
      await ok('POST', '/billing/charges', { payerType: 'person', payerId: personId, description: 'Day pass', unitAmount: amount, source: `test-${++n}` })
      const draft = await ok('POST', '/billing/invoices', { payerType: 'person', payerId: personId })
      const issued = await ok('POST', `/billing/invoices/${draft.id}/issue`, {})
      return { id: issued.id, number: issued.number }
    },
    async messages(filter = {}) {
      const page = await ok('GET', '/notifications/messages?limit=200')
      return (page.items as NotificationMessage[]).filter((m) =>
        (!filter.template || m.template === filter.template) && (!filter.to || m.recipientEmail.toLowerCase() === filter.to.toLowerCase()))
    },
  }
}
