/**
 * The shapes POS expects from `billing` (accounts, payments) and `members` (directory) — declared, not imported (INV-2).
 */
import type { PluginContext } from '@tessera/sdk'

/** `billing.accounts`. */
export interface Accounts {
  addCharge(input: { payerType: 'person' | 'organisation'; payerId: string; description: string; quantity?: number; unitAmount: number; taxRateBp?: number; taxInclusive?: boolean; source: string }): Promise<boolean>
  currency(): string
}

/** `billing.payments`. */
export interface Payments {
  chargeCard(input: { amount: number; paymentMethodId: string; description: string; idempotencyKey: string; metadata?: Record<string, string> }): Promise<{ outcome: 'succeeded' | 'declined'; paymentIntentId?: string; declineCode?: string }>
  refundCard(input: { paymentIntentId: string; amount: number; idempotencyKey: string }): Promise<{ refundId: string }>
}

/** `members.directory` (the part used here). */
export interface Directory {
  getPerson(id: string): Promise<{ id: string; status: string } | undefined>
  getOrganisation(id: string): Promise<{ id: string } | undefined>
}

export const accountsOf = (ctx: PluginContext) => ctx.services.get<Accounts>('billing', 'accounts')
export const paymentsOf = (ctx: PluginContext) => ctx.services.get<Payments>('billing', 'payments')
export const directoryOf = (ctx: PluginContext) => ctx.services.get<Directory>('members', 'directory')
