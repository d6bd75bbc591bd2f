/**
 * Strict parsing of a recurrence rule (the value of an RFC 5545 §3.3.10 RRULE) into options for the `rrule` library.
 * The library's own parser accepts almost anything (`COUNT=abc`, `BYHOUR=25`, `COUNT` with `UNTIL`) and crashes on
 * some (`BYDAY=XX`, `BYSETPOS=0`), so every part is checked here first and a bad one is a 400 naming the part.
 *
 * What a booking series may use: `FREQ` (DAILY, WEEKLY, MONTHLY, YEARLY — at most one occurrence a day), `COUNT` or
 * `UNTIL` (a UTC date-time, as RFC 5545 requires when DTSTART has a zone), `INTERVAL`, `BYDAY`, `BYMONTHDAY`,
 * `BYYEARDAY`, `BYWEEKNO`, `BYMONTH`, `BYSETPOS` and `WKST`, with the RFC's ranges and the combinations it allows.
 * `BYHOUR`, `BYMINUTE` and `BYSECOND` are refused (every occurrence starts at the local time of `startsAt`, so a day
 * never holds more than one). The rule is one line: no `DTSTART` (the first occurrence is `startsAt`), no `TZID` (the
 * location's timezone applies), no `EXDATE`/`RDATE` (cancel single occurrences after booking the series).
 */
import rrule from 'rrule'
import type { Options } from 'rrule'
import { problem, ProblemError } from '@tessera/sdk'

const { RRule } = rrule

/** A checked rule: the normalized text, the `rrule` options (without `dtstart`, `count`, `until`), COUNT and UNTIL. */
export interface ParsedRule {
  /** Upper-case parts joined by `;`, without the `RRULE:` prefix: what is stored with the series. */
  text: string
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY'
  options: Partial<Options>
  count?: number
  /** UNTIL as an instant (UTC). */
  until?: Date
}

const FREQS = { DAILY: RRule.DAILY, WEEKLY: RRule.WEEKLY, MONTHLY: RRule.MONTHLY, YEARLY: RRule.YEARLY } as const
const WEEKDAYS = { MO: RRule.MO, TU: RRule.TU, WE: RRule.WE, TH: RRule.TH, FR: RRule.FR, SA: RRule.SA, SU: RRule.SU } as const
const PARTS = ['FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST']
const PROPERTIES: Record<string, string> = {
  DTSTART: 'the first occurrence is startsAt: give the rule without DTSTART',
  TZID: 'the timezone is the location\'s: give the rule without TZID',
  EXDATE: 'EXDATE is not supported: give the RRULE alone and cancel single occurrences after booking the series',
  RDATE: 'RDATE is not supported: give the RRULE alone and book extra dates separately',
  EXRULE: 'EXRULE is not supported: give the RRULE alone',
}
const MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** A 400 naming the rule part that is wrong. */
export function ruleError(part: string, detail: string): ProblemError {
  return problem.badRequest(`The recurrence rule is invalid: ${part} ${detail}.`, [{ pointer: '/body/rrule', detail: `${part}: ${detail}` }])
}

function integers(part: string, value: string, min: number, max: number, nonZero: boolean): number[] {
  const out: number[] = []
  for (const item of value.split(',')) {
    if (!/^[+-]?\d{1,4}$/.test(item)) throw ruleError(part, `"${item}" is not a whole number`)
    const n = Number(item)
    const ok = nonZero ? n !== 0 && Math.abs(n) >= min && Math.abs(n) <= max : n >= min && n <= max
    if (!ok) throw ruleError(part, `${item} is out of range (${nonZero ? `±${min}..${max}` : `${min}..${max}`})`)
    out.push(n)
  }
  if (new Set(out).size !== out.length) throw ruleError(part, 'lists a value twice')
  return out
}

function positive(part: string, value: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw ruleError(part, `must be a whole number from 1 (got "${value}")`)
  const n = Number(value)
  if (!Number.isSafeInteger(n) || n > max) throw ruleError(part, `must be at most ${max}`)
  return n
}

function untilOf(value: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!m) throw ruleError('UNTIL', `must be a UTC date-time such as 20301231T235959Z (got "${value}"; startsAt has a time and a zone, so RFC 5545 requires UTC)`)
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number)
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s))
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) {
    throw ruleError('UNTIL', `"${value}" is not a real date and time`)
  }
  return at
}

function refuseProperties(text: string): void {
  const lines = text.split(/\r?\n|\r/).map((l) => l.trim()).filter(Boolean)
  for (const line of lines) {
    const name = /^([A-Za-z-]+)[:;]/.exec(line)?.[1]?.toUpperCase()
    if (name && name !== 'RRULE' && PROPERTIES[name]) throw problem.badRequest(`The recurrence rule is invalid: ${PROPERTIES[name]}.`, [{ pointer: '/body/rrule', detail: `${name}: ${PROPERTIES[name]}` }])
  }
  if (lines.length > 1) throw problem.badRequest('The recurrence rule is invalid: give one RRULE on one line.', [{ pointer: '/body/rrule', detail: 'must be a single line' }])
}

/** Parses and checks `text` (`FREQ=WEEKLY;COUNT=6`, optional `RRULE:` prefix, case-insensitive); 400 naming the bad part. */
export function parseRule(text: string): ParsedRule {
  refuseProperties(text)
  const body = text.trim().replace(/^RRULE:/i, '').replace(/;$/, '').toUpperCase()
  const parts = new Map<string, string>()
  for (const item of body.split(';')) {
    const eq = item.indexOf('=')
    const name = (eq < 0 ? item : item.slice(0, eq)).trim()
    const value = eq < 0 ? '' : item.slice(eq + 1).trim()
    if (PROPERTIES[name]) throw problem.badRequest(`The recurrence rule is invalid: ${PROPERTIES[name]}.`, [{ pointer: '/body/rrule', detail: `${name}: ${PROPERTIES[name]}` }])
    if (!PARTS.includes(name)) throw ruleError(name || '(empty part)', 'is not a part of an RRULE (RFC 5545 §3.3.10)')
    if (parts.has(name)) throw ruleError(name, 'is given twice')
    if (!value) throw ruleError(name, 'has no value')
    parts.set(name, value)
  }
  const f = parts.get('FREQ')
  if (!f) throw ruleError('FREQ', 'is required')
  if (['SECONDLY', 'MINUTELY', 'HOURLY'].includes(f)) throw ruleError('FREQ', `${f} is not allowed: the shortest repetition is DAILY`)
  if (!(f in FREQS)) throw ruleError('FREQ', `"${f}" is not a frequency (DAILY, WEEKLY, MONTHLY, YEARLY)`)
  const freq = f as ParsedRule['freq']
  const options: Partial<Options> = { freq: FREQS[freq] }
  const rule: ParsedRule = { text: '', freq, options }

  if (parts.has('COUNT') && parts.has('UNTIL')) throw ruleError('COUNT', 'and UNTIL must not both be given')
  if (parts.has('COUNT')) rule.count = positive('COUNT', parts.get('COUNT')!, 1_000_000)
  if (parts.has('UNTIL')) rule.until = untilOf(parts.get('UNTIL')!)
  if (parts.has('INTERVAL')) options.interval = positive('INTERVAL', parts.get('INTERVAL')!, 999)

  for (const [part, max] of [['BYSECOND', 60], ['BYMINUTE', 59], ['BYHOUR', 23]] as const) {
    if (!parts.has(part)) continue
    integers(part, parts.get(part)!, 0, max, false)
    throw ruleError(part, 'is not supported: every occurrence starts at the local time of startsAt')
  }
  if (parts.has('WKST')) {
    const w = parts.get('WKST')!
    if (!(w in WEEKDAYS)) throw ruleError('WKST', `"${w}" is not a weekday (MO, TU, WE, TH, FR, SA, SU)`)
    options.wkst = WEEKDAYS[w as keyof typeof WEEKDAYS]
  }
  let dayCount = 0
  let ordinalDays = 0
  if (parts.has('BYDAY')) {
    const days = parts.get('BYDAY')!.split(',')
    if (new Set(days).size !== days.length) throw ruleError('BYDAY', 'lists a day twice')
    options.byweekday = days.map((item) => {
      const m = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(item)
      if (!m) throw ruleError('BYDAY', `"${item}" is not a weekday (MO..SU, optionally with an ordinal such as 1MO or -1FR)`)
      const day = WEEKDAYS[m[2] as keyof typeof WEEKDAYS]
      if (m[1] === undefined) { dayCount += 1; return day }
      const n = Number(m[1])
      if (freq !== 'MONTHLY' && freq !== 'YEARLY') throw ruleError('BYDAY', `"${item}": an ordinal weekday needs FREQ=MONTHLY or YEARLY`)
      if (freq === 'YEARLY' && parts.has('BYWEEKNO')) throw ruleError('BYDAY', `"${item}": no ordinal weekday together with BYWEEKNO`)
      const max = freq === 'MONTHLY' ? 5 : 53
      if (n === 0 || Math.abs(n) > max) throw ruleError('BYDAY', `"${item}": the ordinal must be ±1..${max}`)
      ordinalDays += 1
      return day.nth(n)
    })
  }
  if (parts.has('BYMONTHDAY')) {
    if (freq === 'WEEKLY') throw ruleError('BYMONTHDAY', 'is not allowed with FREQ=WEEKLY')
    options.bymonthday = integers('BYMONTHDAY', parts.get('BYMONTHDAY')!, 1, 31, true)
  }
  if (parts.has('BYYEARDAY')) {
    if (freq !== 'YEARLY') throw ruleError('BYYEARDAY', 'needs FREQ=YEARLY')
    options.byyearday = integers('BYYEARDAY', parts.get('BYYEARDAY')!, 1, 366, true)
  }
  if (parts.has('BYWEEKNO')) {
    if (freq !== 'YEARLY') throw ruleError('BYWEEKNO', 'needs FREQ=YEARLY')
    options.byweekno = integers('BYWEEKNO', parts.get('BYWEEKNO')!, 1, 53, true)
  }
  const months = parts.has('BYMONTH') ? integers('BYMONTH', parts.get('BYMONTH')!, 1, 12, false) : undefined
  if (months) options.bymonth = months
  const monthDays = options.bymonthday as number[] | undefined
  if (monthDays) {
    const possible = (months ?? [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]).some((m) => monthDays.some((d) => Math.abs(d) <= MONTH_DAYS[m - 1]))
    if (!possible) throw ruleError('BYMONTHDAY', 'names no day that exists in the months of the rule')
  }
  if (parts.has('BYSETPOS')) {
    const bys = ['BYDAY', 'BYMONTHDAY', 'BYYEARDAY', 'BYWEEKNO', 'BYMONTH']
    if (!bys.some((p) => parts.has(p))) throw ruleError('BYSETPOS', 'needs another BYxxx part to select from')
    // The largest set one period can hold; a position beyond it never matches (and would make the expansion run to year 9999).
    const size = freq === 'DAILY' ? 1
      : freq === 'WEEKLY' ? Math.max(1, dayCount)
      : freq === 'MONTHLY' ? (monthDays ? monthDays.length : Math.max(1, dayCount * 5 + ordinalDays))
      : 366
    options.bysetpos = integers('BYSETPOS', parts.get('BYSETPOS')!, 1, size, true)
  }
  rule.text = [...parts].map(([k, v]) => `${k}=${v}`).join(';')
  return rule
}
