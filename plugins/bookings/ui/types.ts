/**
 * Shapes the bookings screens read: bookings and availability (this plugin), locations and resources (spaces),
 * people (members), and helpers for the shell's context.
 */
import type { Tenant } from '@tessera/ui-kit'

export type BookingStatus = 'confirmed' | 'checked_in' | 'cancelled' | 'released'

export interface Booking {
  id: string
  resourceId: string
  locationId: string
  personId: string
  seriesId: string | null
  seat: number
  startsAt: string
  endsAt: string
  status: BookingStatus
  title: string | null
}

export interface Slot { resourceId: string; startsAt: string; endsAt: string; seatsFree: number }
export interface Availability { timezone: string | null; from: string; to: string; slotMinutes: number; slots: Slot[] }

export interface Interval { from: string; to: string }
export interface Location {
  id: string
  name: string
  timezone: string
  openingHours: Partial<Record<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun', Interval[]>>
  closures?: { from: string; to: string; reason?: string }[]
  active: boolean
}

export type ResourceKind = 'meeting_room' | 'private_office' | 'event_space' | 'hot_desk_area'
export const KIND_LABELS: Record<ResourceKind, string> = {
  meeting_room: 'Meeting room', private_office: 'Private office', event_space: 'Event space', hot_desk_area: 'Hot-desk area',
}

export interface Resource {
  id: string
  locationId: string
  name: string
  kind: ResourceKind
  capacity: number
  rules: { minMinutes: number; maxMinutes: number; maxDaysAhead: number; bookableBy: 'members' | 'staff' }
  active: boolean
}

export interface Person { id: string; name: string; email: string | null; status: string }

export interface Page<T> { items: T[]; total: number; limit: number; offset: number }

export const STATUS_LABELS: Record<BookingStatus, string> = {
  confirmed: 'Confirmed', checked_in: 'Checked in', cancelled: 'Cancelled', released: 'Released (no-show)',
}
export const STATUS_VARIANTS: Record<BookingStatus, string> = {
  confirmed: 'accent', checked_in: 'success', cancelled: 'neutral', released: 'warning',
}

/** Roles that book for other people (`bookings.manage`). */
export function isStaff(tenant: Tenant | null): boolean {
  return !!tenant && ['owner', 'admin', 'manager', 'support'].includes(tenant.role)
}

export const BOOKING_EVENTS = ['bookings.booking.created', 'bookings.booking.updated', 'bookings.booking.cancelled', 'bookings.booking.released'] as const
