/**
 * Wall-clock arithmetic in a location's IANA timezone with `Intl` only (no date library): local date/time of an
 * instant, and the instant of a local date + time (DST-correct: the offset is taken at the result itself); the
 * calendar's 30-minute rows of a local date (wall times the DST change skips become empty rows) and Monday–Sunday weeks.
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

/** Monday (YYYY-MM-DD) of the Monday–Sunday week containing `date`. */
export function weekStart(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return addDays(date, -((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7))
}

/** The seven local dates, Monday to Sunday, of the week containing `date`. */
export function weekDates(date: string): string[] {
  const monday = weekStart(date)
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** "23–29 March 2026", "30 March – 5 April 2026" or "28 December 2026 – 3 January 2027" for the week of `date`. */
export function weekLabel(date: string): string {
  const dates = weekDates(date)
  const [y1, m1, d1] = dates[0].split('-').map(Number)
  const [y2, m2, d2] = dates[6].split('-').map(Number)
  if (y1 !== y2) return `${d1} ${MONTHS[m1 - 1]} ${y1} – ${d2} ${MONTHS[m2 - 1]} ${y2}`
  if (m1 !== m2) return `${d1} ${MONTHS[m1 - 1]} – ${d2} ${MONTHS[m2 - 1]} ${y2}`
  return `${d1}–${d2} ${MONTHS[m2 - 1]} ${y2}`
}

/** "Mon 23 Mar" for a local date (a week column's heading). */
export function shortDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)))
}

/** Whether wall time `time` happens on `date` in `timeZone` (not when the clocks skip it as DST starts). */
export function wallTimeExists(date: string, time: string, timeZone: string): boolean {
  const at = zonedInstant(date, time, timeZone)
  return localDate(at, timeZone) === date && localTime(at, timeZone) === time
}

/**
 * Start minutes of the `slot`-minute rows that cover all `intervals` (local "HH:MM" ranges, e.g. the union of a
 * week's opening hours): from the earliest opening, rounded down to a slot, to the latest closing.
 */
export function slotStarts(intervals: readonly { from: string; to: string }[], slot = 30): number[] {
  if (!intervals.length) return []
  const first = Math.floor(Math.min(...intervals.map((i) => minutesOf(i.from))) / slot) * slot
  const last = Math.max(...intervals.map((i) => minutesOf(i.to)))
  const out: number[] = []
  for (let m = first; m < last; m += slot) out.push(m)
  return out
}

/** Whether the slot starting `m` minutes after midnight lies wholly inside one of `intervals`. */
export function slotOpen(intervals: readonly { from: string; to: string }[], m: number, slot = 30): boolean {
  return intervals.some((i) => minutesOf(i.from) <= m && m + slot <= minutesOf(i.to))
}

export interface SlotRow {
  /** Local wall time "HH:MM" the row starts at. */
  time: string
  /** The row's instants (ms). A row whose wall time does not exist (skipped by DST) is empty: startsAt = endsAt. */
  startsAt: number
  endsAt: number
  exists: boolean
}

/**
 * The instant a local date's wall clock reaches `minutes` (1440 = next midnight); a wall time the DST change skips
 * maps to the moment of the change (the first existing slot boundary after it).
 */
export function boundaryAt(date: string, minutes: number, timeZone: string, slot = 30): number {
  let m = minutes
  while (m < 24 * 60 && !wallTimeExists(date, timeOf(m), timeZone)) m += slot
  return m >= 24 * 60 ? zonedInstant(addDays(date, 1), '00:00', timeZone).getTime() : zonedInstant(date, timeOf(m), timeZone).getTime()
}

/** The rows of local `date` starting at each of `starts` (minutes), `slot` minutes long, as instants in `timeZone`. */
export function slotRows(date: string, starts: readonly number[], timeZone: string, slot = 30): SlotRow[] {
  return starts.map((m) => {
    const time = timeOf(m)
    const exists = wallTimeExists(date, time, timeZone)
    const startsAt = boundaryAt(date, m, timeZone, slot)
    return { time, startsAt, endsAt: exists ? boundaryAt(date, m + slot, timeZone, slot) : startsAt, exists }
  })
}
