/** A tenant ready to book through the public API: members, spaces and bookings enabled, a location open all day. */
import type { TestKernel } from '@tessera/kernel/testing'

export const ALL_DAY = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '24:00' }]]))

export async function bookingWorld(t: TestKernel, rooms: number, people: number) {
  const tenant = await t.createTenant()
  for (const id of ['members', 'spaces', 'bookings']) await t.enable(tenant.id, id)
  const { cookie } = await t.signIn({ tenantId: tenant.id, role: 'manager' })
  const ok = async (method: 'POST', url: string, payload: object) => {
    const r = await t.request({ method, url: `/api/v1${url}`, session: cookie, payload })
    if (r.statusCode >= 300) throw new Error(`setup ${url}: ${r.statusCode} ${r.body}`)
    return r.json()
  }
  const location = await ok('POST', '/spaces/locations', { name: 'Main', timezone: 'Europe/London', openingHours: ALL_DAY })
  const rules = { minMinutes: 30, maxMinutes: 600, maxDaysAhead: 500 }
  const roomIds: string[] = []
  for (let i = 0; i < rooms; i++) roomIds.push((await ok('POST', '/spaces/resources', { locationId: location.id, name: `Room ${i}`, kind: 'meeting_room', capacity: 6, rules })).id)
  const personIds: string[] = []
  for (let i = 0; i < people; i++) personIds.push((await ok('POST', '/members/people', { name: `Person ${i}` })).id)
  return { tenantId: tenant.id, cookie, locationId: location.id, roomIds, personIds }
}

/** The start of the next full UTC hour plus `hours`. */
export function hourFromNow(hours: number): Date {
  const d = new Date()
  d.setUTCMinutes(0, 0, 0)
  return new Date(d.getTime() + (hours + 1) * 3_600_000)
}
