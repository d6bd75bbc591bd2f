/**
 * Bookings open doors: every `bookings.booking.*` event updates this plugin's copy of the booking (person, room,
 * location, time, whether it still holds), ignoring events older than the one already applied, and pushes new grant
 * sets to the agents with doors of that room (or entrances of that location) — a cancelled or released booking
 * stops opening doors within seconds.
 */
import type { EventHandler } from '@tessera/sdk'
import { syncAgents } from '../domain/grant-sync.ts'
import { accessConfig } from '../domain/access-config.ts'
import type { AccessConfig } from '../domain/access-config.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export const onBookingChanged: EventHandler = async (event, ctx) => {
  const p = event.payload as { id?: unknown; personId?: unknown; resourceId?: unknown; locationId?: unknown; startsAt?: unknown; endsAt?: unknown; status?: unknown }
  if (![p.id, p.personId, p.resourceId, p.locationId].every((v) => typeof v === 'string' && UUID.test(v))) return
  if (typeof p.startsAt !== 'string' || typeof p.endsAt !== 'string') return
  const holds = !event.name.endsWith('.cancelled') && !event.name.endsWith('.released') && (p.status === 'confirmed' || p.status === 'checked_in')
  const applied = await ctx.db.one(
    `INSERT INTO access.booking_windows (booking_id, person_id, resource_id, location_id, starts_at, ends_at, active, event_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (tenant_id, booking_id) DO UPDATE SET person_id = EXCLUDED.person_id, resource_id = EXCLUDED.resource_id,
       location_id = EXCLUDED.location_id, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at, active = EXCLUDED.active,
       event_at = EXCLUDED.event_at
     WHERE access.booking_windows.event_at <= EXCLUDED.event_at
     RETURNING booking_id`,
    [p.id, p.personId, p.resourceId, p.locationId, p.startsAt, p.endsAt, holds, event.publishedAt])
  if (!applied) return
  const cfg = accessConfig(ctx.config() as Partial<AccessConfig>)
  const agents = await ctx.db.many<{ agent_id: string }>(
    `SELECT DISTINCT agent_id FROM access.doors WHERE resource_id = $1 OR ($3::boolean AND resource_id IS NULL AND location_id = $2)`,
    [p.resourceId, p.locationId, cfg.bookingOpensEntrances])
  if (agents.length) await syncAgents(ctx, agents.map((a) => a.agent_id))
}
