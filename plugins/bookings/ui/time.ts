/**
 * Wall-clock arithmetic in a location's IANA timezone with `Intl` only (no date library): local date/time of an
 * instant, and the instant of a local date + time (DST-correct: the offset is taken at the result itself).
 */

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    })
    formatters.set(timeZone, f)
  }
  return f
}

function parts(timeZone: string, instant: number): Record<string, number> {
  const out: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(timeZone: string, instant: number): number {
  const p = parts(timeZone, instant)
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return asUtc - Math.floor(instant / 1000) * 1000
}

/** The instant of local `date` (YYYY-MM-DD) at `time` (HH:MM, `24:00` allowed) in `timeZone`. */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  const [hh, mm] = time.split(':').map(Number)
  const local = Date.UTC(y, m - 1, d, hh, mm)
  let t = local - offsetAt(timeZone, local)
  t = local - offsetAt(timeZone, t)
  return new Date(t)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Local YYYY-MM-DD of `instant` in `timeZone`. */
export function localDate(instant: Date | string | number, timeZone: string): string {
  const p = parts(timeZone, new Date(instant).getTime())
  return `${p.year}-${pad(p.month)}-${pad(p.day)}`
}

/** Local HH:MM of `instant` in `timeZone`. */
export function localTime(instant: Date | string | number, timeZone: string): string {
  const p = parts(timeZone, new Date(instant).getTime())
  return `${pad(p.hour)}:${pad(p.minute)}`
}

/** `date` plus `days` (calendar days). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

const KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const

/** Weekday key (`mon`…) of a local date. */
export function weekdayOf(date: string): (typeof KEYS)[number] {
  const [y, m, d] = date.split('-').map(Number)
  return KEYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]
}

/** "Tuesday 24 November 2026" for a local date. */
export function longDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)))
}

/** "Tue 24 Nov, 10:00–11:00" for a booking in the location's timezone. */
export function formatRange(startsAt: string, endsAt: string, timeZone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone }).format(new Date(startsAt))
  return `${day}, ${localTime(startsAt, timeZone)}–${localTime(endsAt, timeZone)}`
}

/** Minutes since local midnight of "HH:MM". */
export function minutesOf(time: string): number {
  const [h, m] = time.split(':').map(Number)
  return h * 60 + m
}

/** "HH:MM" of minutes since midnight. */
export function timeOf(minutes: number): string {
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`
}
