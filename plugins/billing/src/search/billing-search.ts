/**
 * The billing plugin's answer to the top-bar search (`definePlugin({ search })`): invoices and credit notes by number —
 * `INV-000042`, `inv-42`, `INV 0042`, `#42` or `42` find number 42 exactly (rank 1; with a prefix only of that kind),
 * and the text as a prefix finds the numbers that start with it (`INV-0001` → `INV-000100`…`INV-000199`; `12` →
 * 120…129, 1200…), ranked below, on the indexes of migration 008. Any other text finds the invoices and credit notes of
 * the payers (people and organisations) whose name matches it, typo-tolerant (`pg_trgm` similarity and word similarity)
 * and by whole words (`simple` full text), on the indexes of migration 009: rank 0.9 for an exact name, else 0.9 × the
 * best similarity; the latest first among a payer's. Drafts have no number and are not found.
 *
 * The payer's name is members'; billing searches its own copy of it (`billing.payer_names`, kept current through
 * members' contract by `subscribers/payer-name-sync.ts`), never members' schema. The subtitle shows the name read through
 * members' `directory` service like the invoice screens do. The result opens the invoice (`/billing/invoices/:id`). Runs
 * in the caller's tenant transaction: RLS keeps other tenants out.
 */
import type { SearchProvider, SearchResult } from '@tessera/sdk'
import { billingPermissions } from '../contract/permissions.ts'
import { formatMoney } from '../contract/money.ts'
import { formatNumber } from '../domain/invoicing.ts'
import type { BillingConfig, BillingContext } from '../domain/billing-config.ts'
import type { PayerType } from '../domain/payer.ts'
import { withPayerNames } from '../domain/payer-contact.ts'

interface Hit { id: string; kind: string; number: number; payerType: PayerType; payerId: string; status: string; currency: string; total: number; rank: number }

/** A number as the search reads it: the kind its prefix names (if any) and the digits. */
interface NumberQuery { kind: 'invoice' | 'credit_note' | null; digits: string }

/** `INV-0042`, `cn 7`, `#42`, `42` → kind and digits; anything else is not a number (`undefined`). */
export function parseNumberQuery(q: string): NumberQuery | undefined {
  const m = /^(inv|cn)?[\s#-]*(\d{1,9})$/i.exec(q.trim())
  if (!m) return undefined
  const prefix = m[1]?.toLowerCase()
  return { kind: prefix === 'inv' ? 'invoice' : prefix === 'cn' ? 'credit_note' : null, digits: m[2]! }
}

const NUMBER_TEXT = `(CASE WHEN i.kind = 'credit_note' THEN 'CN-' ELSE 'INV-' END || lpad(i.number::text, greatest(6, length(i.number::text)), '0'))`

// $1 number, $2 kind or null, $3 prefix of the number's text (kind given) or null, $4 prefix of the digits (no kind) or null, $5 limit
const SQL = `
  SELECT i.id::text AS id, i.kind, i.number, i.payer_type AS "payerType", i.payer_id::text AS "payerId", i.status, i.currency,
         i.total::float8 AS total,
         CASE WHEN i.number = $1 THEN 1 ELSE 0.7 END AS rank
    FROM billing.invoices i
   WHERE i.number IS NOT NULL
     AND ((i.number = $1 AND ($2::text IS NULL OR i.kind = $2::text))
          OR ($3::text IS NOT NULL AND ${NUMBER_TEXT} LIKE $3::text || '%')
          OR ($4::text IS NOT NULL AND i.number::text LIKE $4::text || '%'))
   ORDER BY rank DESC, i.number, i.kind
   LIMIT $5`

/** How many payers found by name contribute their invoices. */
const PAYERS = 20

// $1 text, $2 limit
const NAME_SQL = `
  WITH q AS (SELECT lower($1::text) AS t, plainto_tsquery('simple', $1::text) AS ts),
  payers AS (
    SELECT n.payer_type, n.payer_id,
           CASE WHEN lower(n.name) = q.t THEN 1
                ELSE greatest(public.similarity(lower(n.name), q.t), public.word_similarity(q.t, lower(n.name)) * 0.95,
                              CASE WHEN to_tsvector('simple', n.name) @@ q.ts THEN 0.6 ELSE 0 END) * 0.99 END AS rank
      FROM billing.payer_names n CROSS JOIN q
     WHERE n.name IS NOT NULL
       AND (lower(n.name) % q.t OR q.t <% lower(n.name) OR to_tsvector('simple', n.name) @@ q.ts)
     ORDER BY rank DESC LIMIT ${PAYERS})
  SELECT i.id::text AS id, i.kind, i.number, i.payer_type AS "payerType", i.payer_id::text AS "payerId", i.status, i.currency,
         i.total::float8 AS total, p.rank * 0.9 AS rank
    FROM payers p JOIN billing.invoices i ON i.payer_type = p.payer_type AND i.payer_id = p.payer_id
   WHERE i.number IS NOT NULL
   ORDER BY rank DESC, i.issued_at DESC NULLS LAST, i.number DESC
   LIMIT $2`

const statusWords: Record<string, string> = { draft: 'Draft', issued: 'Issued', paid: 'Paid', void: 'Void' }

function result(h: Hit & { payerName: string }): SearchResult {
  const subtitle = [h.payerName, statusWords[h.status] ?? h.status, formatMoney(h.total, h.currency)].join(' · ')
  return { kind: h.kind === 'credit_note' ? 'credit-note' : 'invoice', id: h.id, title: formatNumber(h.kind, h.number)!, subtitle, href: `/billing/invoices/${h.id}`, rank: Number(h.rank) }
}

/** Invoices and credit notes by number, or by their payer's name. */
export const billingSearch: SearchProvider<BillingConfig> = {
  kinds: [{ id: 'invoice', label: 'Invoices' }, { id: 'credit-note', label: 'Credit notes' }],
  permission: billingPermissions.read,
  async query(ctx: BillingContext, { q, limit }) {
    const n = parseNumberQuery(q)
    if (!n) return (await withPayerNames(ctx, await ctx.db.many<Hit & Record<string, unknown>>(NAME_SQL, [q, limit]))).map(result)
    const number = Number(n.digits)
    const textPrefix = n.kind ? `${n.kind === 'credit_note' ? 'CN' : 'INV'}-${n.digits}` : null
    const digitsPrefix = n.kind ? null : String(number)
    // a number past PostgreSQL's integer cannot be stored; it can still be a prefix of nothing
    if (number > 2_147_483_647) return []
    const hits = await ctx.db.many<Hit & Record<string, unknown>>(SQL, [number, n.kind, textPrefix, digitsPrefix, limit])
    return (await withPayerNames(ctx, hits)).map(result)
  },
}
