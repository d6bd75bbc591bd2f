/**
 * Recurring bookings: a checked RRULE (`recurrence-rule.ts`) is expanded in the location's local wall-clock time —
 * "every Tuesday at 10:00" stays 10:00 local across DST. `rrule` runs on "floating" dates (local wall times written as
 * UTC) and `local-time.ts` turns each wall time back into an instant (a repeated local time names its first
 * occurrence, a skipped one moves forward by the gap: RFC 5545 §3.3.5).
 *
 * RFC 5545 semantics kept here: `startsAt` (DTSTART) is always the first occurrence and counts towards COUNT, even
 * when the rule itself would not produce it; UNTIL is an instant in UTC and is compared with each occurrence's
 * instant, not with its wall time. A rule must end (COUNT or UNTIL), and the series is all or nothing: a rule that
 * makes more than `maxOccurrences` occurrences, or reaches beyond the resource's horizon, is a 422 saying how many it
 * would make and what the limit is — never silently cut short.
 */
import rrule from 'rrule'
import { problem, ProblemError } from '@tessera/sdk'
import type { Db } from '@tessera/sdk'
import type { ParsedRule } from './recurrence-rule.ts'
import { ruleError } from './recurrence-rule.ts'
import { wallTimeOf, instantsOf } from './local-time.ts'

const { RRule } = rrule

/** Most occurrences an UNTIL rule is expanded to when counting how many it would make. */
const SCAN_CAP = 10_000
const DAY = 86_400_000

/** The limits of one series. */
export interface SeriesLimits {
  maxOccurrences: number
  maxDaysAhead: number
  now?: number
}

const wallText = (d: Date) => d.toISOString().slice(0, 19).replace('T', ' ')

function tooMany(made: number, capped: boolean, max: number): ProblemError {
  const count = capped ? `more than ${SCAN_CAP}` : String(made)
  return new ProblemError(422, 'Unprocessable Content', {
    detail: `The rule makes ${count} occurrences; a series may have at most ${max}. Lower COUNT or bring UNTIL forward.`,
    errors: [{ pointer: '/body/rrule', detail: `makes ${count} occurrences, at most ${max} allowed` }],
    extra: { occurrences: capped ? SCAN_CAP + 1 : made, exact: !capped, limit: max },
  })
}

/**
 * Wall times produced by `options` from `dtstart` (floating) up to `end` (floating), at most `cap` of them. The dates
 * are moved by whole 400-year Gregorian cycles (same weekdays, same leap years) so that `end` falls just before the
 * library's last year: a rule that matches rarely or never then stops within 400 years instead of running to 9999.
 */
function floatingOccurrences(options: ParsedRule['options'], dtstart: Date, end: Date, cap: number): Date[] {
  const shiftYears = 400 * Math.max(0, Math.floor((9999 - end.getUTCFullYear() - 1) / 400))
  const shift = (d: Date, years: number) => { const c = new Date(d); c.setUTCFullYear(c.getUTCFullYear() + years); return c }
  const shiftedEnd = shift(end, shiftYears)
  const rule = new RRule({ ...options, dtstart: shift(dtstart, shiftYears) })
  return rule.all((d, i) => d.getTime() <= shiftedEnd.getTime() && i < cap).map((d) => shift(d, -shiftYears))
}

/** The instants of each occurrence's start: first `start`, then the rule's, in order; 422 beyond the limits. */
export async function expandOccurrences(db: Db, rule: ParsedRule, start: Date, timezone: string, limits: SeriesLimits): Promise<Date[]> {
  const max = limits.maxOccurrences
  const horizon = (limits.now ?? Date.now()) + limits.maxDaysAhead * DAY
  if (rule.count === undefined && rule.until === undefined) {
    throw problem.unprocessable(`The rule has no end: give COUNT or UNTIL (at most ${max} occurrences, up to ${limits.maxDaysAhead} days ahead).`,
      [{ pointer: '/body/rrule', detail: 'needs COUNT or UNTIL' }])
  }
  if (rule.count !== undefined && rule.count > max) throw tooMany(rule.count, false, max)
  if (rule.until && rule.until.getTime() < start.getTime()) throw ruleError('UNTIL', `${rule.until.toISOString()} is before startsAt`)

  const startWall = await wallTimeOf(db, start, timezone)
  const floatingStart = new Date(`${startWall}Z`)
  // Floating bound of the scan: UNTIL's wall time plus a day (the exact cut is made on instants below), or, for COUNT,
  // a day past the horizon's wall time (occurrences after it are refused anyway).
  const endInstant = rule.until ? rule.until.getTime() : horizon
  const end = new Date(Date.parse(`${await wallTimeOf(db, new Date(endInstant), timezone)}Z`) + DAY)
  const cap = rule.count ?? SCAN_CAP + 1
  const walls = floatingOccurrences(rule.options, floatingStart, end, cap).map(wallText).filter((w) => w !== wallText(floatingStart))
  const rest = await instantsOf(db, walls, timezone)
  let starts = [start, ...rest.filter((d) => d.getTime() > start.getTime())]
  if (rule.until) starts = starts.filter((d) => d.getTime() <= rule.until!.getTime())
  if (rule.count !== undefined) starts = starts.slice(0, rule.count)
  if (starts.length > max) throw tooMany(starts.length, starts.length > SCAN_CAP, max)

  const total = rule.count ?? starts.length
  const beyond = total - starts.filter((d) => d.getTime() <= horizon).length
  if (beyond > 0) {
    const h = new Date(horizon).toISOString()
    throw new ProblemError(422, 'Unprocessable Content', {
      detail: `${beyond} of the rule's ${total} occurrences are more than ${limits.maxDaysAhead} days ahead (after ${h}), beyond what this resource can be booked for.`,
      errors: [{ pointer: '/body/rrule', detail: `${beyond} occurrences after ${h}` }],
      extra: { occurrences: total, beyondHorizon: beyond, horizon: h, maxDaysAhead: limits.maxDaysAhead },
    })
  }
  return starts
}
