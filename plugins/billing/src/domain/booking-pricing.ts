/**
 * Prices a booking through the payer's credits first, then money. For a booking of `minutes` on a resource with
 * `creditsPerHour` c, `perHour` p and `perDay` d (minor units):
 *
 * - credits needed `n = ceil(c × minutes / 60)`; credits used `u = min(balance, n)`;
 * - full price `f`: by the hour `round_half_even(p × minutes / 60)`, by the day `d × ceil(minutes / 1440)` (each
 *   started 24 hours is a day), the lower of the two when the resource has both (the day rate caps the hourly one);
 * - the charge is `round_half_even(f × (n − u) / n)` (all of `f` when the resource has no credit price) and becomes an
 *   open charge (`booking:<id>`) for the next invoice.
 *
 * Cancelling at least `creditRefundWindowHours` before the start restores the credits and takes the charge back
 * (deleted while open, credited once invoiced); later cancellations keep both. A booking moved or resized is priced
 * again for its new resource and times, once per booking revision (`repriceBooking`): the credits used are corrected
 * by the difference, and the money charge is replaced by one for the new price (deleted while open, credited with a
 * credit note once invoiced). Each step is idempotent by booking id (and revision).
 */
import { problem } from '@tessera/sdk'
import type { BillingContext } from './billing-config.ts'
import { divRoundHalfEven } from '../contract/money.ts'
import { applyCredits, lockWallet } from './wallet.ts'
import { addCharge, removeCharge } from './invoicing.ts'
import { settings } from './billing-config.ts'
import { spacesCatalog } from '@tessera/plugin-spaces/contract'
import type { CatalogResource, Prices } from '@tessera/plugin-spaces/contract'
import type { Payer } from './payer.ts'
import { bookingCharged, bookingRefunded, bookingRepriced } from '../contract/booking-events.ts'

/** What a booking cost. */
export interface BookingCharge {
  bookingId: string
  payerType: string
  payerId: string
  creditsUsed: number
  amount: number
  refunded: boolean
  /** The booking revision this charge prices. */
  revision: number
}

/** Input of {@link chargeBooking}. */
export interface ChargeBookingInput extends Payer {
  bookingId: string
  resourceId: string
  startsAt: string
  endsAt: string
  /** The booking's revision (0 when it was just made). */
  revision?: number
}

const COLS = 'booking_id, payer_type, payer_id, starts_at, credits_used, amount::float8, refunded_at, revision, charge_source'
const toCharge = (r: Record<string, any>): BookingCharge => ({
  bookingId: r.booking_id, payerType: r.payer_type, payerId: r.payer_id, creditsUsed: r.credits_used, amount: r.amount, refunded: r.refunded_at !== null, revision: r.revision,
})
const sourceOf = (r: Record<string, any>): string => r.charge_source ?? `booking:${r.booking_id}`

/** The money price of `minutes` on a resource without credits: by the hour, by the started day, or the lower of both. */
export function fullPrice(prices: Prices | undefined, minutes: number): number {
  const hourly = typeof prices?.perHour === 'number' ? divRoundHalfEven(BigInt(prices.perHour) * BigInt(minutes), 60) : undefined
  const daily = typeof prices?.perDay === 'number' ? prices.perDay * Math.ceil(minutes / 1440) : undefined
  if (hourly === undefined) return daily ?? 0
  return daily === undefined ? hourly : Math.min(hourly, daily)
}

/** A priced booking: credits needed and used, full price, what is charged in money, and a line description. */
export interface Price { resource: CatalogResource; minutes: number; needed: number; used: number; full: number; amount: number; label: string }

/** Prices `resourceId` from `startsAt` to `endsAt` for a payer holding `credits` (422: unknown resource, other currency). */
export async function price(ctx: BillingContext, resourceId: string, startsAt: string, endsAt: string, credits: number): Promise<Price> {
  const resource = await ctx.services.get(spacesCatalog).getResource(resourceId)
  if (!resource) throw problem.unprocessable('No such resource.', [{ pointer: '/resourceId', detail: 'unknown resource' }])
  const currency = settings(ctx).currency
  if (resource.prices?.currency && resource.prices.currency !== currency) {
    throw problem.unprocessable(`The resource is priced in ${resource.prices.currency}, billing runs in ${currency}.`, [{ pointer: '/resourceId', detail: 'currency mismatch' }])
  }
  const minutes = Math.round((Date.parse(endsAt) - Date.parse(startsAt)) / 60_000)
  if (!(minutes > 0)) throw problem.unprocessable('The booking must end after it starts.')
  const needed = Math.ceil(((resource.prices?.creditsPerHour ?? 0) * minutes) / 60)
  const used = Math.min(Math.max(credits, 0), needed)
  const full = fullPrice(resource.prices, minutes)
  const amount = needed > 0 ? divRoundHalfEven(BigInt(full) * BigInt(needed - used), needed) : full
  const label = `${resource.name} ${startsAt.slice(0, 16).replace('T', ' ')}, ${minutes} min`
  return { resource, minutes, needed, used, full, amount, label }
}

const describe = (p: Price) => `${p.label}${p.used ? ` (${p.used} of ${p.needed} credits used)` : ''}`

/** Charges a booking once (a second call returns the first result). */
export async function chargeBooking(ctx: BillingContext, input: ChargeBookingInput): Promise<BookingCharge> {
  const payer: Payer = { payerType: input.payerType, payerId: input.payerId }
  await lockWallet(ctx, payer) // serialises charges of one payer
  const seen = await ctx.db.one(`SELECT ${COLS} FROM billing.booking_charges WHERE booking_id = $1`, [input.bookingId])
  if (seen) return toCharge(seen)
  const p = await price(ctx, input.resourceId, input.startsAt, input.endsAt, await lockWallet(ctx, payer))
  if (p.used > 0) await applyCredits(ctx, payer, -p.used, p.label, `booking:${input.bookingId}`)
  if (p.amount > 0) await addCharge(ctx, { ...payer, description: describe(p), unitAmount: p.amount, taxRateBp: 0, source: `booking:${input.bookingId}`, locationId: p.resource.locationId })
  const row = await ctx.db.one(
    `INSERT INTO billing.booking_charges (booking_id, payer_type, payer_id, starts_at, credits_used, amount, revision) VALUES ($1, $2, $3, $4, $5, $6, $7)
     RETURNING ${COLS}`,
    [input.bookingId, payer.payerType, payer.payerId, input.startsAt, p.used, p.amount, input.revision ?? 0])
  await ctx.events.publish(bookingCharged, { bookingId: input.bookingId, creditsUsed: p.used, amount: p.amount })
  return toCharge(row!)
}

/** What {@link repriceBooking} did. */
export interface Repricing {
  charge: BookingCharge
  /** `charged`: not charged before, charged now at the new times; `repriced`; `unchanged`: this or a later revision was applied already, or the booking was refunded. */
  outcome: 'charged' | 'repriced' | 'unchanged'
  previous?: { creditsUsed: number; amount: number }
}

/**
 * Prices a moved or resized booking again, once per `revision` (a redelivered or older revision changes nothing).
 * Credits: the payer gets back what the booking used and it takes what the new price needs, as one wallet entry for
 * the difference; money: the charge of the old price is taken back (deleted while open, credited once invoiced) and
 * one for the new price added, unless the amount is unchanged and already invoiced. A booking not charged yet (its
 * `created` event is still on its way) is charged now at its new times.
 */
export async function repriceBooking(ctx: BillingContext, input: ChargeBookingInput & { revision: number }): Promise<Repricing> {
  const payer: Payer = { payerType: input.payerType, payerId: input.payerId }
  const balance = await lockWallet(ctx, payer)
  const r = await ctx.db.one<Record<string, any>>(`SELECT ${COLS} FROM billing.booking_charges WHERE booking_id = $1 FOR UPDATE`, [input.bookingId])
  if (!r) return { charge: await chargeBooking(ctx, input), outcome: 'charged' }
  if (r.revision >= input.revision || r.refunded_at) return { charge: toCharge(r), outcome: 'unchanged' }
  const p = await price(ctx, input.resourceId, input.startsAt, input.endsAt, balance + r.credits_used)
  const key = `booking:${input.bookingId}:r${input.revision}`
  if (p.used !== r.credits_used) await applyCredits(ctx, payer, r.credits_used - p.used, `${p.label} (moved)`, key)
  let source: string | null = r.charge_source
  const current = await ctx.db.one<{ invoice_id: string | null }>('SELECT invoice_id FROM billing.charges WHERE source = $1', [sourceOf(r)])
  if (p.amount !== r.amount || (current && current.invoice_id === null)) {
    await removeCharge(ctx, sourceOf(r), 'Booking moved')
    source = p.amount > 0 ? key : null
    if (p.amount > 0) await addCharge(ctx, { ...payer, description: describe(p), unitAmount: p.amount, taxRateBp: 0, source: key, locationId: p.resource.locationId })
  }
  const row = await ctx.db.one(
    `UPDATE billing.booking_charges SET starts_at = $2, credits_used = $3, amount = $4, revision = $5, charge_source = $6 WHERE booking_id = $1 RETURNING ${COLS}`,
    [input.bookingId, input.startsAt, p.used, p.amount, input.revision, source])
  await ctx.events.publish(bookingRepriced, {
    bookingId: input.bookingId, revision: input.revision, creditsUsed: p.used, amount: p.amount, previousCreditsUsed: r.credits_used, previousAmount: r.amount,
  })
  return { charge: toCharge(row!), outcome: 'repriced', previous: { creditsUsed: r.credits_used, amount: r.amount } }
}

/**
 * Refunds a booking cancelled at `cancelledAt` (default now) if that is inside the refund window. Returns the charge
 * and whether this call refunded it; `undefined` when the booking was never charged.
 */
export async function refundBooking(ctx: BillingContext, bookingId: string, cancelledAt: Date = new Date()): Promise<{ charge: BookingCharge; refunded: boolean; reason?: string } | undefined> {
  const r = await ctx.db.one<Record<string, any>>(`SELECT ${COLS} FROM billing.booking_charges WHERE booking_id = $1 FOR UPDATE`, [bookingId])
  if (!r) return undefined
  if (r.refunded_at) return { charge: toCharge(r), refunded: false, reason: 'already refunded' }
  const windowMs = settings(ctx).creditRefundWindowHours * 3_600_000
  if (cancelledAt.getTime() > r.starts_at.getTime() - windowMs) return { charge: toCharge(r), refunded: false, reason: 'outside the refund window' }
  const payer: Payer = { payerType: r.payer_type, payerId: r.payer_id }
  if (r.credits_used > 0) await applyCredits(ctx, payer, r.credits_used, 'booking cancelled', `refund:booking:${bookingId}`)
  await removeCharge(ctx, sourceOf(r), 'Booking cancelled')
  const row = await ctx.db.one(`UPDATE billing.booking_charges SET refunded_at = now() WHERE booking_id = $1 RETURNING ${COLS}`, [bookingId])
  await ctx.events.publish(bookingRefunded, { bookingId, creditsRestored: r.credits_used, amount: r.amount })
  return { charge: toCharge(row!), refunded: true }
}
