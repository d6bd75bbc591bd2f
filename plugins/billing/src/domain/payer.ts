/** Who pays (the types live in the contract). */
import type { Payer } from '../contract/payer.ts'

export type { Payer, PayerType } from '../contract/payer.ts'

/** A stable text key of a payer, for idempotency keys and advisory locks. */
export const payerKey = (p: Payer): string => `${p.payerType}:${p.payerId}`
