/**
 * Shapes of the spaces API (`/api/v1/spaces`) as the screens use them, and display labels.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const
export type Weekday = (typeof WEEKDAYS)[number]
export const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday',
}

export interface Interval { from: string; to: string }
export type OpeningHours = Partial<Record<Weekday, Interval[]>>

export interface Address { line1?: string; line2?: string; city?: string; postcode?: string; country?: string }

export interface Location {
  id: string
  name: string
  address?: Address
  timezone: string
  openingHours: OpeningHours
  closures?: { from: string; to: string; reason?: string }[]
  active: boolean
  resourceCount?: number
}

export const RESOURCE_KINDS = ['meeting_room', 'private_office', 'event_space', 'hot_desk_area'] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]
export const KIND_LABELS: Record<ResourceKind, string> = {
  meeting_room: 'Meeting room', private_office: 'Private office', event_space: 'Event space', hot_desk_area: 'Hot-desk area',
}

export interface Rules { minMinutes: number; maxMinutes: number; maxDaysAhead: number; bookableBy: 'members' | 'staff' }
export interface Prices { perHour?: number | null; perDay?: number | null; creditsPerHour?: number | null; currency?: string }

export interface Resource {
  id: string
  locationId: string
  name: string
  kind: ResourceKind
  capacity: number
  amenities: string[]
  rules: Rules
  prices: Prices
  description: string | null
  active: boolean
}

export interface Page<T> { items: T[]; total: number; limit: number; offset: number }

/** "08:00–18:00" for a day's intervals, "Closed" for none. */
export function formatDay(intervals: Interval[] | undefined): string {
  return intervals?.length ? intervals.map((i) => `${i.from}–${i.to}`).join(', ') : 'Closed'
}

/** Minor units → "12.50 EUR". */
export function formatMoney(minor: number | null | undefined, currency: string | undefined): string {
  if (minor === null || minor === undefined) return '—'
  const major = (minor / 100).toFixed(2)
  return currency ? `${major} ${currency}` : major
}

/**
 * Every price unit a resource has, in one line (`25.00 EUR / day`, `45.00 / h · 3 credits / h`); `—` when it has none
 * (free). Lists all units, so a resource priced per day does not look unpriced.
 */
export function formatPrices(prices: Resource['prices']): string {
  const parts: string[] = []
  if (typeof prices.perHour === 'number') parts.push(`${formatMoney(prices.perHour, prices.currency)} / h`)
  if (typeof prices.perDay === 'number') parts.push(`${formatMoney(prices.perDay, prices.currency)} / day`)
  if (typeof prices.creditsPerHour === 'number' && prices.creditsPerHour > 0) parts.push(`${prices.creditsPerHour} credit${prices.creditsPerHour === 1 ? '' : 's'} / h`)
  return parts.length ? parts.join(' · ') : '—'
}
