/**
 * The account/tax mapping in effect for a tenant — the one staff saved, else the config's `mapping` — with the
 * contract schema's defaults filled in, and how it applies to an invoice line: the account of the longest matching
 * `sourcePrefix` (else the sales account), the tax type of the line's rate (else the 0 % or default tax type), and the
 * tracking option of the line's location in the tracking category of locations.
 */
import type { Mapping } from '../contract/xero-schemas.ts'
import type { XeroContext } from './xero-config.ts'
import { savedMapping } from '../store/mapping-store.ts'

/** A mapping with every field present. */
export interface EffectiveMapping {
  salesAccountCode: string
  bankAccountCode: string
  defaultTaxType: string
  zeroTaxType: string
  taxTypes: { rateBp: number; taxType: string }[]
  accounts: { sourcePrefix: string; accountCode: string }[]
  /** The tracking category of locations; absent: lines carry no tracking. */
  trackingCategory?: string
  locationOptions: { locationId: string; option: string }[]
}

/** The tracking of a line at `locationId`: none (no category, or a line without location), the option, or unmapped. */
export type LineTracking = { kind: 'none' } | { kind: 'option'; category: string; option: string } | { kind: 'unmapped'; category: string }

/** Fills the defaults of the contract's mapping schema. */
export function withDefaults(m: Mapping | undefined): EffectiveMapping {
  return {
    salesAccountCode: m?.salesAccountCode ?? '200', bankAccountCode: m?.bankAccountCode ?? '090', defaultTaxType: m?.defaultTaxType ?? 'OUTPUT',
    zeroTaxType: m?.zeroTaxType ?? 'NONE', taxTypes: [...(m?.taxTypes ?? [])], accounts: [...(m?.accounts ?? [])],
    ...(m?.trackingCategory ? { trackingCategory: m.trackingCategory } : {}), locationOptions: [...(m?.locationOptions ?? [])],
  }
}

/** The tenant's mapping in effect. */
export async function effectiveMapping(ctx: XeroContext): Promise<EffectiveMapping> {
  return withDefaults((await savedMapping(ctx.db)) ?? ctx.config().mapping)
}

/** The Xero account code of a line. */
export function accountFor(m: EffectiveMapping, source: string | null): string {
  const hit = m.accounts.filter((a) => source?.startsWith(a.sourcePrefix)).sort((a, b) => b.sourcePrefix.length - a.sourcePrefix.length)[0]
  return hit?.accountCode ?? m.salesAccountCode
}

/** The Xero tax type of a rate. */
export function taxTypeFor(m: EffectiveMapping, rateBp: number): string {
  return m.taxTypes.find((t) => t.rateBp === rateBp)?.taxType ?? (rateBp === 0 ? m.zeroTaxType : m.defaultTaxType)
}

/** The tracking of a line sold at `locationId` (billing's `InvoiceLine.locationId`). */
export function trackingFor(m: EffectiveMapping, locationId: string | null | undefined): LineTracking {
  if (!m.trackingCategory || !locationId) return { kind: 'none' }
  const hit = m.locationOptions.find((o) => o.locationId === locationId)
  return hit ? { kind: 'option', category: m.trackingCategory, option: hit.option } : { kind: 'unmapped', category: m.trackingCategory }
}
