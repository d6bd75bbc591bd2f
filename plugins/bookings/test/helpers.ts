/**
 * Test helpers: boot a kernel with members, spaces and bookings on a fresh PostgreSQL database, and set up a tenant
 * with a location, a meeting room, a hot-desk area, staff and members linked to people — through the public API.
 */
import { createTestKernel } from '@tessera/sdk/testing'
import type { TestKernel } from '@tessera/sdk/testing'
import type { LightMyRequestResponse } from 'fastify'
import members from '@tessera/plugin-members'
import spaces from '@tessera/plugin-spaces'
import bookings from '../src/index.ts'

export const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

/** Boots the three plugins. */
export function boot(options: { workers?: boolean; poolSize?: number } = {}): Promise<TestKernel> {
  return createTestKernel({
    plugins: [members, spaces, bookings],
    workers: options.workers ?? false,
    config: { database: { poolSize: options.poolSize ?? 12 } } as never,
  })
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE'

/** A tenant ready to book. */
export interface World {
  tenantId: string
  staff: string
  locationId: string
  roomId: string
  desksId: string
  call(method: Method, url: string, payload?: unknown, session?: string): Promise<LightMyRequestResponse>
  /** A signed-in member with a person record; returns the session and the person id. */
  member(name?: string): Promise<{ cookie: string; personId: string; userId: string }>
  /** A person without a login. */
  person(name?: string): Promise<string>
}

let n = 0

/** Creates a tenant with the plugins enabled and a location (default: Europe/London, open all day). */
export async function world(t: TestKernel, options: {
  config?: Record<string, unknown>; timezone?: string; openingHours?: Record<string, unknown>; roomRules?: Record<string, unknown>; desks?: number
} = {}): Promise<World> {
  const tenant = await t.createTenant()
  await t.enable(tenant.id, 'members')
  await t.enable(tenant.id, 'spaces')
  await t.enable(tenant.id, 'bookings', options.config ?? {})
  const staff = (await t.signIn({ tenantId: tenant.id, role: 'manager' })).cookie
  const call = (method: Method, url: string, payload?: unknown, session = staff) =>
    t.request({ method, url: `/api/v1${url}`, session, ...(payload !== undefined ? { payload: payload as object } : {}) })
  const ok = async (res: Promise<LightMyRequestResponse>) => {
    const r = await res
    if (r.statusCode >= 300) throw new Error(`setup failed: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const location = await ok(call('POST', '/spaces/locations', {
    name: 'Main', timezone: options.timezone ?? 'Europe/London', openingHours: options.openingHours ?? ALL_DAY,
  }))
  const rules = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 500, ...options.roomRules }
  const room = await ok(call('POST', '/spaces/resources', { locationId: location.id, name: 'Room A', kind: 'meeting_room', capacity: 8, rules }))
  const desks = await ok(call('POST', '/spaces/resources', { locationId: location.id, name: 'Desks', kind: 'hot_desk_area', capacity: options.desks ?? 10, rules }))
  return {
    tenantId: tenant.id, staff, locationId: location.id, roomId: room.id, desksId: desks.id, call,
    async member(name = `Member ${++n}`) {
      const m = await t.signIn({ tenantId: tenant.id, role: 'member' })
      const p = await ok(call('POST', '/members/people', { name, email: m.email }))
      await ok(call('POST', `/members/people/${p.id}/invite`, {}))
      return { cookie: m.cookie, personId: p.id, userId: m.userId }
    },
    async person(name = `Person ${++n}`) {
      return (await ok(call('POST', '/members/people', { name }))).id
    },
  }
}

/** An instant `hours` from the next full UTC hour. */
export function hoursFromNow(hours: number): Date {
  const d = new Date()
  d.setUTCMinutes(0, 0, 0)
  return new Date(d.getTime() + (hours + 1) * 3_600_000)
}

/** Polls `fn` until it returns a value. */
export async function waitFor<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const v = await fn()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('timed out')
}
