/**
 * The iCalendar feed (RFC 5545, written by `ical-generator`) of a person's or a resource's bookings. Each booking is
 * one VEVENT (UID = booking id), recurring ones included: occurrences of a series were expanded when booked and can be
 * moved or cancelled one by one, so listing them is exact where an RRULE + EXDATE would have to describe every
 * exception. Cancelled and released bookings are left out. A resource feed carries no person names. `SEQUENCE` is the
 * booking's revision, which grows on every move or resize (RFC 5545 §3.8.7.4), so calendar apps take the new times.
 */
import ical from 'ical-generator'
import { listBookings } from '../store/booking-store.ts'
import type { FeedSubject } from '../store/feed-token-store.ts'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import type { BookingsContext } from './bookings-config.ts'

/** Days of past bookings a feed keeps. */
const PAST_DAYS = 90

/** Builds the feed text. */
export async function buildFeed(ctx: BookingsContext, subject: FeedSubject, name: string): Promise<string> {
  const from = new Date(Date.now() - PAST_DAYS * 86_400_000).toISOString()
  const filter = subject.kind === 'person' ? { personId: subject.id } : { resourceId: subject.id }
  const bookings = []
  for (let offset = 0; ; offset += 500) {
    const page = await listBookings(ctx.db, { ...filter, from, limit: 500, offset })
    bookings.push(...page.items)
    if (page.items.length < 500) break
  }
  const resources = new Map<string, CatalogResource | undefined>()
  const cal = ical({ name, prodId: { company: 'Tessera', product: 'bookings', language: 'EN' }, ttl: 15 * 60 })
  for (const b of bookings) {
    if (b.status === 'cancelled' || b.status === 'released') continue
    if (!resources.has(b.resourceId)) resources.set(b.resourceId, await ctx.services.get(spacesCatalog).getResource(b.resourceId))
    const r = resources.get(b.resourceId)
    cal.createEvent({
      id: `${b.id}@tessera`,
      start: b.startsAt,
      end: b.endsAt,
      stamp: b.updatedAt,
      sequence: b.revision,
      summary: subject.kind === 'person' ? (b.title ?? r?.name ?? 'Booking') : (b.title ? `Booked: ${b.title}` : 'Booked'),
      location: r ? `${r.name}, ${r.location.name}` : undefined,
      description: b.seriesId ? 'Recurring booking' : undefined,
    })
  }
  return cal.toString()
}
