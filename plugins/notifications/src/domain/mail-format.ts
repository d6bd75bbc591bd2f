/** Formatting for templates: instants in the tenant's time zone, a time range, a button-like link. */
import { html } from '../contract/mail-html.ts'
import type { SafeHtml } from '../contract/mail-html.ts'

/** "Tuesday, 3 June 2025 at 14:00" in `timeZone` (en-GB). */
export function when(iso: unknown, timeZone: string): string {
  const d = new Date(String(iso))
  if (Number.isNaN(d.getTime())) return String(iso ?? '')
  return new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d)
}

/** "Tuesday, 3 June 2025 at 14:00–15:30 (Europe/London)". */
export function span(startIso: unknown, endIso: unknown, timeZone: string): string {
  const end = new Date(String(endIso))
  const endTime = Number.isNaN(end.getTime()) ? '' : new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit' }).format(end)
  return `${when(startIso, timeZone)}${endTime ? `–${endTime}` : ''} (${timeZone})`
}

/** A link styled as a button. */
export function button(href: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0"><a href="${href}" style="background:#4f46e5;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none;display:inline-block">${label}</a></p>`
}
