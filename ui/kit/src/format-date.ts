/**
 * One date format per locale (issue 14 item 9): every screen shows a day, a time, or a day and time the same way —
 * `medium` date and `short` time of `Intl.DateTimeFormat` in the page's locale (the `<html lang>`, else the browser's),
 * e.g. `4 May 2026, 09:30` in en-GB and `May 4, 2026, 9:30 AM` in en-US — instead of each screen choosing its own
 * `toLocaleString()` variant. A timezone may be given (a location's), otherwise the browser's is used. Missing or
 * unparseable values show as an em dash.
 */

/** What the formatters take: an ISO string (or a bare `YYYY-MM-DD` day), epoch milliseconds, or a Date. */
export type DateValue = string | number | Date | null | undefined

const cache = new Map<string, Intl.DateTimeFormat>()

/** The page's locale: `<html lang>` when set, else the browser's. */
export function pageLocale(): string | undefined {
  const lang = typeof document !== 'undefined' ? document.documentElement.lang : ''
  return lang || (typeof navigator !== 'undefined' ? navigator.language : undefined)
}

function formatter(kind: 'date' | 'time' | 'dateTime', timeZone: string | undefined, locale: string | undefined): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone ?? ''}|${locale ?? ''}`
  let f = cache.get(key)
  if (!f) {
    const style: Intl.DateTimeFormatOptions = kind === 'date' ? { dateStyle: 'medium' } : kind === 'time' ? { timeStyle: 'short' } : { dateStyle: 'medium', timeStyle: 'short' }
    f = new Intl.DateTimeFormat(locale, { ...style, ...(timeZone ? { timeZone } : {}) })
    cache.set(key, f)
  }
  return f
}

function format(kind: 'date' | 'time' | 'dateTime', value: DateValue, options: { timeZone?: string; locale?: string }): string {
  if (value === null || value === undefined || value === '') return '—'
  // a bare day (2026-05-04) is that calendar day wherever the viewer is
  const bareDay = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
  const date = bareDay ? new Date(`${value}T12:00:00Z`) : new Date(value)
  if (Number.isNaN(date.getTime())) return '—'
  return formatter(kind, bareDay ? 'UTC' : options.timeZone, options.locale ?? pageLocale()).format(date)
}

/** A day: `4 May 2026`. */
export function formatDate(value: DateValue, options: { timeZone?: string; locale?: string } = {}): string {
  return format('date', value, options)
}

/** A time of day: `09:30`. */
export function formatTime(value: DateValue, options: { timeZone?: string; locale?: string } = {}): string {
  return format('time', value, options)
}

/** A day and time: `4 May 2026, 09:30`. */
export function formatDateTime(value: DateValue, options: { timeZone?: string; locale?: string } = {}): string {
  return format('dateTime', value, options)
}
