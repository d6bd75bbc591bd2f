/**
 * `billing.accounts` (contract `billingAccounts`): POS and others put a line on a payer's next invoice, or take it
 * back.
 */
import type { AccountsService } from '../contract/accounts-service.ts'
import type { BillingContext } from '../domain/billing-config.ts'
import { settings } from '../domain/billing-config.ts'
import { addCharge, removeCharge } from '../domain/invoicing.ts'
import { requireLocation } from '../domain/location-check.ts'

/** Builds the service for `ctx`. */
export function accountsService(ctx: BillingContext): AccountsService {
  return {
    addCharge: async (input) => {
      await requireLocation(ctx, input.locationId, '/locationId')
      return addCharge(ctx, input)
    },
    removeCharge: (source, reason) => removeCharge(ctx, source, reason),
    currency: () => settings(ctx).currency,
  }
}
