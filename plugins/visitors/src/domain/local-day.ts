/**
 * Local days in an IANA timezone, with `Intl` only: the local date of an instant (`2026-03-29`), and the instants a
 * local day starts and ends at (23 or 25 hours long on a DST change). The front desk's "today" and badge days.
 */

const formatters = new Map<string, Intl.DateTimeFormat>()
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
    formatters.set(timeZone, f)
  }
  return f
}

function parts(instant: Date, timeZone: string): Record<string, number> {
  return Object.fromEntries(formatter(timeZone).formatToParts(instant).filter((x) => x.type !== 'literal').map((x) => [x.type, Number(x.value)]))
}

/** The local date `YYYY-MM-DD` of `instant` in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone)
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const p = parts(new Date(instant), timeZone)
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000
}

/** The instant local midnight starts `date` (`YYYY-MM-DD`) in `timeZone`. */
function startOf(date: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  const wall = Date.UTC(y, m - 1, d)
  let guess = wall - offsetAt(wall, timeZone)
  guess = wall - offsetAt(guess, timeZone) // again at the guess: right across a DST change
  return new Date(guess)
}

/** The local day `date` in `timeZone` as the half-open range `[start, end)` of instants. */
export function dayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number)
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
  return { start: startOf(date, timeZone), end: startOf(next, timeZone) }
}
