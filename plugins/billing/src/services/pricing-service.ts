/**
 * Services for other plugins: `pricing` (bookings: credits first, then a charge; re-pricing of moved bookings; refunds
 * by the window) and
 * `accounts` (POS and others: put a line on a payer's next invoice, or take it back).
 */
import type { PluginContext } from '@tessera/sdk'
import { chargeBooking, refundBooking, repriceBooking } from '../domain/booking-pricing.ts'
import type { BookingCharge, ChargeBookingInput, Repricing } from '../domain/booking-pricing.ts'
import { addCharge, removeCharge } from '../domain/invoicing.ts'
import type { ChargeInput } from '../domain/invoicing.ts'
import { walletOf } from '../domain/wallet.ts'
import type { Payer } from '../domain/payer.ts'

/** `billing.pricing`. @public */
export interface PricingService {
  chargeBooking(input: ChargeBookingInput): Promise<BookingCharge>
  /** Prices a moved or resized booking again, once per booking revision. */
  repriceBooking(input: ChargeBookingInput & { revision: number }): Promise<Repricing>
  refundBooking(bookingId: string, cancelledAt?: Date): Promise<{ charge: BookingCharge; refunded: boolean; reason?: string } | undefined>
  creditBalance(payer: Payer): Promise<number>
}

/** `billing.accounts`. @public */
export interface AccountsService {
  /** Adds a line to the payer's next invoice once per `source` (prefixed with the caller's plugin by convention, e.g. `pos:<sale>`). */
  addCharge(input: ChargeInput): Promise<boolean>
  /** Takes the charge of `source` back: removed while open, credited with a credit note once invoiced. */
  removeCharge(source: string, reason: string): Promise<'none' | 'deleted' | 'credited'>
  /** The tenant's currency. */
  currency(): string
}

export function pricingService(ctx: PluginContext): PricingService {
  return {
    chargeBooking: (input) => chargeBooking(ctx, input),
    repriceBooking: (input) => repriceBooking(ctx, input),
    refundBooking: (id, at) => refundBooking(ctx, id, at),
    creditBalance: async (payer) => (await walletOf(ctx, payer)).balance,
  }
}

export function accountsService(ctx: PluginContext): AccountsService {
  return {
    addCharge: (input) => addCharge(ctx, input),
    removeCharge: (source, reason) => removeCharge(ctx, source, reason),
    currency: () => ((ctx.config() as { currency?: string }).currency ?? 'EUR'),
  }
}
