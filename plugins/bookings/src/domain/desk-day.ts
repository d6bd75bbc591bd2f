/**
 * The front desk's day at one location (`GET /desk/day`): every booking overlapping the local day in the location's
 * timezone — any status, so the no-shows released today are there too — in start order, each with its check-in
 * window, the booker's name (members' directory) and the resource's name and kind (spaces' catalog). At most
 * `DESK_DAY_MAX_BOOKINGS`; `truncated` says when there were more. Staff only (`bookings.read`).
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { DESK_DAY_MAX_BOOKINGS } from '../contract/index.ts'
import type { DeskDay, DeskDayQuery } from '../contract/index.ts'
import { listBookings } from '../store/booking-store.ts'
import { toWireBooking } from './booking-wire.ts'
import { checkInPolicy } from './check-in.ts'
import type { BookingsContext } from './bookings-config.ts'

/** The bookings of `q.locationId` on the local date `q.date` (default: today there). */
export async function deskDay(ctx: BookingsContext, q: DeskDayQuery): Promise<DeskDay> {
  const catalog = ctx.services.get(spacesCatalog)
  const location = await catalog.getLocation(q.locationId)
  if (!location) throw problem.notFound('No such location.')
  const tz = location.timezone
  const day = await ctx.db.one<{ date: string; from: Date; to: Date }>(
    `SELECT d::text AS date, d::timestamp AT TIME ZONE $2 AS "from", (d + 1)::timestamp AT TIME ZONE $2 AS "to"
       FROM (SELECT coalesce($1::date, (now() AT TIME ZONE $2)::date) AS d) AS x`,
    [q.date ?? null, tz],
  )
  const { date, from, to } = day!
  const [page, resources] = await Promise.all([
    listBookings(ctx.db, { locationId: location.id, from: from.toISOString(), to: to.toISOString(), limit: DESK_DAY_MAX_BOOKINGS, offset: 0 }),
    catalog.listResources({ locationId: location.id, includeInactive: true }),
  ])
  const byId = new Map(resources.map((r) => [r.id, r]))
  const directory = ctx.services.get(membersDirectory)
  const names = new Map<string, string | null>()
  for (const personId of new Set(page.items.map((b) => b.personId))) names.set(personId, (await directory.getPerson(personId))?.name ?? null)
  const policy = checkInPolicy(ctx)
  return {
    locationId: location.id, timezone: tz, date, from: from.toISOString(), to: to.toISOString(), now: new Date(policy.now).toISOString(),
    truncated: page.total > page.items.length,
    items: page.items.map((b) => {
      const r = byId.get(b.resourceId)
      return { ...toWireBooking(b, policy), personName: names.get(b.personId) ?? null, resourceName: r?.name ?? 'Resource', resourceKind: r?.kind ?? 'meeting_room' }
    }),
  }
}
