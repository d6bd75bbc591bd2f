/**
 * `members.person.anonymised` → erase what this plugin holds that could identify the person: free-text booking and
 * series titles, their calendar feed tokens and the searchable copy of their name (`search/person-names.ts`). The
 * bookings themselves stay (occupancy history, invoices).
 */
import { on } from '@tessera/sdk'
import { personAnonymised } from '@tessera/plugin-members/contract'
import type { PersonAnonymisedPayload } from '@tessera/plugin-members/contract'
import { eraseTitlesOf } from '../store/booking-store.ts'
import { revokePersonFeeds } from '../store/feed-token-store.ts'
import type { BookingsConfig } from '../domain/bookings-config.ts'
import { refreshPersonName } from '../search/person-names.ts'

/** The subscription, for `definePlugin({ subscribes })`. */
export const onPersonAnonymised = on<PersonAnonymisedPayload, BookingsConfig>(personAnonymised, async (event, ctx) => {
  await eraseTitlesOf(ctx.db, event.payload.id)
  await revokePersonFeeds(ctx.db, event.payload.id)
  await refreshPersonName(ctx, event.payload.id)
})
