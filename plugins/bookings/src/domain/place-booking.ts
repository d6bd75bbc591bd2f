/**
 * Placing one booking: rules first (422), then the seat allocation and the insert, where the database has the last
 * word on overlaps (409), then the no-show check is enqueued. Used by single and recurring bookings alike.
 */
import type { PluginContext } from '@tessera/sdk'
import type { PeerResource, PeerPerson } from './peer-services.ts'
import { seatsOf } from './peer-services.ts'
import { assertRules } from './booking-rules.ts'
import { insertBooking } from '../store/booking-store.ts'
import { scheduleNoShowCheck } from './no-show.ts'

/** What to place. */
export interface Placement {
  resource: PeerResource
  person: PeerPerson
  start: Date
  end: Date
  title?: string | null
  seriesId?: string
  staff: boolean
}

/** Places the booking; returns its id. */
export async function placeBooking(ctx: PluginContext, p: Placement): Promise<string> {
  await assertRules(ctx.db, p.resource, p.start.getTime(), p.end.getTime(), p.staff)
  const actor = ctx.actor()
  const id = await insertBooking(ctx.db, {
    resourceId: p.resource.id, locationId: p.resource.locationId, personId: p.person.id, seats: seatsOf(p.resource),
    start: p.start, end: p.end, title: p.title, seriesId: p.seriesId, createdBy: `${actor.type}:${actor.id}`,
  })
  await scheduleNoShowCheck(ctx, id, p.start)
  return id
}
