/**
 * The ajv `format`s every Tessera ajv instance knows (the kernel registers them for route validation and for plugin
 * config validation, after `ajv-formats`, so they replace its `date-time` and `date`):
 *
 * - `iana-timezone`: an IANA zone name the runtime's `Intl` knows (`Europe/London`, `UTC`, `Etc/GMT+5`, links such as
 *   `US/Eastern`); offsets (`+01:00`), wrongly cased names and unknown zones (`Mars/Olympus`) are refused.
 * - `date-time`: RFC 3339 with an offset, bounded: years 1900–2999, seconds 00–59 (no leap second `23:59:60`, which
 *   JavaScript `Date` cannot represent), at most microsecond precision — every accepted value is a valid JS `Date`
 *   and a PostgreSQL `timestamptz`, and stays one after any duration a plugin adds within a few centuries.
 * - `date`: `YYYY-MM-DD`, a real calendar day, years 1900–2999.
 */

/** An ajv format definition (the subset Tessera uses). @public */
export interface StringFormat {
  type: 'string'
  validate: (value: string) => boolean
}

/** Earliest and latest year a Tessera `date` / `date-time` accepts. @public */
export const YEAR_RANGE = { min: 1900, max: 2999 } as const

const ZONE_NAME = /^(?:UTC|[A-Z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+){0,2})$/
let zones: Set<string> | undefined

/** Whether `name` is an IANA timezone the runtime knows. @public */
export function isIanaTimezone(name: string): boolean {
  if (typeof name !== 'string' || name.length > 64 || !ZONE_NAME.test(name)) return false
  zones ??= new Set(Intl.supportedValuesOf('timeZone'))
  if (zones.has(name)) return true
  try {
    // links and aliases (`UTC`, `Etc/UTC`, `US/Eastern`) are not listed but resolve
    new Intl.DateTimeFormat('en', { timeZone: name })
    return true
  } catch {
    return false
  }
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ]([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(?:\.\d{1,6})?(?:[Zz]|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/

function isCalendarDay(y: number, m: number, d: number): boolean {
  if (y < YEAR_RANGE.min || y > YEAR_RANGE.max || m < 1 || m > 12 || d < 1) return false
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
  return d <= days[m - 1]!
}

/** Whether `value` is a bounded RFC 3339 date (see the module comment). @public */
export function isBoundedDate(value: string): boolean {
  const m = DATE.exec(value)
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3]))
}

/** Whether `value` is a bounded RFC 3339 date-time (see the module comment). @public */
export function isBoundedDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value)
  return !!m && isCalendarDay(Number(m[1]), Number(m[2]), Number(m[3])) && Number.isFinite(Date.parse(value))
}

/** The formats to register on an ajv instance: `for (const [n, f] of Object.entries(jsonFormats)) ajv.addFormat(n, f)`. @public */
export const jsonFormats: Readonly<Record<'iana-timezone' | 'date-time' | 'date', StringFormat>> = {
  'iana-timezone': { type: 'string', validate: isIanaTimezone },
  'date-time': { type: 'string', validate: isBoundedDateTime },
  date: { type: 'string', validate: isBoundedDate },
}
