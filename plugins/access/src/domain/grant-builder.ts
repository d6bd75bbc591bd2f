/**
 * Computes the access grants of one site agent from the tenant's data: its doors, the access groups that contain
 * them (with weekly windows expanded in each door's location timezone up to the configured horizon), the people
 * and organisations in those groups, and the active credentials whose hash was computed for this agent. Only
 * people whose status is `active` (read through `members.directory`) get grants, so a suspension or a departure
 * drops every grant of the person from the next set. Bookings add grants too: the booked room's doors (and, if so
 * configured, the location's entrances) for the booked time, widened by the configured lead and grace minutes.
 * Membership state heard from billing (`membership-state.ts`) narrows grants in time: a group member of kind `plan`
 * gives the group's doors only while the person (or their organisation) holds an active membership of that plan,
 * and with `requireActiveMembership` (once the tenant has billing data) every grant — groups and bookings — is
 * limited to the times the person holds any active membership. A membership's end date therefore travels as the
 * grants' `validUntil`, so the site stops admitting at the end even while its link is down.
 */
import type { AccessGrant } from '@tessera/driver-sdk'
import type { AccessConfig, AccessContext } from './access-config.ts'
import { membersDirectory } from '@tessera/plugin-members/contract'
import type { Person } from '@tessera/plugin-members/contract'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import { expandSchedule } from './weekly-windows.ts'
import type { Interval, WeeklySchedule } from './weekly-windows.ts'
import { intersect, loadMemberships } from './membership-state.ts'

type DoorRow = { id: string; device_id: string; location_id: string; resource_id: string | null }
type GroupDoorRow = { group_id: string; door_id: string; schedule: WeeklySchedule | null }
type MemberRow = { group_id: string; subject_kind: 'person' | 'organisation' | 'plan'; subject_id: string }
type CredentialRow = { person_id: string; type: 'pin' | 'card'; hash: string }
type BookingRow = { person_id: string; resource_id: string; location_id: string; from_ms: string; to_ms: string }

/** A group's reach on this agent within one location: device ids and when. */
interface Segment { groupId: string; deviceIds: string[]; intervals: Interval[] }

/** The grants for `agentId` at `now`, sorted so equal inputs give equal sets. */
export async function buildGrants(ctx: AccessContext, agentId: string, now: number, cfg: AccessConfig): Promise<AccessGrant[]> {
  const doors = await ctx.db.many<DoorRow>('SELECT id, device_id, location_id, resource_id FROM access.doors WHERE agent_id = $1', [agentId])
  if (doors.length === 0) return []
  const doorById = new Map(doors.map((d) => [d.id, d]))
  const groupDoors = await ctx.db.many<GroupDoorRow>(
    `SELECT gd.group_id, gd.door_id, g.schedule FROM access.group_doors gd JOIN access.groups g ON g.id = gd.group_id
      WHERE gd.door_id = ANY($1::uuid[])`, [doors.map((d) => d.id)])
  const end = now + cfg.grantHorizonDays * 86_400_000
  const start = now - 60_000
  const bookings = await ctx.db.many<BookingRow>(
    `SELECT person_id, resource_id, location_id,
            (extract(epoch FROM starts_at - make_interval(mins => $1::int)) * 1000)::bigint AS from_ms,
            (extract(epoch FROM ends_at + make_interval(mins => $2::int)) * 1000)::bigint AS to_ms
       FROM access.booking_windows
      WHERE active AND ends_at + make_interval(mins => $2::int) > $3 AND starts_at - make_interval(mins => $1::int) < $4`,
    [cfg.bookingLeadMinutes, cfg.bookingGraceMinutes, new Date(start), new Date(end)])
  if (groupDoors.length === 0 && bookings.length === 0) return []

  const timezones = new Map<string, string>()
  const tzOf = async (locationId: string) => {
    if (!timezones.has(locationId)) timezones.set(locationId, (await ctx.services.get(spacesCatalog).getLocation(locationId))?.timezone ?? 'UTC')
    return timezones.get(locationId)!
  }
  const segments = new Map<string, Segment>()
  for (const gd of groupDoors) {
    const door = doorById.get(gd.door_id)!
    const key = `${gd.group_id}|${door.location_id}`
    let seg = segments.get(key)
    if (!seg) {
      const intervals = gd.schedule ? expandSchedule(gd.schedule, await tzOf(door.location_id), start, end) : [{ from: start, to: end }]
      segments.set(key, (seg = { groupId: gd.group_id, deviceIds: [], intervals }))
    }
    seg.deviceIds.push(door.device_id)
  }

  const groupIds = [...new Set(groupDoors.map((g) => g.group_id))]
  const members = await ctx.db.many<MemberRow>(
    'SELECT group_id, subject_kind, subject_id FROM access.group_members WHERE group_id = ANY($1::uuid[])', [groupIds])
  const groupsOf = new Map<string, Set<string>>()
  const plansOfGroup = new Map<string, Set<string>>()
  for (const m of members) {
    if (m.subject_kind === 'plan') {
      if (!plansOfGroup.has(m.group_id)) plansOfGroup.set(m.group_id, new Set())
      plansOfGroup.get(m.group_id)!.add(m.subject_id)
      continue
    }
    const key = `${m.subject_kind}:${m.subject_id}`
    if (!groupsOf.has(key)) groupsOf.set(key, new Set())
    groupsOf.get(key)!.add(m.group_id)
  }
  const memberships = await loadMemberships(ctx)
  const requireMembership = cfg.requireActiveMembership && memberships.hasData

  const credentials = await ctx.db.many<CredentialRow>(
    `SELECT c.person_id, h.type, h.hash FROM access.credential_hashes h JOIN access.credentials c ON c.id = h.credential_id
      WHERE h.agent_id = $1 AND h.active AND c.revoked_at IS NULL`, [agentId])
  const people = new Map<string, Person | undefined>()
  const bookingsOf = new Map<string, BookingRow[]>()
  for (const b of bookings) bookingsOf.set(b.person_id, [...(bookingsOf.get(b.person_id) ?? []), b])
  const grants: AccessGrant[] = []
  for (const cred of credentials) {
    if (!people.has(cred.person_id)) people.set(cred.person_id, await ctx.services.get(membersDirectory).getPerson(cred.person_id))
    const person = people.get(cred.person_id)
    if (!person || person.status !== 'active') continue
    // when the person holds any active membership (only computed when the flag is on and billing data exists)
    const covered: Interval[] | null = requireMembership ? intersect(memberships.intervals(person), [{ from: start, to: end }]) : null
    if (covered && covered.length === 0) continue
    for (const b of bookingsOf.get(person.id) ?? []) {
      const deviceIds = doors
        .filter((d) => d.resource_id === b.resource_id || (cfg.bookingOpensEntrances && d.resource_id === null && d.location_id === b.location_id))
        .map((d) => d.device_id).sort()
      const from = Math.max(start, Number(b.from_ms))
      const to = Math.min(end, Number(b.to_ms))
      if (deviceIds.length === 0 || to <= from) continue
      for (const iv of covered ? intersect([{ from, to }], covered) : [{ from, to }]) {
        grants.push({
          credentialType: cred.type, credentialHash: cred.hash, doorIds: deviceIds,
          validFrom: new Date(iv.from).toISOString(), validUntil: new Date(iv.to).toISOString(), personId: person.id,
        })
      }
    }
    const groups = new Set([
      ...(groupsOf.get(`person:${person.id}`) ?? []),
      ...(person.organisationId ? groupsOf.get(`organisation:${person.organisationId}`) ?? [] : []),
    ])
    for (const seg of segments.values()) {
      let intervals = seg.intervals
      if (!groups.has(seg.groupId)) {
        // not a member directly or through the organisation: maybe through a plan the person holds
        const plans = plansOfGroup.get(seg.groupId)
        if (!plans) continue
        intervals = intersect(intervals, memberships.intervals(person, plans))
      }
      if (covered) intervals = intersect(intervals, covered)
      for (const iv of intervals) {
        grants.push({
          credentialType: cred.type, credentialHash: cred.hash, doorIds: [...seg.deviceIds].sort(),
          validFrom: new Date(iv.from).toISOString(), validUntil: new Date(iv.to).toISOString(), personId: person.id,
        })
      }
    }
  }
  const key = (g: AccessGrant) => `${g.personId}|${g.credentialType}|${g.credentialHash}|${g.validFrom}|${g.doorIds.join(',')}`
  return grants.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
}
