/**
 * Migration 008: indexes of the top-bar search (`search/billing-search.ts`) — invoices and credit notes by number,
 * exactly (the existing `UNIQUE (tenant_id, kind, number)`) and by prefix of the number's text (`INV-000123`,
 * `CN-000007`, as `domain/invoicing.ts` formats it): a `text_pattern_ops` b-tree on that text for `LIKE 'INV-0001%'`,
 * and one on the bare digits for `LIKE '12%'`. Drafts have no number and are not indexed.
 */
import type { Migration } from '@tessera/sdk'

export const billingMigration008: Migration = {
  name: '008_search_indexes',
  up: `
    CREATE INDEX invoices_number_text ON invoices
      ((CASE WHEN kind = 'credit_note' THEN 'CN-' ELSE 'INV-' END || lpad(number::text, greatest(6, length(number::text)), '0')) text_pattern_ops)
      WHERE number IS NOT NULL;
    CREATE INDEX invoices_number_digits ON invoices ((number::text) text_pattern_ops) WHERE number IS NOT NULL;
  `,
  down: 'DROP INDEX invoices_number_digits; DROP INDEX invoices_number_text;',
}
