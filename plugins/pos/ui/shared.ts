/**
 * What the POS screens share: money formatting, the billing currency (per tenant), today's date, the report URL.
 * Server types come from the plugin's contract (type-only imports, erased by the build).
 */
import { api } from '@tessera/ui-kit'
import type { Tenant } from '@tessera/ui-kit'
import { perTenant } from './per-tenant.ts'

/** `12.34 €` style amounts from integer minor units. */
export function money(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100)
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`
  }
}

// billing's contract has no wire type for GET /settings yet: only the field read here is named
const currencyOf = perTenant(() => api<{ currency: string }>('/api/v1/billing/settings').then((s) => s.currency))
/** Billing's currency of `tenant` (POS sells in it), loaded once per tenant per page. */
export function posCurrency(tenant: Tenant | null): Promise<string> {
  return currencyOf(tenant?.id ?? '')
}

/** Today as `YYYY-MM-DD` in the browser's zone (the report is by the configured POS timezone's day). */
export const today = (): string => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The daily sales report's download URL. */
export const reportUrl = (date: string): string => `/api/v1/pos/reports/daily.csv?date=${encodeURIComponent(date)}`
