/**
 * What the bookings screens show for server values — resource kinds, booking statuses — and which realtime events
 * refresh them. The value sets come from the contracts (type-only imports), so a new status or kind breaks the build
 * here until it has a label.
 */
import type { ResourceKind } from '@tessera/plugin-spaces/contract'
import type { BookingStatus, BookingUiEventName } from '../src/contract/index.ts'

/** `1 seat`, `4 seats`, `1 desk`: a count with its noun in the right number. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/** Labels of resource kinds. */
export const KIND_LABELS: Record<ResourceKind, string> = {
  meeting_room: 'Meeting room', private_office: 'Private office', event_space: 'Event space', hot_desk_area: 'Hot-desk area',
}

/** Labels of booking statuses. */
export const STATUS_LABELS: Record<BookingStatus, string> = {
  confirmed: 'Confirmed', checked_in: 'Checked in', cancelled: 'Cancelled', released: 'Released (no-show)',
}

/** Badge variants of booking statuses. */
export const STATUS_VARIANTS: Record<BookingStatus, string> = {
  confirmed: 'accent', checked_in: 'success', cancelled: 'neutral', released: 'warning',
}

/** The booking events that reach browsers; screens refresh on each. */
export const BOOKING_EVENTS = [
  'bookings.booking.created', 'bookings.booking.updated', 'bookings.booking.cancelled', 'bookings.booking.released',
] as const satisfies readonly BookingUiEventName[]
