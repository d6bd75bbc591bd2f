/**
 * Local wall-clock times of a timezone and the instants they name, with PostgreSQL's tz database (`AT TIME ZONE`).
 * A wall time that occurs twice (the hour repeated when clocks go back) names its first occurrence, and one that does
 * not occur (the hour skipped when clocks go forward) is read with the UTC offset in force before the gap, i.e. shifted
 * forward by the gap — both as RFC 5545 §3.3.5 prescribes for DATE-TIME values with a TZID. (PostgreSQL alone picks the
 * second occurrence of a repeated time.)
 */
import type { Db } from '@tessera/sdk'

/** The wall time of `at` in `timezone`, as `YYYY-MM-DDTHH:MM:SS`. */
export async function wallTimeOf(db: Db, at: Date, timezone: string): Promise<string> {
  const row = await db.one<{ wall: string }>(`SELECT to_char($1::timestamptz AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24:MI:SS') AS wall`, [at, timezone])
  return row!.wall
}

// For each wall time w: the offsets in force a day before and a day after PostgreSQL's reading of it give two
// candidate instants; those that read back as w are real, the earliest of them wins; none (a gap) → the earlier offset.
const INSTANTS_SQL = `
  SELECT coalesce((SELECT min(c) FROM unnest(ARRAY[early, late]) AS c WHERE (c AT TIME ZONE $2) = wall), early) AS at
    FROM (
      SELECT n, wall,
             (wall - ((pick - interval '1 day') AT TIME ZONE $2 - (pick - interval '1 day') AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC' AS early,
             (wall - ((pick + interval '1 day') AT TIME ZONE $2 - (pick + interval '1 day') AT TIME ZONE 'UTC')) AT TIME ZONE 'UTC' AS late
        FROM (SELECT n, w::timestamp AS wall, (w::timestamp AT TIME ZONE $2) AS pick FROM unnest($1::text[]) WITH ORDINALITY AS u(w, n)) AS p
    ) AS x
   ORDER BY n`

/** The instants named by local wall times (`YYYY-MM-DD HH:MM:SS`) in `timezone`, in order (RFC 5545 §3.3.5). */
export async function instantsOf(db: Db, walls: string[], timezone: string): Promise<Date[]> {
  if (!walls.length) return []
  const rows = await db.many<{ at: Date }>(INSTANTS_SQL, [walls, timezone])
  return rows.map((r) => r.at)
}
