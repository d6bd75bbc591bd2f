/**
 * Recurring bookings: an RRULE (RFC 5545, parsed and expanded by the `rrule` library) is expanded in the location's
 * local wall-clock time — "every Tuesday at 10:00" stays 10:00 local across DST. `rrule` is run on "floating" dates
 * (local wall times written as UTC), and PostgreSQL's `AT TIME ZONE` turns each wall time back into an instant.
 * Expansion is bounded by a count and by the resource's booking horizon.
 */
import rrule from 'rrule'
import { problem } from '@tessera/sdk'
import type { Db } from '@tessera/sdk'

const { RRule } = rrule

/** Parses the rule text (`FREQ=WEEKLY;COUNT=6`, optional `RRULE:` prefix); 400 when it is not a usable rule. */
export function parseRule(text: string): ReturnType<typeof RRule.parseString> {
  const body = text.trim().replace(/^RRULE:/i, '')
  if (/DTSTART|TZID|\n/i.test(body)) throw problem.badRequest('Give the rule without DTSTART or TZID; the first occurrence is startsAt.', [{ pointer: '/body/rrule', detail: 'must not contain DTSTART/TZID' }])
  try {
    const options = RRule.parseString(body)
    if (options.freq === undefined || options.freq === null) throw new Error('FREQ is required')
    if (options.freq > RRule.DAILY) throw new Error('the shortest repetition is DAILY')
    return options
  } catch (err) {
    throw problem.badRequest(`The recurrence rule is invalid: ${(err as Error).message}`, [{ pointer: '/body/rrule', detail: 'is not a valid RRULE' }])
  }
}

/** The instants of each occurrence's start, first = `start`, at most `max`, none after `horizon` (ms). */
export async function expandOccurrences(db: Db, ruleText: string, start: Date, timezone: string, max: number, horizon: number): Promise<Date[]> {
  const options = parseRule(ruleText)
  const local = await db.one<{ wall: string }>(`SELECT to_char($1::timestamptz AT TIME ZONE $2, 'YYYY-MM-DD"T"HH24:MI:SS') AS wall`, [start, timezone])
  const floatingStart = new Date(`${local!.wall}Z`)
  const rule = new RRule({ ...options, dtstart: floatingStart })
  const walls = rule.all((_d, i) => i < max).map((d) => d.toISOString().slice(0, 19).replace('T', ' '))
  if (!walls.length) return []
  const rows = await db.many<{ at: Date }>(
    `SELECT (w::timestamp AT TIME ZONE $2) AS at FROM unnest($1::text[]) WITH ORDINALITY AS u(w, n) ORDER BY n`,
    [walls, timezone],
  )
  return rows.map((r) => r.at).filter((d) => d.getTime() <= horizon)
}
