/**
 * Who pays: a person or an organisation of the members plugin, by id (billing stores no personal data).
 */

/** The kinds of payer. @public */
export const PAYER_TYPES = ['person', 'organisation'] as const

/** A person or an organisation. @public */
export type PayerType = (typeof PAYER_TYPES)[number]

/** A payer, by members' id. @public */
export interface Payer {
  payerType: PayerType
  payerId: string
}
