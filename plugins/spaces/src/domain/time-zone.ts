/**
 * IANA timezone check with `Intl` (the same tz database Node formats dates with); PostgreSQL's own `AT TIME ZONE`
 * does the conversions at booking time.
 */

/** True when `tz` is a timezone `Intl` knows (e.g. `Europe/London`). Offsets like `+01:00` are refused. */
export function isValidTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz })
    return true
  } catch {
    return false
  }
}
