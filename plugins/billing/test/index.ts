/**
 * `@tessera/plugin-billing/testing`: what other packages' tests may use of billing's test kit — the faithful local
 * Stripe fake the real `stripe` SDK is pointed at (no test imports another package by relative path).
 */
export { startStripeFake } from './stripe-fake/stripe-fake.ts'
export type { StripeFake } from './stripe-fake/stripe-fake.ts'
export { STRIPE_JS_STANDIN } from './stripe-fake/stripe-js-standin.ts'
