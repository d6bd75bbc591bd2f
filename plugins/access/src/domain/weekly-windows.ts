/**
 * Weekly access windows in a location's timezone → concrete UTC intervals. A schedule is
 * `{ mon: [{ from: '08:00', to: '18:00' }], ... }` in local wall-clock time (`24:00` allowed as an end, a missing
 * day is closed), so 08:00 stays 08:00 across DST changes. Conversion uses `Intl.DateTimeFormat` offsets (no date
 * library): a local time is turned into an instant by subtracting the zone offset, checked a second time at the
 * result so the days of a DST change come out right.
 */

/** One local interval. */
export interface LocalInterval { from: string; to: string }
/** A weekly schedule. */
export type WeeklySchedule = Partial<Record<Weekday, LocalInterval[]>>
/** Weekday keys, Sunday first (as `Date.getUTCDay`). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** A UTC interval in epoch ms, `from` inclusive and `to` exclusive. */
export interface Interval { from: number; to: number }

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(tz: string): Intl.DateTimeFormat {
  let f = formatters.get(tz)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    formatters.set(tz, f)
  }
  return f
}

function localParts(tz: string, instant: number): { y: number; m: number; d: number; h: number; mi: number; s: number } {
  const parts = formatter(tz).formatToParts(new Date(instant))
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') }
}

function offsetMs(tz: string, instant: number): number {
  const p = localParts(tz, instant)
  return Date.UTC(p.y, p.m - 1, p.d, p.h, p.mi, p.s) - Math.floor(instant / 1000) * 1000
}

/** The instant of a local wall-clock time in `tz` (`h` may be 24). */
export function zonedToUtc(tz: string, y: number, m: number, d: number, h: number, mi: number): number {
  const wall = Date.UTC(y, m - 1, d, h, mi)
  const first = wall - offsetMs(tz, wall)
  return wall - offsetMs(tz, first)
}

const hm = (s: string): [number, number] => s.split(':').map(Number) as [number, number]

/** Problems in a schedule (intervals out of order or overlapping), as messages keyed by JSON pointer. */
export function scheduleProblems(schedule: WeeklySchedule, base = '/body/schedule'): { pointer: string; detail: string }[] {
  const out: { pointer: string; detail: string }[] = []
  for (const [day, list] of Object.entries(schedule)) {
    let lastEnd = -1
    for (const [i, iv] of (list ?? []).entries()) {
      const [fh, fm] = hm(iv.from)
      const [th, tm] = hm(iv.to)
      const from = fh * 60 + fm
      const to = th * 60 + tm
      if (to <= from) out.push({ pointer: `${base}/${day}/${i}`, detail: 'must end after it starts' })
      else if (from < lastEnd) out.push({ pointer: `${base}/${day}/${i}`, detail: 'overlaps the previous interval' })
      lastEnd = Math.max(lastEnd, to)
    }
  }
  return out
}

/**
 * The UTC intervals of a weekly schedule between `start` and `end` (epoch ms), in `tz`. Adjacent intervals (e.g.
 * `20:00–24:00` and the next day's `00:00–06:00`) are merged.
 */
export function expandSchedule(schedule: WeeklySchedule, tz: string, start: number, end: number): Interval[] {
  const today = localParts(tz, start)
  const out: Interval[] = []
  for (let i = -1; ; i++) {
    const day = new Date(Date.UTC(today.y, today.m - 1, today.d + i))
    const y = day.getUTCFullYear()
    const m = day.getUTCMonth() + 1
    const d = day.getUTCDate()
    if (zonedToUtc(tz, y, m, d, 0, 0) >= end) break
    for (const iv of schedule[WEEKDAYS[day.getUTCDay()]] ?? []) {
      const [fh, fm] = hm(iv.from)
      const [th, tm] = hm(iv.to)
      const from = zonedToUtc(tz, y, m, d, fh, fm)
      const to = zonedToUtc(tz, y, m, d, th, tm)
      if (to <= start || from >= end || to <= from) continue
      const last = out[out.length - 1]
      if (last && last.to >= from) last.to = Math.max(last.to, to)
      else out.push({ from, to })
    }
  }
  return out
}

/** Whether `at` falls inside the schedule. */
export function scheduleAllows(schedule: WeeklySchedule, tz: string, at: number): boolean {
  return expandSchedule(schedule, tz, at - 2 * 86_400_000, at + 2 * 86_400_000).some((iv) => iv.from <= at && at < iv.to)
}
