/**
 * Whether a member may open a door now: they must be linked to an `active` person, and be in an access group that
 * contains the door — directly or through their organisation — whose weekly windows (in the door's location
 * timezone) include the current time, or hold a booking of the door's room (or, for an entrance, of a room at its
 * location) that covers now, lead and grace included. The same rule the grant sets encode for keypads, applied to
 * remote unlocks — including access groups by membership plan (the person or their organisation holds an active
 * membership of the plan now) and `requireActiveMembership` (no doors without an active membership, once billing
 * data exists for the tenant).
 */
import { problem } from '@tessera/sdk'
import type { AccessContext } from './access-config.ts'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { Person } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { scheduleAllows } from './weekly-windows.ts'
import type { WeeklySchedule } from './weekly-windows.ts'
import { loadMemberships } from './membership-state.ts'

/** The person linked to the caller's login; 403 when there is none. */
export async function selfPerson(ctx: AccessContext): Promise<Person> {
  const actor = ctx.actor()
  const person = actor.type === 'user' ? await ctx.services.get(membersDirectory).personByUserId(actor.id) : undefined
  if (!person) throw problem.forbidden('Your login is not linked to a member record here.')
  return person
}

/** The ids of the doors `person` may open at `at` (epoch ms), among `doorIds` (default all). */
export async function openableDoors(ctx: AccessContext, person: Person, at: number, doorIds?: string[]): Promise<Set<string>> {
  const out = new Set<string>()
  if (person.status !== 'active') return out
  const cfg = ctx.config()
  const memberships = await loadMemberships(ctx)
  if (cfg.requireActiveMembership && memberships.hasData && !memberships.activeAt(person, at)) return out
  const rows = await ctx.db.many<{ door_id: string; schedule: WeeklySchedule | null; location_id: string }>(
    `SELECT DISTINCT gd.door_id, g.schedule, d.location_id
       FROM access.group_members m
       JOIN access.groups g ON g.id = m.group_id
       JOIN access.group_doors gd ON gd.group_id = g.id
       JOIN access.doors d ON d.id = gd.door_id
      WHERE ((m.subject_kind = 'person' AND m.subject_id = $1) OR (m.subject_kind = 'organisation' AND m.subject_id = $2)
             OR (m.subject_kind = 'plan' AND m.subject_id = ANY($4::uuid[])))
        AND ($3::uuid[] IS NULL OR gd.door_id = ANY($3::uuid[]))`,
    [person.id, person.organisationId, doorIds ?? null, memberships.plansAt(person, at)])
  const booked = await ctx.db.many<{ id: string }>(
    `SELECT DISTINCT d.id FROM access.doors d JOIN access.booking_windows b
        ON b.active AND b.person_id = $1
       AND (d.resource_id = b.resource_id OR ($5::boolean AND d.resource_id IS NULL AND d.location_id = b.location_id))
     WHERE $2::timestamptz >= b.starts_at - make_interval(mins => $3::int) AND $2::timestamptz < b.ends_at + make_interval(mins => $4::int)
       AND ($6::uuid[] IS NULL OR d.id = ANY($6::uuid[]))`,
    [person.id, new Date(at), cfg.bookingLeadMinutes, cfg.bookingGraceMinutes, cfg.bookingOpensEntrances, doorIds ?? null])
  for (const b of booked) out.add(b.id)
  const tz = new Map<string, string>()
  for (const r of rows) {
    if (out.has(r.door_id)) continue
    if (!r.schedule) { out.add(r.door_id); continue }
    if (!tz.has(r.location_id)) tz.set(r.location_id, (await ctx.services.get(spacesCatalog).getLocation(r.location_id))?.timezone ?? 'UTC')
    if (scheduleAllows(r.schedule, tz.get(r.location_id)!, at)) out.add(r.door_id)
  }
  return out
}
