/**
 * The bookings reports, each over a range of local dates (`from`..`to` inclusive, in each location's timezone) and
 * optionally one location:
 *
 * - **occupancy**: per resource and ISO week (Monday, local), the booked seat-hours (confirmed and checked-in bookings,
 *   clipped to the range; a booking counts in the week it starts) against the available seat-hours (seats — a hot-desk area's capacity, otherwise one — × the
 *   location's opening windows of that week in the range, closures skipped) — their ratio is the utilisation;
 * - **hours**: bookings (not cancelled) by the local hour of day they start, 0–23;
 * - **no-shows**: per week, bookings that have started (not cancelled) and how many of them were released as no-shows.
 */
import type { PluginContext } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import { dayWindows } from './opening-windows.ts'
import { seatsOf } from './seats.ts'

/** The filters every report takes. */
export interface ReportRange { from: string; to: string; locationId?: string }

/** One row of the occupancy report. */
export interface OccupancyRow { week: string; resourceId: string; resourceName: string; locationName: string; bookedHours: number; availableHours: number; utilisation: number | null }
/** One row of the hour-of-day report. */
export interface HourRow { hour: number; bookings: number }
/** One row of the no-show report. */
export interface NoShowRow { week: string; bookings: number; noShows: number; rate: number | null }

const round = (n: number, places = 2) => Math.round(n * 10 ** places) / 10 ** places

/** The Monday (`YYYY-MM-DD`) of the week of a local date. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
  return d.toISOString().slice(0, 10)
}

/** Every Monday from the week of `from` to the week of `to`. */
function weeksOf(from: string, to: string): string[] {
  const weeks: string[] = []
  for (let d = new Date(`${weekOf(from)}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 7)) weeks.push(d.toISOString().slice(0, 10))
  return weeks
}

function localDate(at: number, timezone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at)
}

async function resourcesOf(ctx: PluginContext, r: ReportRange): Promise<CatalogResource[]> {
  return ctx.services.get(spacesCatalog).listResources({ locationId: r.locationId, includeInactive: true })
}

/** The locations (id, timezone) of the resources, as the two arrays the SQL unnests. */
function locationArrays(resources: CatalogResource[]): [string[], string[]] {
  const byId = new Map(resources.map((x) => [x.location.id, x.location.timezone]))
  return [[...byId.keys()], [...byId.values()]]
}

const LOCAL_RANGE = `tstzrange(($3::date)::timestamp AT TIME ZONE l.tz, ($4::date + 1)::timestamp AT TIME ZONE l.tz)`

/** Occupancy and utilisation by resource and week. */
export async function occupancyReport(ctx: PluginContext, r: ReportRange): Promise<OccupancyRow[]> {
  const resources = await resourcesOf(ctx, r)
  if (!resources.length) return []
  const [ids, tzs] = locationArrays(resources)
  const booked = await ctx.db.many<{ resource_id: string; week: string; hours: number }>(
    // a booking across a local week's end (Sunday to Monday) counts in each week it touches for its hours there
    `WITH l(id, tz) AS (SELECT * FROM unnest($1::uuid[], $2::text[])),
          parts AS (SELECT b.resource_id, l.tz, b.during * ${LOCAL_RANGE} AS part
                      FROM bookings.bookings b JOIN l ON l.id = b.location_id
                     WHERE b.status IN ('confirmed', 'checked_in') AND b.during && ${LOCAL_RANGE}),
          weekly AS (SELECT p.resource_id, wk, p.part * tstzrange(wk AT TIME ZONE p.tz, (wk + interval '1 week') AT TIME ZONE p.tz) AS part
                       FROM parts p,
                            generate_series(date_trunc('week', lower(p.part) AT TIME ZONE p.tz), upper(p.part) AT TIME ZONE p.tz, interval '1 week') AS wk)
     SELECT resource_id, to_char(wk, 'YYYY-MM-DD') AS week, sum(extract(epoch FROM upper(part) - lower(part)))::float8 / 3600 AS hours
       FROM weekly WHERE NOT isempty(part) GROUP BY 1, 2`,
    [ids, tzs, r.from, r.to],
  )
  const bookedOf = new Map(booked.map((b) => [`${b.resource_id}/${b.week}`, b.hours]))
  const openByLocation = new Map<string, Map<string, number>>()
  for (const res of resources) {
    if (openByLocation.has(res.location.id)) continue
    const perWeek = new Map<string, number>()
    // by day, so that the hours of a location open across midnight (around the clock) go to each day's own week
    for (const w of await dayWindows(ctx.db, res.location, r.from, r.to)) {
      const week = weekOf(localDate(w.start, res.location.timezone))
      perWeek.set(week, (perWeek.get(week) ?? 0) + (w.end - w.start) / 3_600_000)
    }
    openByLocation.set(res.location.id, perWeek)
  }
  const weeks = weeksOf(r.from, r.to)
  return weeks.flatMap((week) => resources.map((res) => {
    const bookedHours = bookedOf.get(`${res.id}/${week}`) ?? 0
    const availableHours = (openByLocation.get(res.location.id)!.get(week) ?? 0) * seatsOf(res)
    return {
      week, resourceId: res.id, resourceName: res.name, locationName: res.location.name,
      bookedHours: round(bookedHours), availableHours: round(availableHours), utilisation: availableHours > 0 ? round(bookedHours / availableHours, 4) : null,
    }
  }))
}

/** Bookings by the local hour of day they start. */
export async function hoursReport(ctx: PluginContext, r: ReportRange): Promise<HourRow[]> {
  const resources = await resourcesOf(ctx, r)
  const counts = new Map<number, number>()
  if (resources.length) {
    const [ids, tzs] = locationArrays(resources)
    const rows = await ctx.db.many<{ hour: number; n: number }>(
      `WITH l(id, tz) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
       SELECT extract(hour FROM lower(b.during) AT TIME ZONE l.tz)::int AS hour, count(*)::int AS n
         FROM bookings.bookings b JOIN l ON l.id = b.location_id
        WHERE b.status <> 'cancelled' AND lower(b.during) <@ ${LOCAL_RANGE}
        GROUP BY 1`,
      [ids, tzs, r.from, r.to],
    )
    for (const row of rows) counts.set(row.hour, row.n)
  }
  return Array.from({ length: 24 }, (_, hour) => ({ hour, bookings: counts.get(hour) ?? 0 }))
}

/** Bookings that have started, and no-shows among them, by week (local). */
export async function noShowReport(ctx: PluginContext, r: ReportRange): Promise<NoShowRow[]> {
  const resources = await resourcesOf(ctx, r)
  const byWeek = new Map<string, { bookings: number; noShows: number }>()
  if (resources.length) {
    const [ids, tzs] = locationArrays(resources)
    const rows = await ctx.db.many<{ week: string; bookings: number; no_shows: number }>(
      `WITH l(id, tz) AS (SELECT * FROM unnest($1::uuid[], $2::text[]))
       SELECT to_char(date_trunc('week', lower(b.during) AT TIME ZONE l.tz), 'YYYY-MM-DD') AS week,
              count(*)::int AS bookings, count(*) FILTER (WHERE b.status = 'released')::int AS no_shows
         FROM bookings.bookings b JOIN l ON l.id = b.location_id
        WHERE b.status <> 'cancelled' AND lower(b.during) <@ ${LOCAL_RANGE} AND lower(b.during) <= now()
        GROUP BY 1`,
      [ids, tzs, r.from, r.to],
    )
    for (const row of rows) byWeek.set(row.week, { bookings: row.bookings, noShows: row.no_shows })
  }
  return weeksOf(r.from, r.to).map((week) => {
    const w = byWeek.get(week) ?? { bookings: 0, noShows: 0 }
    return { week, ...w, rate: w.bookings ? round(w.noShows / w.bookings, 4) : null }
  })
}
