/**
 * How a visit reads on screen: its status as a badge (label and variant), its times in the browser's locale, and the
 * toast its host gets when the visitor arrives.
 */
import { formatDateTime, formatTime } from '@tessera/ui-kit'
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
  return iso ? formatTime(iso) : ''
}

/** `Tue 14 May, 14:30` in the browser's timezone. */
export function dayTimeOf(iso: string): string {
  return formatDateTime(iso)
}

/** What the host is told when their visitor arrives. */
export function arrivalMessage(v: Pick<VisitorArrived, 'name' | 'company' | 'badgeNumber'>): string {
  return `${v.name}${v.company ? ` (${v.company})` : ''} is at the front desk with badge ${v.badgeNumber}.`
}
