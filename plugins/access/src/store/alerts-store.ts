/**
 * SQL of the door alerts: the forced and held-open events of the last hours (optionally of one location's doors),
 * newest first, and how many of each there were.
 */
import type { Db } from '@tessera/sdk'

/** Alert events since `since`; `limit` of them, newest first, and the counts of all. */
export async function alertEvents(db: Db, since: Date, locationId: string | null, limit: number): Promise<{
  items: { id: string; doorId: string; doorName: string; kind: 'forced' | 'held-open'; occurredAt: string }[]
  forced: number
  heldOpen: number
}> {
  const where = `FROM access.events e JOIN access.doors d ON d.id = e.door_id
    WHERE e.category = 'lock' AND e.kind IN ('forced', 'held-open') AND e.occurred_at >= $1 AND ($2::uuid IS NULL OR d.location_id = $2)`
  const counts = await db.one<{ forced: number; held: number }>(
    `SELECT count(*) FILTER (WHERE e.kind = 'forced')::int AS forced, count(*) FILTER (WHERE e.kind = 'held-open')::int AS held ${where}`, [since, locationId])
  const rows = await db.many<{ id: string; door_id: string; name: string; kind: 'forced' | 'held-open'; occurred_at: Date }>(
    `SELECT e.id, e.door_id, d.name, e.kind, e.occurred_at ${where} ORDER BY e.occurred_at DESC, e.id LIMIT $3`, [since, locationId, limit])
  return {
    items: rows.map((r) => ({ id: r.id, doorId: r.door_id, doorName: r.name, kind: r.kind, occurredAt: r.occurred_at.toISOString() })),
    forced: counts?.forced ?? 0,
    heldOpen: counts?.held ?? 0,
  }
}
