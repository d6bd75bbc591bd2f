/**
 * SQL of access groups: the group (name, weekly windows), its doors and its members (people, organisations, plans).
 */
import type { Db } from '@tessera/sdk'
import type { Group, GroupMember } from '../contract/index.ts'
import type { WeeklySchedule } from '../domain/weekly-windows.ts'

type GroupRow = { id: string; name: string; schedule: Group['schedule']; created_at: Date; door_ids: string[]; members: GroupMember[] }

const SELECT = `SELECT g.id, g.name, g.schedule, g.created_at,
  coalesce((SELECT array_agg(gd.door_id ORDER BY gd.door_id) FROM access.group_doors gd WHERE gd.group_id = g.id), '{}') AS door_ids,
  coalesce((SELECT json_agg(json_build_object('kind', m.subject_kind, 'id', m.subject_id) ORDER BY m.subject_kind, m.subject_id)
    FROM access.group_members m WHERE m.group_id = g.id), '[]') AS members
  FROM access.groups g`

const toGroup = (r: GroupRow): Group => ({ id: r.id, name: r.name, schedule: r.schedule, doorIds: r.door_ids, members: r.members, createdAt: r.created_at.toISOString() })

/** Every group, by name. */
export async function listGroups(db: Db): Promise<Group[]> {
  return (await db.many<GroupRow>(`${SELECT} ORDER BY g.name, g.id`)).map(toGroup)
}

/** One group, or undefined. */
export async function getGroup(db: Db, id: string): Promise<Group | undefined> {
  const row = await db.one<GroupRow>(`${SELECT} WHERE g.id = $1`, [id])
  return row && toGroup(row)
}

/** Inserts a group; returns its id. */
export async function insertGroup(db: Db, name: string, schedule: WeeklySchedule | null): Promise<string> {
  return (await db.one<{ id: string }>('INSERT INTO access.groups (name, schedule) VALUES ($1, $2) RETURNING id', [name, schedule ? JSON.stringify(schedule) : null]))!.id
}

/** Renames a group. */
export async function renameGroup(db: Db, id: string, name: string): Promise<void> {
  await db.query('UPDATE access.groups SET name = $2 WHERE id = $1', [id, name])
}

/** Sets a group's weekly windows (`null`: always). */
export async function setGroupSchedule(db: Db, id: string, schedule: WeeklySchedule | null): Promise<void> {
  await db.query('UPDATE access.groups SET schedule = $2 WHERE id = $1', [id, schedule ? JSON.stringify(schedule) : null])
}

/** Deletes a group (its doors and members go with it). */
export async function deleteGroup(db: Db, id: string): Promise<void> {
  await db.query('DELETE FROM access.groups WHERE id = $1', [id])
}

/** The ids among `doorIds` that exist. */
export async function existingDoorIds(db: Db, doorIds: string[]): Promise<Set<string>> {
  return new Set((await db.many<{ id: string }>('SELECT id FROM access.doors WHERE id = ANY($1::uuid[])', [doorIds])).map((r) => r.id))
}

/** Replaces a group's doors. */
export async function replaceGroupDoors(db: Db, groupId: string, doorIds: string[]): Promise<void> {
  await db.query('DELETE FROM access.group_doors WHERE group_id = $1', [groupId])
  await db.query('INSERT INTO access.group_doors (group_id, door_id) SELECT $1, unnest($2::uuid[])', [groupId, doorIds])
}

/** Adds a member to a group (no-op when it is one already). */
export async function insertGroupMember(db: Db, groupId: string, m: GroupMember): Promise<void> {
  await db.query('INSERT INTO access.group_members (group_id, subject_kind, subject_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [groupId, m.kind, m.id])
}

/** Removes a member from a group. */
export async function deleteGroupMember(db: Db, groupId: string, m: GroupMember): Promise<void> {
  await db.query('DELETE FROM access.group_members WHERE group_id = $1 AND subject_kind = $2 AND subject_id = $3', [groupId, m.kind, m.id])
}

/** The agents of the given doors (for targeted pushes). */
export async function agentsOfDoors(db: Db, doorIds: string[]): Promise<string[]> {
  if (doorIds.length === 0) return []
  return (await db.many<{ agent_id: string }>('SELECT DISTINCT agent_id FROM access.doors WHERE id = ANY($1::uuid[])', [doorIds])).map((r) => r.agent_id)
}
