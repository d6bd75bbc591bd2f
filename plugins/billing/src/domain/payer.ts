/** Who pays: a person or an organisation of the members plugin (by id; billing stores no personal data). */
export type PayerType = 'person' | 'organisation'

/** A payer. */
export interface Payer {
  payerType: PayerType
  payerId: string
}

/** A stable text key of a payer, for idempotency keys and advisory locks. */
export const payerKey = (p: Payer): string => `${p.payerType}:${p.payerId}`
