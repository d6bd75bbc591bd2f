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

/**
 * Windows computed lately, by everything they are computed from: they are a pure function of the timezone, the
 * weekly hours, the closures and the dates (the tz database is the server's), so a location whose hours or closures
 * change gets a new key at once. Only an answer that has arrived is remembered: a computation still in flight is not
 * shared, because waiting on another transaction's statement can wait on that transaction's lock wait — its windows
 * statement travels with its seat lock, and PostgreSQL sends the answers of a pipeline only once it is done with it,
 * so a request holding the lock and waiting for those windows would wait for ever (found in CI, a hot-desk rush on a
 * day nobody had asked about). The bound keeps the memory small (least recently used go first); the age bounds how
 * long a tz database updated under a running PostgreSQL could go unseen. A booking's rule check for a location and
 * day seen lately thus needs no statement, and under contention all but the first wave skip a round trip.
 */
const recent = new Map<string, { at: number; windows: readonly Window[] }>()
const RECENT_MAX = 512
const RECENT_MAX_AGE_MS = 10 * 60_000

/**
 * Opening windows of `location` on the local dates `fromDate`..`toDate` (inclusive, `YYYY-MM-DD`), windows that touch
 * merged (a location open around the clock has one window for the whole range).
 */
export async function openingWindows(db: Db, location: OpeningSource, fromDate: string, toDate: string): Promise<Window[]> {
  return merged(await dayWindows(db, location, fromDate, toDate), true)
}

/**
 * The same windows unmerged across days: each lies within one local day (a day open until 24:00 ends at the next
 * local midnight), ordered by start; what a report that counts opening hours by day or week needs. Read-only (shared).
 */
export async function dayWindows(db: Db, location: OpeningSource, fromDate: string, toDate: string): Promise<readonly Window[]> {
  const hours = JSON.stringify(location.openingHours ?? {})
  const closures = JSON.stringify(location.closures ?? [])
  const key = `${location.timezone}\n${fromDate}\n${toDate}\n${hours}\n${closures}`
  const hit = recent.get(key)
  if (hit && Date.now() - hit.at < RECENT_MAX_AGE_MS) {
    recent.delete(key)
    recent.set(key, hit)
    return hit.windows
  }
  const rows = await db.many<{ starts: Date; ends: Date }>(WINDOWS_SQL, [location.timezone, fromDate, toDate, hours, closures])
  // a day's own windows that overlap are one; windows of consecutive days stay apart
  const windows = merged(rows.map((r) => ({ start: r.starts.getTime(), end: r.ends.getTime() })).filter((w) => w.end > w.start), false)
  recent.delete(key)
  recent.set(key, { at: Date.now(), windows })
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!)
  return windows
}

/** `windows` (ordered by start) with overlapping ones merged — and, with `touching`, those that only touch too. */
function merged(windows: readonly Window[], touching: boolean): Window[] {
  const out: Window[] = []
  for (const w of windows) {
    const last = out[out.length - 1]
    if (last && (w.start < last.end || (touching && w.start === last.end))) last.end = Math.max(last.end, w.end)
    else out.push({ start: w.start, end: w.end })
  }
  return out
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
