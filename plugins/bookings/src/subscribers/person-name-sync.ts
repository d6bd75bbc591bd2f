/**
 * Keeps bookings' searchable copy of people's names (`search/person-names.ts`) in step with members, through members'
 * contract: `members.person.created` and a `members.person.updated` that names `name` store the person's current name
 * (read from members' `directory`); bookings' own `bookings.booking.created` stores the booked person's name when no
 * copy exists yet (a person created before the copy existed). Old bookings are backfilled once, when the tenant
 * enables bookings (`onEnable`), not by every event: a backfill query on each booking scanned the tenant's bookings. Redelivery and
 * reordering are harmless: each handler stores what members says now.
 */
import { on } from '@tessera/sdk'
import { personCreated, personUpdated } from '@tessera/plugin-members/contract'
import type { PersonCreatedPayload, PersonUpdatedPayload } from '@tessera/plugin-members/contract'
import { bookingCreated } from '../contract/booking-events.ts'
import type { BookingEventPayload } from '../contract/booking-events.ts'
import type { BookingsConfig } from '../domain/bookings-config.ts'
import { ensurePersonName, refreshPersonName } from '../search/person-names.ts'

/** A person was added: copy their name. */
export const onPersonCreatedName = on<PersonCreatedPayload, BookingsConfig>(personCreated, async (event, ctx) => {
  await refreshPersonName(ctx, event.payload.id)
})

/** A person was renamed: copy the new name (other changes are not bookings' business). */
export const onPersonUpdatedName = on<PersonUpdatedPayload, BookingsConfig>(personUpdated, async (event, ctx) => {
  if (event.payload.fields.includes('name')) await refreshPersonName(ctx, event.payload.id)
})

/** A booking was made: its person's name is searchable from now on. */
export const onBookingCreatedName = on<BookingEventPayload, BookingsConfig>(bookingCreated, async (event, ctx) => {
  await ensurePersonName(ctx, event.payload.personId)
})
