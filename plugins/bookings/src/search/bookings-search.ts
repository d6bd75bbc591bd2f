/**
 * The bookings plugin's answer to the top-bar search (`definePlugin({ search })`): bookings by their title and by
 * their person's name, typo-tolerant (`pg_trgm` `%` similarity and `<%` word similarity) and by whole words (`simple`
 * full text), on the indexes of migrations 003 and 004. Rank: 1 for an exact title, else the best trigram similarity
 * (a word match counts at least 0.6); a booking found by its person's name ranks at 0.9 × the name's rank, so an exact
 * title still comes first; among equals the latest booking first.
 *
 * The person's name is members'; bookings searches its own copy of it (`bookings.person_names`, kept current through
 * members' contract by `subscribers/person-name-sync.ts`), never members' schema. The resource's name lives in spaces'
 * tables, not in bookings', so it is not searched; it is shown in the subtitle, read through spaces' `catalog` service
 * like every other screen of bookings does. An untitled booking found by its person is titled by the person's name. The
 * result opens the calendar on the booking's day at its location, in the location's timezone. Runs in the caller's
 * tenant transaction: RLS keeps other tenants out.
 */
import type { PluginContext, SearchProvider, SearchResult } from '@tessera/sdk'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource } from '@tessera/plugin-spaces/contract'
import { bookingsPermissions } from '../contract/bookings-permissions.ts'

interface Hit { id: string; title: string | null; personName: string | null; resourceId: string; locationId: string; startsAt: Date; status: string; rank: number }

/** How many people found by name contribute their bookings. */
const PEOPLE = 20

const rankOf = (col: string) => `CASE WHEN lower(${col}) = q.t THEN 1
              ELSE greatest(public.similarity(lower(${col}), q.t), public.word_similarity(q.t, lower(${col})) * 0.95,
                            CASE WHEN to_tsvector('simple', ${col}) @@ q.ts THEN 0.6 ELSE 0 END) * 0.99 END`
const matches = (col: string) => `(lower(${col}) % q.t OR q.t <% lower(${col}) OR to_tsvector('simple', ${col}) @@ q.ts)`

const SQL = `
  WITH q AS (SELECT lower($1::text) AS t, plainto_tsquery('simple', $1::text) AS ts),
  people AS (
    SELECT n.person_id, ${rankOf('n.name')} AS rank
      FROM bookings.person_names n CROSS JOIN q
     WHERE n.name IS NOT NULL AND ${matches('n.name')}
     ORDER BY rank DESC LIMIT ${PEOPLE}),
  hits AS (
    SELECT b.id, ${rankOf('b.title')} AS rank
      FROM bookings.bookings b CROSS JOIN q
     WHERE b.title IS NOT NULL AND ${matches('b.title')}
    UNION ALL
    SELECT b.id, p.rank * 0.9 FROM people p JOIN bookings.bookings b ON b.person_id = p.person_id),
  best AS (SELECT id, max(rank) AS rank FROM hits GROUP BY id)
  SELECT b.id::text AS id, b.title, n.name AS "personName", b.resource_id::text AS "resourceId", b.location_id::text AS "locationId",
         lower(b.during) AS "startsAt", b.status, best.rank
    FROM best JOIN bookings.bookings b ON b.id = best.id
    LEFT JOIN bookings.person_names n ON n.tenant_id = b.tenant_id AND n.person_id = b.person_id
   ORDER BY best.rank DESC, lower(b.during) DESC
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
  const title = h.title ?? h.personName ?? 'Booking'
  const person = h.personName && h.personName !== title ? h.personName : undefined
  const subtitle = [person, resource?.name, `${date} ${time}`, statusWords[h.status]].filter(Boolean).join(' · ')
  const href = `/bookings?location=${encodeURIComponent(h.locationId)}&date=${date}&view=day`
  return { kind: 'booking', id: h.id, title, subtitle, href, rank: Number(h.rank) }
}

/** Bookings whose title or person's name matches the text. */
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
