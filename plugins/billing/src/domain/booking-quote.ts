/**
 * The price of a booking before it is made, moved or resized (`GET /booking-quote`), by the same pricing that charges
 * it (`booking-pricing.ts`: credits first, then money), for its payer: the caller's own person, or — for staff — the
 * person named. For a booking being changed (`bookingId`), the credits it already used count as available and its
 * current price comes back as `previous`, so a screen can say what the change costs. Nothing is written.
 */
import { problem } from '@tessera/sdk'
import { membersDirectory } from '@tessera/plugin-members/contract'
import { billingPermissions } from '../contract/permissions.ts'
import type { BookingQuote, BookingQuoteQuery } from '../contract/desk-schemas.ts'
import type { BillingContext } from './billing-config.ts'
import { settings } from './billing-config.ts'
import { price } from './booking-pricing.ts'
import type { Payer } from './payer.ts'

/** The payer a quote is for: the named person (staff), else the caller's own person, else nobody. */
async function quotePayer(ctx: BillingContext, personId: string | undefined): Promise<Payer | undefined> {
  const directory = ctx.services.get(membersDirectory)
  if (personId) {
    if (!ctx.can(billingPermissions.read)) throw problem.forbidden('You can only see the price of your own bookings.')
    if (!(await directory.getPerson(personId))) throw problem.unprocessable('No such person.', [{ pointer: '/querystring/personId', detail: 'no such person' }])
    return { payerType: 'person', payerId: personId }
  }
  const actor = ctx.actor()
  const self = actor.type === 'user' ? await directory.personByUserId(actor.id) : undefined
  return self ? { payerType: 'person', payerId: self.id } : undefined
}

/** What the booking in `q` would cost its payer. */
export async function quoteBooking(ctx: BillingContext, q: BookingQuoteQuery): Promise<BookingQuote> {
  if (Date.parse(q.endsAt) <= Date.parse(q.startsAt)) throw problem.badRequest('endsAt must be after startsAt.', [{ pointer: '/querystring/endsAt', detail: 'must be after startsAt' }])
  const payer = await quotePayer(ctx, q.personId)
  const balance = payer
    ? (await ctx.db.one<{ balance: number }>('SELECT balance FROM billing.wallets WHERE payer_type = $1 AND payer_id = $2', [payer.payerType, payer.payerId]))?.balance ?? 0
    : 0
  const charged = q.bookingId && payer
    ? await ctx.db.one<{ credits_used: number; amount: number }>(
        `SELECT credits_used, amount::float8 AS amount FROM billing.booking_charges
          WHERE booking_id = $1 AND payer_type = $2 AND payer_id = $3 AND refunded_at IS NULL`,
        [q.bookingId, payer.payerType, payer.payerId])
    : undefined
  const available = balance + (charged?.credits_used ?? 0)
  const p = await price(ctx, q.resourceId, q.startsAt, q.endsAt, available)
  return {
    currency: settings(ctx).currency, minutes: p.minutes, creditsNeeded: p.needed, creditsAvailable: available, creditsUsed: p.used,
    fullAmount: p.full, amount: p.amount, previous: charged ? { creditsUsed: charged.credits_used, amount: charged.amount } : null,
  }
}
