/**
 * The bookings plugin's answer to the top-bar search (`definePlugin({ search })`): bookings by their title,
 * typo-tolerant (`pg_trgm` `%` similarity and `<%` word similarity) and by whole words (`simple` full text), on the
 * indexes of migration 003. Rank: 1 for an exact title, else the best trigram similarity (a word match counts at least
 * 0.6); among equals the latest booking first.
 *
 * The resource's name lives in spaces' tables, not in bookings', so it is not searched (bookings queries no other
 * plugin's schema); it is shown in the subtitle, read through spaces' `catalog` service like every other screen of
 * bookings does. The result opens the calendar on the booking's day at its location, in the location's timezone.
 * Runs in the caller's tenant transaction: RLS keeps other tenants out.
 */
import type { PluginContext, SearchProvider, SearchResult } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import { bookingsPermissions } from '../contract/bookings-permissions.ts'

interface Hit { id: string; title: string; resourceId: string; locationId: string; startsAt: Date; status: string; rank: number }

const SQL = `
  WITH q AS (SELECT lower($1::text) AS t, plainto_tsquery('simple', $1::text) AS ts)
  SELECT b.id::text AS id, b.title, b.resource_id::text AS "resourceId", b.location_id::text AS "locationId",
         lower(b.during) AS "startsAt", b.status,
         CASE WHEN lower(b.title) = q.t THEN 1
              ELSE greatest(public.similarity(lower(b.title), q.t), public.word_similarity(q.t, lower(b.title)) * 0.95,
                            CASE WHEN to_tsvector('simple', b.title) @@ q.ts THEN 0.6 ELSE 0 END) * 0.99 END AS rank
    FROM bookings.bookings b CROSS JOIN q
   WHERE b.title IS NOT NULL
     AND (lower(b.title) % q.t OR q.t <% lower(b.title) OR to_tsvector('simple', b.title) @@ q.ts)
   ORDER BY rank DESC, lower(b.during) DESC
   LIMIT $2`

/** `YYYY-MM-DD` and `HH:MM` of an instant on the wall clock of `timeZone`. */
function wallClock(at: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-GB', {
    timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(at).map((p) => [p.type, p.value]))
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` }
}

const statusWords: Record<string, string> = { cancelled: 'cancelled', released: 'released (no-show)' }

function result(h: Hit, resource: CatalogResource | undefined): SearchResult {
  const { date, time } = wallClock(new Date(h.startsAt), resource?.location.timezone ?? 'UTC')
  const subtitle = [resource?.name, `${date} ${time}`, statusWords[h.status]].filter(Boolean).join(' · ')
  const href = `/bookings?location=${encodeURIComponent(h.locationId)}&date=${date}&view=day`
  return { kind: 'booking', id: h.id, title: h.title, subtitle, href, rank: Number(h.rank) }
}

/** Bookings whose title matches the text. */
export const bookingsSearch: SearchProvider = {
  kinds: [{ id: 'booking', label: 'Bookings' }],
  permission: bookingsPermissions.read,
  async query(ctx: PluginContext, { q, limit }) {
    const hits = await ctx.db.many<Hit & Record<string, unknown>>(SQL, [q, limit])
    const catalog = ctx.services.get(spacesCatalog)
    const resources = new Map<string, CatalogResource | undefined>()
    for (const h of hits) if (!resources.has(h.resourceId)) resources.set(h.resourceId, await catalog.getResource(h.resourceId))
    return hits.map((h) => result(h, resources.get(h.resourceId)))
  },
}
