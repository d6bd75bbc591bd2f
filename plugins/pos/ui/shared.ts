/** What the POS screens share: product shape, money formatting, the billing currency, today's date. */
import { api } from '@tessera/ui-kit'

export interface Product {
  id: string
  sku: string
  name: string
  category: string | null
  price: number
  taxRateBp: number
  trackStock: boolean
  stock: number | null
  active: boolean
}

/** `12.34 €` style amounts from integer minor units. */
export function money(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100)
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency}`
  }
}

let currencyOnce: Promise<string> | undefined
/** Billing's currency (POS sells in it). */
export function posCurrency(): Promise<string> {
  currencyOnce ??= api<{ currency: string }>('/api/v1/billing/settings').then((s) => s.currency, (error) => { currencyOnce = undefined; throw error })
  return currencyOnce
}

/** Today as `YYYY-MM-DD` in the browser's zone (the report is by the configured POS timezone's day). */
export const today = (): string => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Roles holding `pos.reports` / `pos.manage`. */
export const canReport = (role: string | undefined): boolean => ['owner', 'admin', 'manager', 'finance'].includes(role ?? '')
export const canManage = (role: string | undefined): boolean => ['owner', 'admin', 'manager'].includes(role ?? '')

/** The daily sales report's download URL. */
export const reportUrl = (date: string): string => `/api/v1/pos/reports/daily.csv?date=${encodeURIComponent(date)}`
