/**
 * Opening windows of a location as absolute instants. Opening hours are local wall times per weekday; PostgreSQL's
 * `AT TIME ZONE` turns each local date + time into an instant with the tz database, so 08:00 stays 08:00 local on
 * both sides of a DST change (and a local day is 23 or 25 hours long there). Closed dates are skipped, and windows
 * that touch (e.g. 00:00–24:00 on consecutive days) are merged. The availability finder and booking creation both use
 * this one function, which is why they agree.
 */
import type { Db } from '@tessera/sdk'
import type { Location } from '@tessera/plugin-spaces/contract'

/** What of a location its opening windows depend on. */
export type OpeningSource = Pick<Location, 'timezone' | 'openingHours' | 'closures'>

/** A half-open interval of instants, in ms since the epoch. */
export interface Window { start: number; end: number }

const WINDOWS_SQL = `
  SELECT (d::date + (w->>'from')::time) AT TIME ZONE $1 AS starts,
         (d::date + CASE WHEN w->>'to' = '24:00' THEN interval '1 day' ELSE (w->>'to')::time - time '00:00' END) AT TIME ZONE $1 AS ends
    FROM generate_series($2::date, $3::date, interval '1 day') AS d,
         jsonb_array_elements(coalesce($4::jsonb -> (ARRAY['mon','tue','wed','thu','fri','sat','sun'])[extract(isodow FROM d)::int], '[]'::jsonb)) AS w
   WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements($5::jsonb) c WHERE d::date BETWEEN (c->>'from')::date AND (c->>'to')::date)
   ORDER BY 1`

/** Opening windows of `location` on the local dates `fromDate`..`toDate` (inclusive, `YYYY-MM-DD`). */
export async function openingWindows(db: Db, location: OpeningSource, fromDate: string, toDate: string): Promise<Window[]> {
  const rows = await db.many<{ starts: Date; ends: Date }>(WINDOWS_SQL, [
    location.timezone, fromDate, toDate, JSON.stringify(location.openingHours ?? {}), JSON.stringify(location.closures ?? []),
  ])
  const merged: Window[] = []
  for (const r of rows) {
    const w = { start: r.starts.getTime(), end: r.ends.getTime() }
    if (w.end <= w.start) continue
    const last = merged[merged.length - 1]
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end)
    else merged.push(w)
  }
  return merged
}

/** Opening windows around an interval of instants (local dates one day either side cover every UTC offset). */
export function windowsAround(db: Db, location: OpeningSource, start: number, end: number): Promise<Window[]> {
  const day = 86_400_000
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10)
  return openingWindows(db, location, iso(start - day), iso(end + day))
}

/** True when `[start, end)` lies inside one window. */
export function insideOneWindow(windows: Window[], start: number, end: number): boolean {
  return windows.some((w) => w.start <= start && end <= w.end)
}
