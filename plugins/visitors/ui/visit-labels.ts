/**
 * How a visit reads on screen: its status as a badge (label and variant), its times in the browser's locale, and the
 * toast its host gets when the visitor arrives.
 */
import type { Visitor, VisitorArrived } from '../src/contract/index.ts'

/** Label and `tz-badge` variant of a status. */
export const STATUS: Record<Visitor['status'], { label: string; variant: string }> = {
  expected: { label: 'Expected', variant: 'accent' },
  arrived: { label: 'In the building', variant: 'success' },
  left: { label: 'Left', variant: 'neutral' },
  cancelled: { label: 'Cancelled', variant: 'warning' },
}

/** `14:30` in the browser's timezone. */
export function timeOf(iso: string | null): string {
  return iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : ''
}

/** `Tue 14 May, 14:30` in the browser's timezone. */
export function dayTimeOf(iso: string): string {
  return new Date(iso).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' })
}

/** What the host is told when their visitor arrives. */
export function arrivalMessage(v: Pick<VisitorArrived, 'name' | 'company' | 'badgeNumber'>): string {
  return `${v.name}${v.company ? ` (${v.company})` : ''} is at the front desk with badge ${v.badgeNumber}.`
}
