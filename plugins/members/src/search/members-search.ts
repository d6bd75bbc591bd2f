/**
 * The members plugin's answer to the top-bar search (`definePlugin({ search })`): people by name or e-mail and
 * organisations by name, typo-tolerant (`pg_trgm`: `%` similarity and `<%` word similarity) and by whole words
 * (`to_tsvector('simple', …) @@ plainto_tsquery`), on the indexes of migration 005. Rank: 1 for an exact name or
 * e-mail, else the best of the trigram similarities (a word match counts at least 0.6), so exact hits come first.
 * Anonymised people are not found. Runs in the caller's tenant transaction: RLS keeps other tenants out.
 */
import type { PluginContext, SearchProvider, SearchResult } from '@tessera/sdk'
import { membersPermissions } from '../contract/members-permissions.ts'

interface Hit { kind: 'person' | 'organisation'; id: string; name: string; email: string | null; org: string | null; rank: number }

const SQL = `
  WITH q AS (SELECT lower($1::text) AS t, plainto_tsquery('simple', $1::text) AS ts)
  (SELECT 'person' AS kind, p.id::text AS id, p.name, p.email, o.name AS org,
          CASE WHEN lower(p.name) = q.t OR lower(coalesce(p.email, '')) = q.t THEN 1
               ELSE greatest(public.similarity(lower(p.name), q.t), public.word_similarity(q.t, lower(p.name)) * 0.95,
                             public.similarity(lower(coalesce(p.email, '')), q.t),
                             CASE WHEN to_tsvector('simple', p.name || ' ' || coalesce(p.email, '')) @@ q.ts THEN 0.6 ELSE 0 END) * 0.99 END AS rank
     FROM members.people p CROSS JOIN q LEFT JOIN members.organisations o ON o.id = p.organisation_id
    WHERE p.anonymised_at IS NULL
      AND (lower(p.name) % q.t OR q.t <% lower(p.name) OR lower(coalesce(p.email, '')) % q.t
           OR to_tsvector('simple', p.name || ' ' || coalesce(p.email, '')) @@ q.ts)
    ORDER BY rank DESC, p.name LIMIT $2)
  UNION ALL
  (SELECT 'organisation', o.id::text, o.name, o.email, NULL,
          CASE WHEN lower(o.name) = q.t THEN 1
               ELSE greatest(public.similarity(lower(o.name), q.t), public.word_similarity(q.t, lower(o.name)) * 0.95,
                             CASE WHEN to_tsvector('simple', o.name) @@ q.ts THEN 0.6 ELSE 0 END) * 0.99 END
     FROM members.organisations o CROSS JOIN q
    WHERE lower(o.name) % q.t OR q.t <% lower(o.name) OR to_tsvector('simple', o.name) @@ q.ts
    ORDER BY 6 DESC, o.name LIMIT $2)`

function result(h: Hit): SearchResult {
  if (h.kind === 'organisation') return { kind: 'organisation', id: h.id, title: h.name, subtitle: h.email ?? undefined, href: `/members?q=${encodeURIComponent(h.name)}`, rank: Number(h.rank) }
  const subtitle = [h.email, h.org].filter(Boolean).join(' · ')
  return { kind: 'person', id: h.id, title: h.name, subtitle: subtitle || undefined, href: `/members/${h.id}`, rank: Number(h.rank) }
}

/** People and organisations matching the text. */
export const membersSearch: SearchProvider = {
  kinds: [{ id: 'person', label: 'People' }, { id: 'organisation', label: 'Organisations' }],
  permission: membersPermissions.read,
  async query(ctx: PluginContext, { q, limit }) {
    return (await ctx.db.many<Hit & Record<string, unknown>>(SQL, [q, limit])).map(result)
  },
}
