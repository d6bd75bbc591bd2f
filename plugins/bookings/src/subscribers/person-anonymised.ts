/**
 * When `members` anonymises a person, erase what this plugin holds that could identify them: free-text booking and
 * series titles, and their calendar feed tokens. The bookings themselves stay (occupancy history, invoices).
 */
import type { EventHandler } from '@tessera/sdk'
import { revokePersonFeeds } from '../store/feed-token-store.ts'

export const onPersonAnonymised: EventHandler = async (event, ctx) => {
  const personId = event.payload.id
  if (typeof personId !== 'string') return
  await ctx.db.query('UPDATE bookings.bookings SET title = NULL, updated_at = now() WHERE person_id = $1 AND title IS NOT NULL', [personId])
  await ctx.db.query('UPDATE bookings.series SET title = NULL WHERE person_id = $1', [personId])
  await revokePersonFeeds(ctx.db, personId)
}
