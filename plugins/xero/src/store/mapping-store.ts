/**
 * SQL of `xero.mappings`: the account/tax mapping staff saved (the config's `mapping` applies until then).
 */
import type { Db } from '@tessera/sdk'
import type { Mapping } from '../contract/xero-schemas.ts'

/** The saved mapping, if any. */
export async function savedMapping(db: Db): Promise<Mapping | undefined> {
  return (await db.one<{ mapping: Mapping }>('SELECT mapping FROM xero.mappings'))?.mapping
}

/** Saves the mapping. */
export async function saveMapping(db: Db, mapping: Mapping): Promise<void> {
  await db.query(
    'INSERT INTO xero.mappings (mapping) VALUES ($1) ON CONFLICT (tenant_id) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()',
    [JSON.stringify(mapping)])
}
