/**
 * Verifies a Stripe webhook delivery and returns its event. The SDK's `constructEvent` checks the HMAC signature and
 * refuses a timestamp older than the tolerance, but accepts any timestamp in the future — so a signed delivery
 * captured once could be post-dated and replayed for as long as its clock said. This module refuses a `t=` more than
 * the same tolerance ahead of our clock first, from the header alone (before anything reads the body), and only then
 * hands the raw bytes to `constructEvent`.
 */
import type Stripe from 'stripe'

/** How far (seconds) a delivery's timestamp may be from our clock, either way: Stripe's default tolerance. */
export const WEBHOOK_TOLERANCE_SECONDS = 300

/** Why a delivery was refused. */
export class WebhookVerificationError extends Error {}

/** Every `t=` value of a `Stripe-Signature` header, parsed the way the SDK parses it (`parseInt`, base 10). */
function timestampsOf(header: string): number[] {
  return header.split(',').map((item) => item.split('=')).filter(([k]) => k === 't').map(([, v]) => Number.parseInt(v ?? '', 10))
}

/**
 * The verified event of one delivery, or a {@link WebhookVerificationError}: a timestamp more than `toleranceSeconds`
 * in the future or in the past, a missing timestamp, or a signature that does not match `raw` under `secret`.
 */
export function verifiedWebhookEvent(
  stripe: Stripe, raw: Buffer, header: string, secret: string,
  options: { toleranceSeconds?: number; now?: number } = {},
): Stripe.Event {
  const tolerance = options.toleranceSeconds ?? WEBHOOK_TOLERANCE_SECONDS
  const now = options.now ?? Date.now()
  const nowSeconds = Math.floor(now / 1000)
  const stamps = timestampsOf(header)
  if (stamps.length === 0 || stamps.some((t) => !Number.isSafeInteger(t))) throw new WebhookVerificationError('no timestamp in the signature header')
  if (stamps.some((t) => t - nowSeconds > tolerance)) throw new WebhookVerificationError('timestamp is in the future beyond the tolerance')
  try {
    return stripe.webhooks.constructEvent(raw, header, secret, tolerance, undefined, now)
  } catch (err) {
    throw new WebhookVerificationError((err as Error).message)
  }
}
