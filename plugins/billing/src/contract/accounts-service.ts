/**
 * `billing.accounts`: put a line on a payer's next invoice (POS sales on account, other plugins' fees), or take it
 * back, once per natural key (`source`).
 */
import { defineServiceRef } from '@tessera/sdk'
import type { Payer } from './payer.ts'

/** A charge waiting for the payer's next invoice. @public */
export interface ChargeInput extends Payer {
  description: string
  /** Default 1. */
  quantity?: number
  /** Minor units of the tenant's currency. */
  unitAmount: number
  /** Basis points (20 % = 2000); default 0. */
  taxRateBp?: number
  /** Whether `unitAmount` includes tax; default: the tenant's `pricesIncludeTax`. */
  taxInclusive?: boolean
  /** Natural idempotency key, prefixed with the caller's plugin (e.g. `pos:<sale>:<line>`); the same source is charged once. */
  source: string
  /** The location of spaces the charge is sold at (a uuid; carried to the invoice line's `locationId`); default none. */
  locationId?: string | null
}

/** What {@link AccountsService.removeCharge} did. @public */
export type ChargeRemoval = 'none' | 'deleted' | 'credited'

/** `billing.accounts`. @public */
export interface AccountsService {
  /** Adds a line to the payer's next invoice once per `source`; false when that source was charged already. */
  addCharge(input: ChargeInput): Promise<boolean>
  /** Takes the charge of `source` back: removed while open, credited with a credit note once invoiced. */
  removeCharge(source: string, reason: string): Promise<ChargeRemoval>
  /** The tenant's currency (ISO 4217; amounts are minor units of it). */
  currency(): string
}

/** The ref of {@link AccountsService}. @public */
export const billingAccounts = defineServiceRef<AccountsService>({ plugin: 'billing', id: 'accounts', version: '^1.0.0' })
