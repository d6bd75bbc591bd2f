/**
 * What the billing screens share: the API shapes, money and date formatting, status badges, and a person picker's
 * options (from the members plugin, which every billing role can read).
 */
import { api, can } from '@tessera/ui-kit'
import type { BillingPermission, Invoice, InvoiceStatus } from '@tessera/plugin-billing/contract'
import { tenantCache } from './tenant-cache.ts'

// The API shapes are billing's contract wire types (derived from the route schemas; type-only imports, erased by the
// UI build), so the screens cannot drift from what the routes return.
export type { Invoice, InvoiceLine, InvoiceStatus, Plan, Membership, Payment, MyPlan, Wallet, WalletPage } from '@tessera/plugin-billing/contract'

/** A page of items. */
export interface Page<T> {
  items: T[]
  total: number
}

/** `12.34 EUR` style amounts from integer minor units (two-decimal currencies, as billing's). */
export function money(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100)
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`
  }
}

/** Minor units from a decimal amount typed in a number field. */
export const toMinor = (value: number | null | undefined): number => Math.round((value ?? 0) * 100)

/** `2026-03-05` from an ISO timestamp or a date. */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '—')

export const STATUS_LABELS: Record<InvoiceStatus, string> = { draft: 'Draft', issued: 'Issued', paid: 'Paid', void: 'Void' }
export const STATUS_VARIANTS: Record<InvoiceStatus, string> = { draft: 'neutral', issued: 'warning', paid: 'success', void: 'danger' }

/** The invoice's number, or "Draft" / "Credit note draft". */
export const invoiceTitle = (inv: Invoice): string => inv.number ?? (inv.kind === 'credit_note' ? 'Credit note draft' : 'Draft invoice')

/** Whether the signed-in user may change billing data (`billing.manage`, from the UI manifest's permissions). */
export const canManage = (): boolean => can('billing.manage' satisfies BillingPermission)

/** People of the members plugin as select options (`Name (e-mail)`). */
export async function peopleOptions(): Promise<{ value: string; label: string }[]> {
  const page = await api<{ items: { id: string; name: string; email: string | null; status: string }[] }>('/api/v1/members/people', { query: { limit: 100, status: 'active' } })
  return page.items.map((p) => ({ value: p.id, label: p.email ? `${p.name} (${p.email})` : p.name }))
}

/** A fresh idempotency key for a money-moving request (one per user action, reused by its retries). */
export const idempotencyKey = (): string => crypto.randomUUID()

const currencies = tenantCache(async () => (await api<{ currency: string }>('/api/v1/billing/settings')).currency)
/** The billing currency of tenant `tenantId` (`GET /settings`, once per tenant and page: a tenant switch loads it again). */
export function billingCurrency(tenantId: string): Promise<string> {
  return currencies.get(tenantId)
}
