/**
 * Prices a booking through the payer's credits first, then money. For a booking of `minutes` on a resource with
 * `creditsPerHour` c and `perHour` p (minor units):
 *
 * - credits needed `n = ceil(c × minutes / 60)`; credits used `u = min(balance, n)`;
 * - full price `f = round_half_even(p × minutes / 60)`; the charge is `round_half_even(f × (n − u) / n)` (all of
 *   `f` when the resource has no credit price) and becomes an open charge (`booking:<id>`) for the next invoice.
 *
 * Cancelling at least `creditRefundWindowHours` before the start restores the credits and takes the charge back
 * (deleted while open, credited once invoiced); later cancellations keep both. Each step is idempotent by booking id.
 */
import { problem } from '@tessera/sdk'
import type { PluginContext } from '@tessera/sdk'
import { divRoundHalfEven } from './money.ts'
import { applyCredits, lockWallet } from './wallet.ts'
import { addCharge, removeCharge } from './invoicing.ts'
import { settings } from './billing-config.ts'
import { catalogOf } from './peer-services.ts'
import type { Payer } from './payer.ts'

/** What a booking cost. */
export interface BookingCharge {
  bookingId: string
  payerType: string
  payerId: string
  creditsUsed: number
  amount: number
  refunded: boolean
}

/** Input of {@link chargeBooking}. */
export interface ChargeBookingInput extends Payer {
  bookingId: string
  resourceId: string
  startsAt: string
  endsAt: string
}

const toCharge = (r: Record<string, any>): BookingCharge => ({
  bookingId: r.booking_id, payerType: r.payer_type, payerId: r.payer_id, creditsUsed: r.credits_used, amount: r.amount, refunded: r.refunded_at !== null,
})

/** Charges a booking once (a second call returns the first result). */
export async function chargeBooking(ctx: PluginContext, input: ChargeBookingInput): Promise<BookingCharge> {
  const payer: Payer = { payerType: input.payerType, payerId: input.payerId }
  await lockWallet(ctx, payer) // serialises charges of one payer
  const seen = await ctx.db.one(`SELECT booking_id, payer_type, payer_id, credits_used, amount::float8, refunded_at FROM billing.booking_charges WHERE booking_id = $1`, [input.bookingId])
  if (seen) return toCharge(seen)
  const resource = await catalogOf(ctx).getResource(input.resourceId)
  if (!resource) throw problem.unprocessable('No such resource.', [{ pointer: '/resourceId', detail: 'unknown resource' }])
  const currency = settings(ctx).currency
  if (resource.prices?.currency && resource.prices.currency !== currency) {
    throw problem.unprocessable(`The resource is priced in ${resource.prices.currency}, billing runs in ${currency}.`, [{ pointer: '/resourceId', detail: 'currency mismatch' }])
  }
  const minutes = Math.round((Date.parse(input.endsAt) - Date.parse(input.startsAt)) / 60_000)
  if (!(minutes > 0)) throw problem.unprocessable('The booking must end after it starts.')
  const perHour = resource.prices?.perHour ?? 0
  const creditsPerHour = resource.prices?.creditsPerHour ?? 0
  const needed = Math.ceil((creditsPerHour * minutes) / 60)
  const balance = await lockWallet(ctx, payer)
  const used = Math.min(balance, needed)
  const full = divRoundHalfEven(perHour * minutes, 60)
  const amount = needed > 0 ? divRoundHalfEven(BigInt(full) * BigInt(needed - used), needed) : full
  const when = `${input.startsAt.slice(0, 16).replace('T', ' ')}, ${minutes} min`
  if (used > 0) await applyCredits(ctx, payer, -used, `${resource.name} ${when}`, `booking:${input.bookingId}`)
  if (amount > 0) {
    await addCharge(ctx, {
      ...payer, description: `${resource.name} ${when}${used ? ` (${used} of ${needed} credits used)` : ''}`,
      unitAmount: amount, taxRateBp: 0, source: `booking:${input.bookingId}`,
    })
  }
  const row = await ctx.db.one(
    `INSERT INTO billing.booking_charges (booking_id, payer_type, payer_id, starts_at, credits_used, amount) VALUES ($1, $2, $3, $4, $5, $6)
     RETURNING booking_id, payer_type, payer_id, credits_used, amount::float8, refunded_at`,
    [input.bookingId, payer.payerType, payer.payerId, input.startsAt, used, amount])
  await ctx.events.publish('billing.booking.charged', { bookingId: input.bookingId, creditsUsed: used, amount })
  return toCharge(row!)
}

/**
 * Refunds a booking cancelled at `cancelledAt` (default now) if that is inside the refund window. Returns the charge
 * and whether this call refunded it; `undefined` when the booking was never charged.
 */
export async function refundBooking(ctx: PluginContext, bookingId: string, cancelledAt: Date = new Date()): Promise<{ charge: BookingCharge; refunded: boolean; reason?: string } | undefined> {
  const r = await ctx.db.one<Record<string, any>>(
    `SELECT booking_id, payer_type, payer_id, starts_at, credits_used, amount::float8, refunded_at FROM billing.booking_charges WHERE booking_id = $1 FOR UPDATE`, [bookingId])
  if (!r) return undefined
  if (r.refunded_at) return { charge: toCharge(r), refunded: false, reason: 'already refunded' }
  const windowMs = settings(ctx).creditRefundWindowHours * 3_600_000
  if (cancelledAt.getTime() > r.starts_at.getTime() - windowMs) return { charge: toCharge(r), refunded: false, reason: 'outside the refund window' }
  const payer: Payer = { payerType: r.payer_type, payerId: r.payer_id }
  if (r.credits_used > 0) await applyCredits(ctx, payer, r.credits_used, 'booking cancelled', `refund:booking:${bookingId}`)
  await removeCharge(ctx, `booking:${bookingId}`, 'Booking cancelled')
  const row = await ctx.db.one(`UPDATE billing.booking_charges SET refunded_at = now() WHERE booking_id = $1
    RETURNING booking_id, payer_type, payer_id, credits_used, amount::float8, refunded_at`, [bookingId])
  await ctx.events.publish('billing.booking.refunded', { bookingId, creditsRestored: r.credits_used, amount: r.amount })
  return { charge: toCharge(row!), refunded: true }
}
